package vn.chiso.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCsvTest {

    record Row(String name, BigDecimal score, Integer rank) {}

    @Test
    void writesBomHeaderAndQuotedCellsWithCrlf() {
        byte[] csv = RecordCsv.write(
                Row.class,
                List.of(
                        new Row("Bà Rịa, Vũng Tàu", new BigDecimal("17.50"), 1),
                        new Row("say \"hi\"\nthere", new BigDecimal("1E+1"), null)));

        assertThat(new String(csv, StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFname,score,rank\r\n"
                        + "\"Bà Rịa, Vũng Tàu\",17.50,1\r\n"
                        + "\"say \"\"hi\"\"\nthere\",10.00,\r\n");
        assertThat(csv[0]).isEqualTo((byte) 0xEF);
    }

    @Test
    void textCellsThatLookLikeFormulasAreNeutralisedButNumbersStayNumbers() {
        byte[] csv = RecordCsv.write(
                Row.class,
                List.of(
                        new Row("=HYPERLINK(\"http://evil\",\"x\")", new BigDecimal("-3.25"), -2),
                        new Row("+1+1", null, null),
                        new Row("-1+1", null, null),
                        new Row("@SUM(A1:A9)", null, null),
                        new Row("\tTab", null, null),
                        new Row("\rCR", null, null),
                        new Row("Hà Nội - 2", null, null)));

        assertThat(new String(csv, StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFname,score,rank\r\n"
                        + "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-3.25,-2\r\n"
                        + "'+1+1,,\r\n"
                        + "'-1+1,,\r\n"
                        + "'@SUM(A1:A9),,\r\n"
                        + "'\tTab,,\r\n"
                        + "\"'\rCR\",,\r\n"
                        + "Hà Nội - 2,,\r\n");
    }
}
