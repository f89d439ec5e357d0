package vn.chiso.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ScoreHeaderTest {

    @Test
    void pointsWithTheirMaximum() {
        assertEquals(
                new ScoreHeader("Cải cách thể chế", new BigDecimal("11.5"), false),
                ScoreHeader.parse("Cải cách thể chế (11,5 điểm)"));
        assertEquals(
                new ScoreHeader("Công tác chỉ đạo, điều hành CCHC", new BigDecimal("9"), false),
                ScoreHeader.parse(" Công tác chỉ đạo, điều hành CCHC ( 9 điểm ) "));
        assertEquals(
                new BigDecimal("14.5"),
                ScoreHeader.parse("Cải cách TTHC (tối đa 14,5 điểm)").maxPoints());
        assertEquals(
                new BigDecimal("32"),
                ScoreHeader.parse("ĐIỂM ĐIỀU TRA XÃ HỘI HỌC (32 ĐIỂM)").maxPoints());
        assertNull(ScoreHeader.parse("Tổng điểm (điểm)").maxPoints(), "a unit without a maximum");
    }

    @Test
    void percentColumns() {
        assertEquals(new ScoreHeader("Chỉ số", null, true), ScoreHeader.parse("Chỉ số (%)"));
        assertEquals(
                "Tiếp cận dịch vụ", ScoreHeader.parse("Tiếp cận dịch vụ (%)").name());
    }

    @Test
    void headersWithoutAUnitAtTheirEnd() {
        assertNull(ScoreHeader.parse("Chỉ số"));
        assertNull(ScoreHeader.parse("Tỉnh/thành phố"));
        assertNull(ScoreHeader.parse("Chỉ số cải cách hành chính (PAR INDEX)"));
        assertNull(ScoreHeader.parse("(1)"));
        assertNull(ScoreHeader.parse(null));
    }
}
