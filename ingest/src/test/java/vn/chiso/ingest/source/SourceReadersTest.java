package vn.chiso.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.ingest.fixtures.Fixtures;

/** Formats, encodings, header location and rejections, without Spark. */
class SourceReadersTest {

    static final HadoopConf CONF = new HadoopConf(new Configuration());

    static List<TabularReader.Mapped> readAll(SourceFile f) throws Exception {
        List<TabularReader.Mapped> out = new ArrayList<>();
        try (InputStream in = CONF.open(f.path());
                TabularReader r = new TabularReader(f.format().open(in, f.delimiter()), f.kind(), f.format())) {
            TabularReader.Mapped m;
            while ((m = r.next()) != null) {
                out.add(m);
            }
        }
        return out;
    }

    static String field(TabularReader.Mapped m, String canonical) {
        int i = m.mapping().positionOf(canonical);
        return i < 0 || i >= m.record().values().size()
                ? null
                : m.record().values().get(i);
    }

    @Test
    void xlsxWithInstructionsSheetTitleRowsTwoDataSheetsAndTotals(@TempDir Path tmp) throws Exception {
        Path file;
        try (Fixtures.Workbook wb = new Fixtures.Workbook()) {
            wb.sheet("Hướng dẫn").row("Điền mỗi hồ sơ một dòng").row("Ngày theo dd/mm/yyyy");
            wb.sheet("Tháng 1")
                    .row("ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ")
                    .row("DANH SÁCH HỒ SƠ THÁNG 1/2024")
                    .blankRow()
                    .row(
                            "MA HO SO",
                            "Tên đơn vị",
                            "Mã đơn vị",
                            "Cấp",
                            "Mã tỉnh",
                            "Kênh nộp",
                            "NGÀY TIẾP NHẬN",
                            "Ngày hẹn trả",
                            "Ngày trả kết quả",
                            "Trạng thái",
                            "Ghi chú")
                    .row(
                            "PT-1",
                            "Sở Tư pháp",
                            "25.S01",
                            "Tỉnh",
                            25,
                            "Trực tuyến",
                            LocalDateTime.of(2024, 1, 2, 8, 15),
                            new Fixtures.Raw(45299.5),
                            "05/01/2024 10:00",
                            "Đã giải quyết trước hạn",
                            "nộp hộ")
                    .row(
                            "PT-2",
                            "Sở Tư pháp",
                            "25.S01",
                            "Tỉnh",
                            25,
                            "Trực tiếp",
                            "2024-01-03 09:00",
                            "10-1-2024",
                            null,
                            "Đang giải quyết trong hạn")
                    .row("Tổng cộng", null, null, null, null, null, null, null, null, "2 hồ sơ");
            wb.sheet("Tháng 2")
                    .row(
                            "Trạng thái",
                            "dossier_id",
                            "received_at",
                            "due_at",
                            "resolved_at",
                            "Mã tỉnh",
                            "Cấp",
                            "Mã đơn vị",
                            "Kênh nộp")
                    .row(
                            "Đang giải quyết quá hạn",
                            "PT-3",
                            "01/02/2024 08:00",
                            "02/02/2024 08:00",
                            null,
                            25,
                            "Xã",
                            "25.X1",
                            "Bưu chính");
            file = wb.write(tmp.resolve("ho_so.xlsx"));
        }
        SourceFile f = FileProbe.probe(file.toString(), CONF);
        assertNull(f.rejection());
        assertEquals(FileKind.DOSSIERS, f.kind());
        assertEquals(SourceFormat.XLSX, f.format());
        List<TabularReader.Mapped> rows = readAll(f);
        assertEquals(4, rows.size(), "3 dossiers and a totals row; instructions and titles are not records");
        assertEquals("PT-1", field(rows.get(0), "dossier_id"));
        assertEquals(5, rows.get(0).record().line(), "Excel's own row number");
        assertEquals("2024-01-02 08:15:00", field(rows.get(0), "received_at"), "date cells become ISO text");
        assertEquals("45299,5", field(rows.get(0), "due_at"), "an unformatted serial stays a number");
        assertEquals("25", field(rows.get(0), "province_code"));
        assertTrue(rows.get(2).problem().startsWith("TOTALS_ROW"), rows.get(2).problem());
        assertEquals("Tháng 2", rows.get(3).record().sheet());
        assertEquals("PT-3", field(rows.get(3), "dossier_id"), "the second sheet has its own column order");
    }

