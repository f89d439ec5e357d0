package vn.chiso.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecordCsvTest {

    record Row(String name, BigDecimal score, Integer rank) {
    }

    @Test
    void writesBomHeaderAndQuotedCellsWithCrlf() {
        byte[] csv = RecordCsv.write(Row.class, List.of(
                new Row("Bà Rịa, Vũng Tàu", new BigDecimal("17.50"), 1),
                new Row("say \"hi\"\nthere", new BigDecimal("1E+1"), null)));

        assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo("\uFEFFname,score,rank\r\n"
                + "\"Bà Rịa, Vũng Tàu\",17.50,1\r\n"
                + "\"say \"\"hi\"\"\nthere\",10,\r\n");
        assertThat(csv[0]).isEqualTo((byte) 0xEF);
    }
}
