package vn.chiso.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table with its header in two languages, one row each (UNDP's PAPI sheets): the second is no record. */
class BilingualHeaderTest {

    @Test
    void theTranslatedHeaderRowIsSkippedAndTheFirstNamesTheColumns() throws Exception {
        String csv = String.join(
                        "\n",
                        "tinhid,tentinh_eng,tentinh_vie,Transparency,Poverty Lists",
                        "tinhid,tentinh_eng,tentinh_vie,\"Công khai, minh bạch\",Danh sách hộ nghèo",
                        "1,Ha Noi,Hà Nội,\"5,99\",\"2,57\"",
                        "2,Ha Giang,Hà Giang,\"4,83\",\"1,69\"")
                + "\n";
        List<TabularReader.Mapped> records = new ArrayList<>();
        try (TabularReader r = new TabularReader(
                SourceFormat.CSV.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ','),
                FileKind.INDEX_SCORES,
                SourceFormat.CSV)) {
            TabularReader.Mapped m;
            while ((m = r.next()) != null) {
                records.add(m);
            }
        }
        assertEquals(2, records.size());
        assertEquals(3, records.get(0).record().line());
        assertNull(records.get(0).problem());
        HeaderMapping header = records.get(0).mapping();
        assertEquals("province_code", header.canonicalAt(0));
        assertEquals("province", header.canonicalAt(2));
        assertEquals("Poverty Lists", header.header().get(4));
    }

    @Test
    void aRowRepeatsTheHeaderOnlyWhenEveryFieldColumnDoes() {
        List<String> header = List.of("tinhid", "tentinh_eng", "tentinh_vie", "Transparency");
        HeaderMapping mapping = HeaderMapping.of(FileKind.INDEX_SCORES, header, null);
        assertTrue(TabularReader.repeatsHeader(header, List.of("TINHID", "x", "tentinh_vie", "Công khai"), mapping));
        assertFalse(TabularReader.repeatsHeader(header, List.of("1", "Ha Noi", "Hà Nội", "5,99"), mapping));
        assertFalse(TabularReader.repeatsHeader(header, List.of("tinhid", "", "", ""), mapping));
    }

    @Test
    void spreadsheetColumnNames() {
        assertEquals("A", RecordFileReader.columnName(0));
        assertEquals("Z", RecordFileReader.columnName(25));
        assertEquals("AA", RecordFileReader.columnName(26));
        assertEquals("AF", RecordFileReader.columnName(31));
    }
}
