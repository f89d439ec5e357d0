package vn.chiso.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The messy spellings of numbers, dates, periods and provinces, table-driven. */
class ParsingTest {

    @ParameterizedTest(name = "count ''{0}'' = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "14.958|14958",
                "1.105 hồ sơ|1105",
                "1.105 HS|1105",
                "14 958|14958",
                "1,105|1105",
                "1.234.567|1234567",
                "0|0",
                "  42  |42",
                "1.105,00|1105",
                "14958,0|14958",
                "14958.0|14958",
                "+7|7",
            })
    void counts(String raw, long expected) {
        assertEquals(expected, VnNumbers.count(raw));
    }

    @ParameterizedTest(name = "not a count: ''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {"72,96", "99,46%", "-3", "abc", "1.10", "''", "12,5 hồ sơ"})
    void notCounts(String raw) {
        assertThrows(IllegalArgumentException.class, () -> VnNumbers.count(raw));
    }

    @ParameterizedTest(name = "decimal ''{0}'' = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "72,96|72.96",
                "99,46%|99.46",
                "99,46 %|99.46",
                "14.958|14958",
                "72.96|72.96",
                "1.234,5|1234.5",
                "1,234.5|1234.5",
                "0,125|0.125",
                "100|100",
                "-2,5|-2.5",
                "1.105 hồ sơ|1105",
                "1.425715804|1.425715804",
                "0.625|0.625",
            })
    void decimals(String raw, String expected) {
        assertEquals(new BigDecimal(expected), VnNumbers.decimal(raw));
    }

    @ParameterizedTest(name = "date ''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "25/05/2018|2018-05-25T00:00",
                "25-5-2018|2018-05-25T00:00",
                "25.05.2018|2018-05-25T00:00",
                "5/1/2024 8:05|2024-01-05T08:05",
                "25/05/2018 14:03|2018-05-25T14:03",
                "25/05/2018 14h03|2018-05-25T14:03",
                "25/05/2018 14:03:59|2018-05-25T14:03:59",
                "2018-05-25|2018-05-25T00:00",
                "2018-05-25 14:03|2018-05-25T14:03",
                "2018-05-25T14:03:00|2018-05-25T14:03",
                "2018/05/25|2018-05-25T00:00",
                "43245|2018-05-25T00:00",
                "43245,5|2018-05-25T12:00",
                "43245.585416667|2018-05-25T14:03",
            })
    void dates(String raw, String expected) {
        assertEquals(LocalDateTime.parse(expected), VnDates.parse(raw));
    }

    @ParameterizedTest(name = "not a date: ''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {"31/02/2024", "32/13/2024", "2024-13-01", "hôm qua", "123", "25/05/18"})
    void notDates(String raw) {
        assertNull(VnDates.parse(raw));
    }

    @ParameterizedTest(name = "period ''{0}'' = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Năm 2024|year|2024|2024-01-01|2024-12-31",
                "2024|year|2024|2024-01-01|2024-12-31",
                "Quý II/2024|quarter|2024-Q2|2024-04-01|2024-06-30",
                "quý 2 năm 2024|quarter|2024-Q2|2024-04-01|2024-06-30",
                "Q3 2024|quarter|2024-Q3|2024-07-01|2024-09-30",
                "2024-Q4|quarter|2024-Q4|2024-10-01|2024-12-31",
                "6 tháng đầu năm 2024|half|2024-H1|2024-01-01|2024-06-30",
                "6 tháng cuối năm 2024|half|2024-H2|2024-07-01|2024-12-31",
                "2025-H1|half|2025-H1|2025-01-01|2025-06-30",
                "Tháng 5/2024|month|2024-05|2024-05-01|2024-05-31",
                "tháng 2 năm 2024|month|2024-02|2024-02-01|2024-02-29",
                "T05-2024|month|2024-05|2024-05-01|2024-05-31",
                "05/2024|month|2024-05|2024-05-01|2024-05-31",
                "2024-05|month|2024-05|2024-05-01|2024-05-31",
                "THANG 12 NAM 2023|month|2023-12|2023-12-01|2023-12-31",
            })
    void periods(String raw, String type, String label, String start, String end) {
        ReportingPeriod p = ReportingPeriod.parse(raw);
        assertEquals(type, p.type(), raw);
        assertEquals(label, p.label());
        assertEquals(LocalDate.parse(start), p.start());
        assertEquals(LocalDate.parse(end), p.end());
    }

    @ParameterizedTest(name = "period in a title: ''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT TTHC QUÝ II NĂM 2024|2024-Q2",
                "Kỳ báo cáo: Tháng 5 năm 2024 (từ 15/4 đến 14/5)|2024-05",
                "Báo cáo 6 tháng đầu năm 2025|2025-H1",
            })
    void periodInTitle(String title, String label) {
        assertEquals(label, ReportingPeriod.find(title).label());
    }

    @ParameterizedTest(name = "range {0}..{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-08-01|2026-08-31|2026-08",
                "2026-07-01|2026-09-30|2026-Q3",
                "2026-01-01|2026-12-31|2026",
                "2026-01-01|2026-06-30|2026-H1"
            })
    void ranges(String from, String to, String label) {
        assertEquals(
                label,
                ReportingPeriod.ofRange(LocalDate.parse(from), LocalDate.parse(to))
                        .label());
    }

    @ParameterizedTest(name = "province ''{0}'' on {1} = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Tỉnh Phú Thọ|2024-01-01|25",
                "UBND tỉnh Phú Thọ|2026-08-01|25",
                "TP. Hồ Chí Minh|2024-01-01|79",
                "Thành phố Hồ Chí Minh|2024-01-01|79",
                "TP HCM|2024-01-01|79",
                "Ho Chi Minh City|2020-01-01|79",
                "Hanoi|2020-01-01|01",
                "Thủ đô Hà Nội|2020-01-01|01",
                "HA NOI|2020-01-01|01",
                "Thừa Thiên Huế|2024-01-01|46",
                "Thừa Thiên Huế|2025-08-01|46",
                "Thua Thien Hue|2015-01-01|46",
                "Huế|2025-08-01|46",
                "Quảng Trị|2024-01-01|45",
                "Quảng Trị|2025-07-01|44",
                "Quảng Bình|2025-06-30|44",
                "Ba Ria - Vung Tau|2020-01-01|77",
                "Dak Lak|2020-01-01|66",
                "Thanh Hoá|2020-01-01|38",
                "1|2024-01-01|01",
                "44|2024-01-01|44",
            })
    void provinces(String raw, String on, String code) {
        Provinces.Resolution r = Provinces.get().resolve(raw, LocalDate.parse(on));
        assertTrue(r.ok(), r.message());
        assertEquals(code, r.unit().code());
    }

    @ParameterizedTest(name = "province ''{0}'' on {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Bắc Giang|2025-07-01|UNIT_NOT_VALID_ON_DATE",
                "Hà Giang|2026-01-01|UNIT_NOT_VALID_ON_DATE",
                "02|2026-01-01|UNIT_NOT_VALID_ON_DATE",
                "Atlantis|2024-01-01|UNKNOWN_PROVINCE",
                "99|2024-01-01|UNKNOWN_PROVINCE",
            })
    void provincesNotValidOnDate(String raw, String on, String reason) {
        Provinces.Resolution r = Provinces.get().resolve(raw, LocalDate.parse(on));
        assertEquals(reason, r.reasonCode(), r.message());
    }

    @org.junit.jupiter.api.Test
    void nfdAndNfcTextCompareEqual() {
        String nfd = Normalizer.normalize("Thừa Thiên Huế", Normalizer.Form.NFD);
        assertEquals("Thừa Thiên Huế", VnText.nfc(nfd));
        assertEquals(VnText.key("Mã hồ sơ"), VnText.key(Normalizer.normalize("Mã hồ sơ", Normalizer.Form.NFD)));
        assertEquals(
                "46",
                Provinces.get().resolve(nfd, LocalDate.of(2024, 1, 1)).unit().code());
        assertTrue(Provinces.get()
                .resolve("Hà Giang", LocalDate.of(2026, 1, 1))
                .message()
                .contains("merged into 08 Tuyên Quang"));
        Provinces.Resolution haTay = Provinces.get().resolve("Hà Tây", LocalDate.of(2006, 1, 1));
        assertEquals(Provinces.UNKNOWN_PROVINCE, haTay.reasonCode());
        assertEquals(
                "province 'Hà Tây' is a former province, merged into 01 Hà Nội on 2008-08-01; not one of the "
                        + "63 provinces, and its figures are not Hà Nội's",
                haTay.message());
    }
}