    @Test
    void reportWithMergedTwoRowHeaderAndColumnNumbers(@TempDir Path tmp) throws Exception {
        Path file;
        try (Fixtures.Workbook wb = new Fixtures.Workbook()) {
            wb.sheet("Biểu 06")
                    .row("UBND TỈNH PHÚ THỌ")
                    .row("TÌNH HÌNH GIẢI QUYẾT TTHC QUÝ II NĂM 2024")
                    .row(
                            "STT",
                            "Đơn vị",
                            "Số hồ sơ nhận giải quyết",
                            null,
                            null,
                            "Số hồ sơ đã giải quyết",
                            null,
                            null,
                            "Số hồ sơ đang giải quyết",
                            null,
                            "Tỷ lệ đúng hạn")
                    .row(
                            null,
                            null,
                            "Kỳ trước chuyển qua",
                            "Mới tiếp nhận",
                            "Bưu chính",
                            "Trước hạn",
                            "Đúng hạn",
                            "Quá hạn",
                            "Trong hạn",
                            "Quá hạn",
                            null)
                    .row("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)")
                    .row(1, "Sở Tư pháp", 120, "1.105", 14, 900, 250, 20, 50, 5, new Fixtures.Percent(0.9946))
                    .row("Tổng cộng", null, 120, 1105, 14, 900, 250, 20, 50, 5, null)
                    .merge(2, 3, 0, 0)
                    .merge(2, 3, 1, 1)
                    .merge(2, 2, 2, 4)
                    .merge(2, 2, 5, 7)
                    .merge(2, 2, 8, 9);
            file = wb.write(tmp.resolve("bao_cao_q2.xlsx"));
        }
        SourceFile f = FileProbe.probe(file.toString(), CONF);
        assertNull(f.rejection());
        assertEquals(FileKind.UNIT_REPORTS, f.kind());
        List<TabularReader.Mapped> rows = readAll(f);
        assertEquals(2, rows.size(), "column-number row skipped; totals row kept as a non-record");
        TabularReader.Mapped r = rows.get(0);
        assertEquals("Sở Tư pháp", field(r, "unit_name"));
        assertEquals("120", field(r, "carried_over"));
        assertEquals("1.105", field(r, "received"));
        assertEquals("20", field(r, "resolved_late"), "'Quá hạn' under 'đã giải quyết'");
        assertEquals("5", field(r, "pending_overdue"), "'Quá hạn' under 'đang giải quyết'");
        assertEquals("99,46%", field(r, "on_time_ratio"), "percent cells read in percent");
        assertTrue(r.preamble().contains("QUÝ II NĂM 2024"));
        assertTrue(rows.get(1).problem().startsWith("TOTALS_ROW"));
    }

    @Test
    void encodingsAndNormalForms(@TempDir Path tmp) throws Exception {
        String header = "Mã hồ sơ;Ngày tiếp nhận;Trạng thái;Tên đơn vị";
        String row = "A1;25/05/2018;Đã giải quyết đúng hạn;UBND xã Ưng Hòa";
        Path w1258 = tmp.resolve("cp1258.csv");
        Files.write(w1258, Fixtures.windows1258(header + "\r\n" + row + "\r\n"));
        Path utf16 = Fixtures.text(tmp, "utf16.csv", StandardCharsets.UTF_16LE, true, List.of(header, row));
        Path utf16NoBom = Fixtures.text(tmp, "utf16-nobom.csv", StandardCharsets.UTF_16LE, false, List.of(header, row));
        Path bom = Fixtures.text(tmp, "bom.csv", StandardCharsets.UTF_8, true, List.of(header, row));
        Path nfd = Fixtures.text(
                tmp, "nfd.csv", StandardCharsets.UTF_8, false, List.of(Fixtures.nfd(header), Fixtures.nfd(row)));
        for (Path p : List.of(w1258, utf16, utf16NoBom, bom, nfd)) {
            SourceFile f = FileProbe.probe(p.toString(), CONF);
            assertNull(f.rejection(), p.toString());
            assertEquals(';', f.delimiter());
            List<TabularReader.Mapped> rows = readAll(f);
            assertEquals(1, rows.size(), p.toString());
            assertEquals(
                    "UBND xã Ưng Hòa", vn.chiso.ingest.parse.VnText.nfc(field(rows.get(0), "unit_name")), p.toString());
        }
    }

