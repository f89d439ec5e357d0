package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.ReferenceFiles;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.LineageCheck;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.fixtures.Fixtures;

/**
 * One batch with every kind of file provinces send, in their messy formats, into a real Delta
 * lake: each kind lands in its silver table, the portal captures' figures come out unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class IngestKindsTest {

    private final SparkSession spark = TestSpark.session();
    private String lake;
    private IngestReport report;
    private Path in;

    @BeforeAll
    void ingestOneBatchOfEveryKind(@TempDir Path tmp) throws Exception {
        lake = TestSpark.newLake(tmp, "lake");
        in = tmp.resolve("in");
        writeDossiers(in.resolve("dossiers"));
        writeReports(in.resolve("reports"));
        writeSurvey(in.resolve("survey"));
        writeIndices(in.resolve("indices"));
        List<String> inputs = new ArrayList<>(List.of(in.toString()));
        for (String group : PORTAL_GROUPS) {
            inputs.add(portalFile(group).toString());
        }
        report = new IngestJob(spark, lake, m -> {}).run(inputs);
    }

    /** The six evaluation groups of Decision 766 the portal exports. */
    static final List<String> PORTAL_GROUPS = List.of(
            "dvc-progress-tree",
            "transparency",
            "handling-satisfaction",
            "provide-online-tree",
            "formality-online-payment-tree",
            "dossier-digitized");

    static Path portalFile(String group) {
        return ReferenceFiles.path("raw/portal_766_phutho/fixtures/" + group + "/month-all.json")
                .toAbsolutePath();
    }

    private IngestReport.FileResult result(String nameEnd) {
        return report.files().stream()
                .filter(f -> f.sourceFile().endsWith(nameEnd))
                .findFirst()
                .orElseThrow(() -> new AssertionError(nameEnd + " not in " + report.files()));
    }

    @Test
    void everyFileIsReconciledAndEveryKindRecorded() {
        for (IngestReport.FileResult f : report.files()) {
            assertEquals(f.rowsRead(), f.rowsAccepted() + f.rowsQuarantined(), f.sourceFile());
            assertTrue(
                    f.status().equals(IngestJob.LOADED) || f.status().equals(IngestJob.REFERENCE),
                    f.sourceFile() + " " + f.status() + " " + f.message());
        }
        Map<String, String> kinds = new HashMap<>();
        LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                .collectAsList()
                .forEach(r -> kinds.put(r.getAs("source_file"), r.getAs("kind")));
        assertEquals("dossiers", kinds.get(result("ho_so_1258.csv").sourceFile()));
        assertEquals("unit_reports", kinds.get(result("bao_cao_q2.xlsx").sourceFile()));
        assertEquals(
                "portal_evaluations",
                kinds.get(result("transparency/month-all.json").sourceFile()));
        assertEquals("survey_responses", kinds.get(result("phieu_sipas.csv").sourceFile()));
        assertEquals("index_scores", kinds.get(result("2011.csv").sourceFile()));
        assertEquals(IngestJob.REFERENCE, result("codebook_provinces.csv").status());
        assertTrue(LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY)
                        .select("table_name")
                        .distinct()
                        .count()
                >= 5);
    }

    // ---- dossiers ----------------------------------------------------------------------------------

    static final String HEADER = "Mã hồ sơ;Mã đơn vị;Tên đơn vị;Cấp;Tỉnh/Thành phố;Kênh nộp;Ngày tiếp nhận;"
            + "Ngày hẹn trả;Ngày trả kết quả;Trạng thái;Người nộp";

    static void writeDossiers(Path dir) throws Exception {
        Files.createDirectories(dir);
        String body = String.join(
                        "\r\n",
                        HEADER,
                        "HT-1;42.S01;Sở Tư pháp;Tỉnh;Tỉnh Hà Tĩnh;Trực tuyến;25/05/2018 14:03;28-5-2018;2018-05-26 09:00;"
                                + "Đã giải quyết trước hạn;Nguyễn Thị Hương",
                        "HT-2;42.S01;Sở Tư pháp;Tỉnh;TP. Hồ Chí Minh;Trực tiếp;43245;43250;;Đang giải quyết trong hạn;Lê Văn Ưng",
                        "TQ-1;08.S01;Sở Tư pháp;Tỉnh;08;Trực tiếp;01/08/2025 08:00;05/08/2025 17:00;;Đang giải quyết trong hạn;x",
                        "HG-1;02.S01;Sở Tư pháp;Tỉnh;02;Trực tiếp;01/08/2025 08:00;05/08/2025 17:00;;Đang giải quyết trong hạn;x",
                        "BG-1;24.H01;UBND huyện Yên Thế;Huyện;Bắc Giang;Trực tiếp;02/07/2025 08:00;05/07/2025;;Đang giải quyết trong hạn;x",
                        "Tổng cộng: 5 hồ sơ;;;;;;;;;;")
                + "\r\n";
        Files.write(dir.resolve("ho_so_1258.csv"), Fixtures.windows1258(body));
        Files.writeString(
                dir.resolve("ho_so.json"),
                "[{\"dossier_id\": \"J-1\", \"unit_code\": \"25.S01\", "
                        + "\"unit_level\": \"province\", \"province_code\": \"25\", \"channel\": \"online\", \"received_at\": "
                        + "\"2024-03-01 08:00\", \"due_at\": \"2024-03-05 17:00\", \"status\": \"pending_within_deadline\", "
                        + "\"ghi_chu\": \"khẩn\"}]");
        Files.writeString(
                dir.resolve("ho_so.jsonl"),
                "{\"MA_HO_SO\": \"L-1\", \"MA_DON_VI\": \"25.S01\", \"CAP\": \"Tỉnh\","
                        + " \"MA_TINH\": \"25\", \"KENH_NOP\": \"Trực tuyến\", \"NGAY_TIEP_NHAN\": \"02/03/2024\", "
                        + "\"NGAY_HEN_TRA\": \"05/03/2024\", \"TRANG_THAI\": \"Đang giải quyết quá hạn\"}\n");
        try (Fixtures.Workbook wb = new Fixtures.Workbook()) {
            wb.sheet("Hướng dẫn").row("Mỗi hồ sơ một dòng");
            wb.sheet("T3-2024")
                    .row("DANH SÁCH HỒ SƠ")
                    .blankRow()
                    .row(
                            "dossier_id",
                            "unit_code",
                            "unit_level",
                            "province_code",
                            "channel",
                            "received_at",
                            "due_at",
                            "resolved_at",
                            "status")
                    .row(
                            "X-1",
                            "25.S01",
                            "Tỉnh",
                            25,
                            "Trực tuyến",
                            LocalDateTime.of(2024, 3, 4, 8, 0),
                            new Fixtures.Raw(45359.5),
                            LocalDateTime.of(2024, 3, 5, 10, 0),
                            "Đúng hạn")
                    .row("Tổng cộng", null, null, null, null, null, null, null, null);
            wb.write(dir.resolve("ho_so.xlsx"));
        }
    }

    @Test
    void everyKindIsWrittenByTheStepsThatDeclareItsTables() {
        assertEquals(List.of(), LineageCheck.undeclaredWrites(spark, lake));
    }

    @Test
    void dossiersFromEveryFormatWithUnitsCheckedOnTheirDate() {
        IngestReport.FileResult cp1258 = result("ho_so_1258.csv");
        assertEquals(6, cp1258.rowsRead());
        assertEquals(3, cp1258.rowsAccepted());
        Map<String, Row> silver = new HashMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .collectAsList()
                .forEach(r -> silver.put(r.getAs("dossier_id"), r));
        assertEquals("42", silver.get("HT-1").getAs("province_code"), "'Tỉnh Hà Tĩnh' resolves to its code");
        assertEquals("79", silver.get("HT-2").getAs("province_code"));
        assertEquals(
                Timestamp.valueOf("2018-05-25 14:03:00"), silver.get("HT-1").getAs("received_at"));
        assertEquals(
                Timestamp.valueOf("2018-05-28 00:00:00"), silver.get("HT-1").getAs("due_at"), "25-5-2018 style");
        assertEquals(
                Timestamp.valueOf("2018-05-25 00:00:00"), silver.get("HT-2").getAs("received_at"), "Excel serial");
        assertEquals("08", silver.get("TQ-1").getAs("province_code"), "a 34-province code after the reform");
        for (String id : List.of("J-1", "L-1", "X-1")) {
            assertNotNull(silver.get(id), id);
        }
        assertEquals(Timestamp.valueOf("2024-03-08 12:00:00"), silver.get("X-1").getAs("due_at"));
        Map<Long, Row> q = new HashMap<>();
        LakeSpark.read(spark, lake, LakeTable.QUARANTINE)
                .filter(col("source_file").endsWith("ho_so_1258.csv"))
                .collectAsList()
                .forEach(r -> q.put(r.getAs("row_number"), r));
        assertEquals("UNIT_NOT_VALID_ON_DATE", q.get(5L).getAs("reason_code"));
        String message = q.get(5L).getAs("message");
        assertTrue(message.contains("merged into 08 Tuyên Quang"), message);
        assertEquals(
                "UNIT_NOT_VALID_ON_DATE", q.get(6L).getAs("reason_code"), "Bắc Giang no longer exists in July 2025");
        assertEquals("TOTALS_ROW", q.get(7L).getAs("reason_code"));
        Row bronze = LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS)
                .filter(col("dossier_id").equalTo("HT-1"))
                .first();
        assertEquals(
                "Nguyễn Thị Hương",
                ((scala.collection.Map<String, String>) bronze.getAs("extra_columns"))
                        .get("Người nộp")
                        .get(),
                "extra columns kept in bronze, NFC");
        assertEquals(2, result("ho_so.xlsx").rowsRead());
        assertEquals(1, result("ho_so.xlsx").rowsQuarantined());
    }

    // ---- unit reports --------------------------------------------------------------------------------

    static void writeReports(Path dir) throws Exception {
        Files.createDirectories(dir);
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
                            "Trả kết quả qua bưu chính",
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
                            null,
                            null)
                    .row("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)")
                    .row(1, "Sở Tư pháp", 120, "1.105", 14, 900, 250, 20, 50, 5, 9, new Fixtures.Percent(0.9946))
                    .row(2, "UBND xã Tân Sơn", 3, 40, 0, 30, 10, 1, 2, 0, 0, "97,56%")
                    .row("Tổng cộng", null, 123, 1145, 14, 930, 260, 21, 52, 5, 9, null)
                    .merge(2, 3, 0, 0)
                    .merge(2, 3, 1, 1)
                    .merge(2, 2, 2, 4)
                    .merge(2, 2, 5, 7)
                    .merge(2, 2, 8, 9);
            wb.write(dir.resolve("bao_cao_q2.xlsx"));
        }
        Fixtures.text(
                dir,
                "bao_cao_tinh.csv",
                StandardCharsets.UTF_8,
                true,
                List.of(
                        "Tỉnh/TP;Kỳ báo cáo;Tiếp nhận trong kỳ;Kỳ trước chuyển qua;Giải quyết trước hạn;Giải quyết đúng hạn;"
                                + "Đã giải quyết quá hạn;Đang giải quyết trong hạn;Đang giải quyết quá hạn;Tỷ lệ đúng hạn",
                        "TP. Hồ Chí Minh;Quý II/2024;14.958;1.203;9.000;5.100;300;1.700;61;97,56%",
                        "Thừa Thiên Huế;6 tháng đầu năm 2024;2.105 hồ sơ;0;2.000;100;5;0;0;99,8",
                        "Vĩnh Phúc;Quý III/2025;10;0;10;0;0;0;0;100%",
                        "Atlantis;Quý II/2024;10;0;10;0;0;0;0;100%",
                        "Hà Nội;Quý II/2024;72,96;0;0;0;0;0;0;"));
    }

    @Test
    void unitReportsKeepTheFiguresAsReported() {
        Map<String, Row> r = new HashMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_UNIT_REPORTS)
                .collectAsList()
                .forEach(x -> r.put(x.getAs("province_code") + "/" + x.getAs("unit_key") + "/" + x.getAs("period"), x));
        Row sotp = r.values().stream()
                .filter(x -> "Sở Tư pháp".equals(x.getAs("unit_name")))
                .findFirst()
                .orElseThrow();
        assertEquals("25", sotp.getAs("province_code"), "province from the title 'UBND TỈNH PHÚ THỌ'");
        assertEquals("2024-Q2", sotp.getAs("period"), "period from the title");
        assertEquals(1105L, (long) sotp.getAs("received"));
        assertEquals(120L, (long) sotp.getAs("carried_over"));
        assertEquals(20L, (long) sotp.getAs("resolved_late"));
        assertEquals(5L, (long) sotp.getAs("pending_overdue"));
        assertEquals(14L, (long) sotp.getAs("received_by_post"));
        assertEquals(9L, (long) sotp.getAs("returned_by_post"));
        assertEquals(new BigDecimal("99.46"), sotp.getAs("reported_on_time_ratio"));
        Row xa = r.values().stream()
                .filter(x -> "UBND xã Tân Sơn".equals(x.getAs("unit_name")))
                .findFirst()
                .orElseThrow();
        assertEquals("commune", xa.getAs("unit_level"));
        Row hcm = r.get("79/79/2024-Q2");
        assertEquals(14958L, (long) hcm.getAs("received"));
        assertEquals(1203L, (long) hcm.getAs("carried_over"));
        assertEquals(new BigDecimal("97.56"), hcm.getAs("reported_on_time_ratio"));
        assertEquals(2105L, (long) r.get("46/46/2024-H1").getAs("received"), "old name Thừa Thiên Huế → 46");
        assertEquals(3, result("bao_cao_q2.xlsx").rowsRead());
        assertEquals(1, result("bao_cao_q2.xlsx").rowsQuarantined(), "the totals row");
        IngestReport.FileResult csv = result("bao_cao_tinh.csv");
        assertEquals(5, csv.rowsRead());
        assertEquals(3, csv.rowsQuarantined());
        List<String> reasons = LakeSpark.read(spark, lake, LakeTable.QUARANTINE)
                .filter(col("source_file").endsWith("bao_cao_tinh.csv"))
                .orderBy("row_number")
                .select("reason_code")
                .collectAsList()
                .stream()
                .map(x -> x.getString(0))
                .toList();
        assertEquals(List.of("UNIT_NOT_VALID_ON_DATE", "UNKNOWN_PROVINCE", "INVALID_NUMBER"), reasons);
    }

    // ---- surveys ---------------------------------------------------------------------------------------

    static void writeSurvey(Path dir) throws Exception {
        Fixtures.text(
                dir,
                "phieu_sipas.csv",
                StandardCharsets.UTF_8,
                false,
                List.of(
                        "Mã phiếu,Tỉnh,Đơn vị,Năm khảo sát,Yếu tố,Mã câu hỏi,Câu hỏi,Trả lời",
                        "P-001,Phú Thọ,Sở Tư pháp,2024,Tiếp cận dịch vụ,TC1.1,Nơi ngồi chờ có đủ chỗ ngồi,5",
                        "P-001,Phú Thọ,Sở Tư pháp,2024,,TC2.1,TTHC được niêm yết công khai,4 - Hài lòng",
                        "P-001,Phú Thọ,Sở Tư pháp,2024,Công chức giải quyết công việc,TC3.1,Công chức có thái độ lịch sự,Rất hài lòng",
                        "P-001,Phú Thọ,Sở Tư pháp,2024,Kết quả,TC4.1,Kết quả đúng quy định,Có",
                        "P-001,Phú Thọ,Sở Tư pháp,2024,\"Tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị\",TC5.1,Có góp ý không,Không",
                        "P-002,Phú Thọ,Sở Tư pháp,2024,Tiếp cận dịch vụ,TC1.1,Nơi ngồi chờ có đủ chỗ ngồi,7",
                        "P-002,Phú Thọ,Sở Tư pháp,2024,Giao thông,X9,Đường đi,3"));
    }

    @Test
    void surveyAnswersByFactor() {
        List<Row> rows = LakeSpark.read(spark, lake, LakeTable.SILVER_SURVEY_RESPONSES)
                .orderBy("question_code")
                .collectAsList();
        assertEquals(5, rows.size());
        assertEquals(
                List.of("access", "procedures", "civil_servant", "results", "feedback"),
                rows.stream().map(r -> (String) r.getAs("factor")).toList());
        assertEquals(
                List.of(5, 4, 5),
                rows.subList(0, 3).stream()
                        .map(r -> (Integer) r.getAs("answer_score"))
                        .toList());
        assertEquals("Có", rows.get(3).getAs("answer_category"));
        assertNull(rows.get(3).getAs("answer_score"));
        assertEquals("25", rows.get(0).getAs("province_code"));
        assertEquals("2024", rows.get(0).getAs("period"));
        IngestReport.FileResult f = result("phieu_sipas.csv");
        assertEquals(7, f.rowsRead());
        assertEquals(2, f.rowsQuarantined(), "an answer of 7 and an unknown factor");
    }

    // ---- official index results ----------------------------------------------------------------------

    static void writeIndices(Path dir) throws Exception {
        Path papi = Files.createDirectories(dir.resolve("papi"));
        for (String name : List.of("2011.csv", "2024.csv", "codebook_provinces.csv")) {
            Files.copy(ReferenceFiles.path("raw/papi_subdimensions_hnks-gh_ml-mcdm/" + name), papi.resolve(name));
        }
        Fixtures.text(
                dir,
                "par_index_2023.csv",
                StandardCharsets.UTF_8,
                false,
                List.of(
                        "Chỉ số,Năm,Tỉnh,Chỉ số thành phần,Điểm,Điểm tối đa,Xếp hạng",
                        "PAR INDEX,2023,Quảng Ninh,Tổng,\"91,54\",100,1",
                        "PAR INDEX,2023,Quảng Ninh,Cải cách thủ tục hành chính,\"12,88\",\"13,5\",",
                        "PAR INDEX,2023,TP. Hải Phòng,PAR INDEX,\"90,18\",100,2",
                        "PAR INDEX,2023,Hải Phòng,Cải cách tiền lương,5,10,"));
    }

    @Test
    void indexScoresWithProvincesMappedByName() throws Exception {
        Dataset<Row> papi = LakeSpark.read(spark, lake, LakeTable.SILVER_INDEX_SCORES)
                .filter(col("index_code").equalTo("PAPI"));
        long expectedCells = 0;
        for (String year : List.of("2011", "2024")) {
            List<String> lines =
                    Files.readAllLines(ReferenceFiles.path("raw/papi_subdimensions_hnks-gh_ml-mcdm/" + year + ".csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                for (int i = 1; i < cells.length; i++) {
                    expectedCells += cells[i].isBlank() ? 0 : 1;
                }
            }
        }
        assertEquals(expectedCells, papi.count(), "one row per non-blank sub-dimension cell");
        Row hanoi = papi.filter(col("year")
                        .equalTo(2024)
                        .and(col("component_code").equalTo("SC11"))
                        .and(col("province_code").equalTo("01")))
                .first();
        assertEquals(0, new BigDecimal("1.425715804").compareTo(hanoi.getAs("score")), "exact, not a float");
        assertEquals("C01", hanoi.getAs("parent_component"));
        assertEquals(
                63,
                papi.filter(col("year").equalTo(2011))
                        .select("province_code")
                        .distinct()
                        .count(),
                "P01–P63 mapped to 63 official codes via the codebook");
        assertEquals(
                1,
                papi.filter(col("province_code")
                                .equalTo("46")
                                .and(col("year").equalTo(2011))
                                .and(col("component_code").equalTo("SC11")))
                        .count(),
                "P31 Thua Thien Hue → 46");
        List<Row> par = LakeSpark.read(spark, lake, LakeTable.SILVER_INDEX_SCORES)
                .filter(col("index_code").equalTo("PAR_INDEX"))
                .orderBy("province_code", "component_code")
                .collectAsList();
        assertEquals(3, par.size());
        assertEquals("22", par.get(0).getAs("province_code"), "Quảng Ninh");
        assertEquals("PAR3", par.get(0).getAs("component_code"));
        assertEquals(0, new BigDecimal("91.54").compareTo(par.get(1).getAs("score")));
        assertEquals("TOTAL", par.get(1).getAs("component_code"));
        assertEquals("31", par.get(2).getAs("province_code"), "TP. Hải Phòng");
        assertEquals(1, result("par_index_2023.csv").rowsQuarantined(), "an unknown component");
    }

    // ---- portal captures ---------------------------------------------------------------------------

    @Test
    void portalCapturesComeOutUnchanged() throws Exception {
        ObjectMapper json = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        Map<String, Row> silver = new HashMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_PORTAL_EVALUATIONS)
                .collectAsList()
                .forEach(r -> silver.put(
                        r.getAs("evaluation_group") + "|" + r.getAs("department_id") + "|" + r.getAs("metric_code"),
                        r));
        int compared = 0;
        int payments = 0;
        for (String group : PORTAL_GROUPS) {
            JsonNode data = json.readTree(portalFile(group).toFile()).get("data");
            List<JsonNode> units = new ArrayList<>();
            units.add(data.has("parent") ? data.get("parent") : data.get("overview"));
            (data.has("children") ? data.get("children") : data.get("evaluation")).forEach(units::add);
            for (JsonNode u : units) {
                String id = u.get("departmentId").asText();
                Row total = silver.get(group + "|" + id + "|TOTAL");
                assertNotNull(total, group + " " + id);
                assertEquals("25", total.getAs("province_code"), "UBND tỉnh Phú Thọ in August 2026");
                assertEquals("2026-08", total.getAs("period"));
                same(u.has("score") ? u.get("score") : u.get("totalScore"), total.getAs("score"));
                same(u.has("maxScore") ? u.get("maxScore") : u.get("totalMaxScore"), total.getAs("max_score"));
                same(u.get("ratio"), total.getAs("ratio"));
                if (u.has("totalReceived")) {
                    same(u.get("totalReceived"), total.getAs("denominator"));
                    same(u.get("totalOnTime"), total.getAs("numerator"));
                }
                // the online-payment counts have no column of their own: kept in attributes as their text
                Map<String, String> attributes = scala.jdk.javaapi.CollectionConverters.asJava(
                        total.<scala.collection.Map<String, String>>getAs("attributes"));
                for (String count : List.of(
                        "totalDossierOnlinePaymentSuccess",
                        "totalDossierFinancialObligation",
                        "totalDossierOnlineFormalityPaymentSuccess",
                        "totalFeeDossierFormalityDistinct",
                        "totalFeeDossierFormality",
                        "totalFeeFormality")) {
                    if (u.has(count)) {
                        assertEquals(u.get(count).asText(), attributes.get(count), group + " " + id + " " + count);
                        payments++;
                    }
                }
                compared++;
                for (JsonNode m : u.path("metrics")) {
                    Row r = silver.get(group + "|" + id + "|" + m.get("code").asText());
                    assertNotNull(r, group + " " + id + " " + m.get("code"));
                    same(m.get("numerator"), r.getAs("numerator"));
                    same(m.get("denominator"), r.getAs("denominator"));
                    same(m.get("ratio"), r.getAs("ratio"));
                    same(m.get("score"), r.getAs("score"));
                    same(m.get("maxScore"), r.getAs("max_score"));
                    compared++;
                }
            }
        }
        assertEquals(silver.size(), compared, "every silver row compared, none extra");
        assertEquals(164 + 164 * 5 + 164 * 6 + 164 + 164 + 164 * 8, compared);
        assertEquals(164 * 6, payments, "six counts of online payment per unit and the province");
        Row parent = silver.get("dvc-progress-tree|019d2be3-6a88-732b-8b17-b68020c8553a|TOTAL");
        assertEquals(Boolean.TRUE, parent.getAs("is_total"));
        assertEquals(new BigDecimal("78.3800"), parent.getAs("ratio"));
        assertEquals(new BigDecimal("15.6800"), parent.getAs("score"));
        assertEquals(
                Timestamp.valueOf("2026-09-27 01:14:41.0").getTime() / 1000,
                ((Timestamp) parent.getAs("captured_at")).getTime() / 1000,
                "capture time from the manifest (UTC+7)");
        assertEquals(
                0,
                LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY)
                        .filter(col("check_name").equalTo("portal_ratio"))
                        .first()
                        .<Long>getAs("rows_failed"),
                "every ratio = round_half_up(100 × numerator / denominator, 2)");
    }

    private static void same(JsonNode expected, Object actual) {
        if (expected == null || expected.isNull()) {
            assertNull(actual);
            return;
        }
        BigDecimal e = expected.decimalValue();
        BigDecimal a = actual instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) actual;
        assertEquals(0, e.compareTo(a), expected + " vs " + actual);
    }

    @Test
    void unitDimensionIsVersionedWithSuccessors() {
        Dataset<Row> provinces = LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS)
                .filter(col("unit_level").equalTo("province"));
        assertEquals(63, provinces.filter(col("valid_to").isNotNull()).count());
        assertEquals(34, provinces.filter(col("valid_from").isNotNull()).count());
        Row quangBinh = provinces
                .filter(col("unit_code").equalTo("44").and(col("valid_to").isNotNull()))
                .first();
        assertEquals("Quảng Bình", quangBinh.getAs("unit_name"));
        assertEquals("44", quangBinh.getAs("successor_code"));
        Row quangTri = provinces
                .filter(col("unit_code").equalTo("44").and(col("valid_from").isNotNull()))
                .first();
        assertEquals("Quảng Trị", quangTri.getAs("unit_name"));
    }
}
