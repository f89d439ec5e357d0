package vn.chiso.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderMappingTest {

    @Test
    void vietnameseWithAndWithoutDiacriticsUpperCaseAndEnglish() {
        for (String spelling : List.of("Mã hồ sơ", "Ma ho so", "MA_HO_SO", "mã hồ sơ ", "dossier_id", "Mã Hồ Sơ")) {
            assertEquals("dossier_id", HeaderMapping.of(List.of(spelling)).canonicalAt(0), spelling);
        }
        assertEquals("received_at", HeaderMapping.of(List.of("NGAY TIEP NHAN")).canonicalAt(0));
    }

    @Test
    void decomposedUnicodeHeadersMatch() {
        String nfd = java.text.Normalizer.normalize("Ngày hẹn trả", java.text.Normalizer.Form.NFD);
        assertEquals("due_at", HeaderMapping.of(List.of(nfd)).canonicalAt(0));
    }

    @Test
    void unknownAndRepeatedColumnsAreExtras() {
        HeaderMapping mapping = HeaderMapping.of(List.of("Mã hồ sơ", "Người nộp", "Ma ho so"));
        assertEquals("dossier_id", mapping.canonicalAt(0));
        assertNull(mapping.canonicalAt(1));
        assertNull(mapping.canonicalAt(2));
        assertEquals(1, mapping.knownColumns());
        assertEquals(List.of("received_at", "status"), mapping.missing(List.of("dossier_id", "received_at", "status")));
    }

    @Test
    void anIndexTableHeaderWithAUnitIsAScoreColumnNotAKeyField() {
        HeaderMapping annex = HeaderMapping.of(
                FileKind.INDEX_SCORES,
                List.of("STT", "Tỉnh/thành phố", "Cải cách thể chế (11,5 điểm)", "Chỉ số (%)", "Xếp hạng"),
                null);
        assertEquals("province", annex.canonicalAt(1));
        assertNull(annex.canonicalAt(3), "'Chỉ số (%)' holds the index's value, not its name");
        assertEquals("rank", annex.canonicalAt(4));
        assertEquals(
                "index",
                HeaderMapping.of(FileKind.INDEX_SCORES, List.of("Chỉ số", "Tỉnh"), null)
                        .canonicalAt(0),
                "without a unit, 'Chỉ số' still names the index of a long-form row");
    }

    @Test
    void anIndexTableAverageLineIsATotalsRow() {
        for (String label : List.of("Trung bình cả nước", "Giá trị trung bình", "Bình quân", "Cả nước", "Tổng cộng")) {
            assertEquals(true, TabularReader.isTotals(List.of("", label, "86,98", "")), label);
        }
        for (String province : List.of("Bình Dương", "Bình Định", "Cà Mau", "Trà Vinh", "Thái Bình")) {
            assertEquals(false, TabularReader.isTotals(List.of("1", province, "86,98", "3")), province);
        }
    }
}