    @Test
    void jsonArraysEnvelopesAndJsonLines(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("hs.json");
        Files.writeString(
                json,
                "{\"total\": 2, \"data\": {\"items\": [{\"dossier_id\": \"J1\", \"received_at\": "
                        + "\"2024-01-02 08:00\", \"status\": \"Đã giải quyết đúng hạn\", \"don_vi\": {\"ma\": \"25.S01\"}, "
                        + "\"so_trang\": 12.50}, {\"Mã hồ sơ\": \"J2\", \"Ngày tiếp nhận\": \"03/01/2024\", \"Trạng thái\": "
                        + "\"Đang giải quyết trong hạn\"}]}}");
        Path jsonl = tmp.resolve("hs.jsonl");
        Files.writeString(
                jsonl,
                "{\"MA_HO_SO\": \"L1\", \"NGAY_TIEP_NHAN\": \"02/01/2024\", \"TRANG_THAI\": \"Trễ hạn\"}\n"
                        + "not json\n{\"MA_HO_SO\": \"L2\", \"NGAY_TIEP_NHAN\": \"02/01/2024\", \"TRANG_THAI\": \"Trễ hạn\"}\n");
        SourceFile f = FileProbe.probe(json.toString(), CONF);
        assertEquals(SourceFormat.JSON, f.format());
        assertEquals(FileKind.DOSSIERS, f.kind());
        List<TabularReader.Mapped> rows = readAll(f);
        assertEquals(2, rows.size());
        assertEquals("J2", field(rows.get(1), "dossier_id"), "records may spell keys differently");
        assertTrue(rows.get(0).record().names().contains("don_vi.ma"), "nested objects are flattened");
        assertEquals(
                "12,5",
                rows.get(0).record().values().get(rows.get(0).record().names().indexOf("so_trang")));
        SourceFile l = FileProbe.probe(jsonl.toString(), CONF);
        assertEquals(SourceFormat.JSONL, l.format());
        List<TabularReader.Mapped> lines = readAll(l);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).problem().startsWith("MALFORMED_ROW"));
        assertEquals(3, lines.get(2).record().line());
    }

    @Test
    void filesThatCannotBeReadAreRejectedWithTheProblem(@TempDir Path tmp) throws Exception {
        Path empty = Files.write(tmp.resolve("empty.csv"), new byte[0]);
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Path binary = Files.write(tmp.resolve("junk.csv"), junk);
        Path utf32 = Files.write(
                tmp.resolve("utf32.csv"),
                ("Mã hồ sơ,Ngày tiếp nhận,Trạng thái\nA,01/01/2024,Trễ hạn\n").getBytes(Charset.forName("UTF-32LE")));
        Path unknown = Fixtures.text(tmp, "unknown.csv", StandardCharsets.UTF_8, false, List.of("a;b;c", "1;2;3"));
        Path lacking =
                Fixtures.text(tmp, "lacking.csv", StandardCharsets.UTF_8, false, List.of("Mã hồ sơ,Tên đơn vị", "A,B"));
        Path good;
        try (Fixtures.Workbook wb = new Fixtures.Workbook()) {
            wb.sheet("a").row("Mã hồ sơ", "Ngày tiếp nhận", "Trạng thái").row("A", "01/01/2024", "Trễ hạn");
            good = wb.write(tmp.resolve("good.xlsx"));
        }
        byte[] whole = Files.readAllBytes(good);
        Path truncated = Files.write(tmp.resolve("truncated.xlsx"), Arrays.copyOf(whole, whole.length / 2));
        Path notRecords = Files.writeString(tmp.resolve("config.json"), "{\"a\": 1, \"b\": [1, 2]}");
        Path portalNoPeriod = Files.writeString(
                tmp.resolve("capture.json"),
                "{\"code\":\"OK\",\"data\":{\"parent\":{\"departmentId\":\"x\",\"departmentName\":\"UBND tỉnh Phú Thọ\","
                        + "\"totalReceived\":1,\"totalOnTime\":1},\"children\":[]}}");
        assertRejected(empty, "empty file");
        assertRejected(binary, "not readable text");
        assertRejected(utf32, "not readable text");
        assertRejected(unknown, "header has no known column: a | b | c");
        assertRejected(lacking, "header lacks required column(s) [received_at, status]");
        assertRejected(truncated, "XLSX");
        assertRejected(notRecords, "JSON has no array of records");
        assertRejected(portalNoPeriod, "portal capture without a period");
        assertNull(FileProbe.probe(good.toString(), CONF).rejection());
    }

    private static void assertRejected(Path file, String problem) {
        SourceFile f = FileProbe.probe(file.toString(), CONF);
        assertTrue(f.rejected(), file + " should be rejected");
        assertTrue(f.rejection().contains(problem), file + ": " + f.rejection());
    }
}
