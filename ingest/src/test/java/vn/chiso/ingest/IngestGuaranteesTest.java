package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.fixtures.Fixtures;

/** Nothing lost, clear errors, updates with history, concurrent jobs. */
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class IngestGuaranteesTest {

    private final SparkSession spark = TestSpark.session();

    static final String HEADER = "Mã hồ sơ,Mã đơn vị,Cấp,Mã tỉnh,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,"
            + "Trạng thái,Đánh giá";

    static String dossier(String id, String received, String due, String resolved, String status, String rating) {
        return String.join(",", id, "01.S01", "Tỉnh", "01", "Trực tiếp", received, due, resolved, status, rating);
    }

    @Test
    void aBatchOfBrokenFilesLeavesNoRowUnexplained(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("empty.csv"), new byte[0]);
        byte[] junk = new byte[8192];
        new java.util.Random(3).nextBytes(junk);
        Files.write(in.resolve("junk.csv"), junk);
        Files.write(in.resolve("utf32.csv"), (HEADER + "\n").getBytes(java.nio.charset.Charset.forName("UTF-32LE")));
        Fixtures.text(in, "no_known_column.csv", StandardCharsets.UTF_8, false, List.of("foo;bar", "1;2"));
        Path good;
        try (Fixtures.Workbook wb = new Fixtures.Workbook()) {
            wb.sheet("a").row("Mã hồ sơ", "Ngày tiếp nhận", "Trạng thái").row("A", "01/01/2024", "Trễ hạn");
            good = wb.write(tmp.resolve("whole.xlsx"));
        }
        byte[] whole = Files.readAllBytes(good);
        Files.write(in.resolve("truncated.xlsx"), Arrays.copyOf(whole, whole.length * 2 / 3));
        Files.writeString(
                in.resolve("capture_without_manifest.json"),
                "{\"code\":\"OK\",\"data\":{\"parent\":{\"departmentId\":\"x\",\"departmentName\":\"UBND tỉnh Phú Thọ\","
                        + "\"totalReceived\":1,\"totalOnTime\":1,\"ratio\":100,\"totalScore\":20,\"totalMaxScore\":20},"
                        + "\"children\":[]}}");
        // a readable file with every kind of bad row
        List<byte[]> lines = new ArrayList<>();
        for (String l : List.of(
                HEADER,
                dossier("OK-1", "02/01/2024 08:00", "05/01/2024 17:00", "04/01/2024", "Đã giải quyết trước hạn", "5"),
                "BROKEN,only,three",
                dossier("BAD-DATE", "31/02/2024", "05/01/2024", "", "Đang giải quyết trong hạn", ""),
                dossier("BAD-STATUS", "02/01/2024", "05/01/2024", "", "Đang chờ", ""),
                dossier("BAD-RATING", "02/01/2024", "05/01/2024", "03/01/2024", "Đúng hạn", "9"),
                dossier("DUE-BEFORE", "10/01/2024", "05/01/2024", "", "Đang giải quyết trong hạn", ""),
                dossier("RESOLVED-BEFORE", "10/01/2024", "15/01/2024", "05/01/2024", "Trước hạn", ""),
                dossier("", "02/01/2024", "05/01/2024", "", "Đang giải quyết trong hạn", ""))) {
            lines.add((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] badBytes = dossier("ENC-?", "02/01/2024", "05/01/2024", "", "Đang giải quyết trong hạn", "")
                .replace("?", "\u0001")
                .getBytes(StandardCharsets.UTF_8);
        badBytes[Arrays.asList(toObjects(badBytes)).indexOf((byte) 1)] = (byte) 0xC3; // a lone lead byte
        lines.add(badBytes);
        lines.add("\n\nTổng số hồ sơ: 9,,,,,,,,,\n".getBytes(StandardCharsets.UTF_8));
        try (var out = Files.newOutputStream(in.resolve("bad_rows.csv"))) {
            for (byte[] b : lines) {
                out.write(b);
            }
        }
        IngestReport report = new IngestJob(spark, lake, m -> {}).run(List.of(in.toString()));

        Map<String, IngestReport.FileResult> byName = new HashMap<>();
        report.files()
                .forEach(f -> byName.put(
                        Path.of(f.sourceFile().replace("file:", ""))
                                .getFileName()
                                .toString(),
                        f));
        Map<String, String> problems = Map.of(
                "empty.csv",
                "empty file",
                "junk.csv",
                "not readable text",
                "utf32.csv",
                "not readable text",
                "no_known_column.csv",
                "header has no known column",
                "truncated.xlsx",
                "XLSX",
                "capture_without_manifest.json",
                "portal capture without a period");
        problems.forEach((name, problem) -> {
            IngestReport.FileResult f = byName.get(name);
            assertEquals(IngestJob.REJECTED, f.status(), name);
            assertTrue(f.message().contains(name) && f.message().contains(problem), f.message());
        });
        Object[] rejectedChecksums = LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                .filter(col("status").equalTo(IngestJob.REJECTED))
                .select("file_checksum")
                .collectAsList()
                .stream()
                .map(r -> r.get(0))
                .toArray();
        assertEquals(6, rejectedChecksums.length);
        for (LakeTable t : List.of(LakeTable.BRONZE_DOSSIERS, LakeTable.BRONZE_RECORDS, LakeTable.QUARANTINE)) {
            assertEquals(
                    0,
                    LakeSpark.read(spark, lake, t)
                            .filter(col("file_checksum").isin(rejectedChecksums))
                            .count(),
                    "nothing of a rejected file is written to " + t);
        }

        IngestReport.FileResult bad = byName.get("bad_rows.csv");
        assertEquals(10, bad.rowsRead());
        assertEquals(1, bad.rowsAccepted());
        assertEquals(9, bad.rowsQuarantined());
        // zero unexplained rows: bronze = read, quarantine rows = quarantined, each with a reason, raw text, row
        long bronze = LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).count();
        long read = LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                .agg(org.apache.spark.sql.functions.sum("rows_read"))
                .first()
                .getLong(0);
        assertEquals(bronze, read);
        List<Row> q = LakeSpark.read(spark, lake, LakeTable.QUARANTINE)
                .orderBy("row_number")
                .collectAsList();
        assertEquals(9, q.size());
        for (Row r : q) {
            assertNotNull(r.getAs("reason_code"));
            assertNotNull(r.getAs("message"));
            assertNotNull(r.getAs("raw_text"));
            assertTrue((Long) r.getAs("row_number") >= 3);
        }
        assertEquals(
                List.of(
                        "MALFORMED_ROW",
                        "INVALID_DATE",
                        "INVALID_VALUE",
                        "INVALID_VALUE",
                        "DUE_BEFORE_RECEIVED",
                        "RESOLVED_BEFORE_RECEIVED",
                        "MISSING_VALUE",
                        "ENCODING_ERROR",
                        "TOTALS_ROW"),
                q.stream().map(r -> (String) r.getAs("reason_code")).toList());
        assertEquals(12L, (long) q.get(8).getAs("row_number"), "the physical line, blank line counted");
        Map<String, Long> dq = new HashMap<>();
        LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY)
                .filter(col("column_name").isNotNull())
                .collectAsList()
                .forEach(r -> dq.merge(
                        r.getAs("check_name") + ":" + r.getAs("column_name"),
                        (Long) r.getAs("rows_failed"),
                        Long::sum));
        assertEquals(1L, dq.get("date_order:due_at"));
        assertEquals(1L, dq.get("date_order:resolved_at"));
        assertEquals(1L, dq.get("completeness:dossier_id"));
        assertEquals(1L, dq.get("in_domain:status"));
        assertEquals(1L, dq.get("in_domain:rating"));
        assertEquals(0L, dq.get("unique_id:dossier_id"));
    }

    private static Byte[] toObjects(byte[] bytes) {
        Byte[] out = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }

    @Test
    void silverKeepsTheLatestStateAndTheHistoryStaysQueryable(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        String header = HEADER + ",Ngày cập nhật";
        Path first = Fixtures.text(
                tmp,
                "export_0502.csv",
                StandardCharsets.UTF_8,
                false,
                List.of(
                        header,
                        dossier(
                                        "D-1",
                                        "01/02/2024 08:00",
                                        "10/02/2024 17:00",
                                        "05/02/2024 10:00",
                                        "Đã giải quyết trước hạn",
                                        "")
                                + ",05/02/2024 10:05",
                        dossier("D-2", "01/02/2024 09:00", "03/02/2024 17:00", "", "Đang giải quyết trong hạn", "")
                                + ",01/02/2024 09:00"));
        Path second = Fixtures.text(
                tmp,
                "export_0102_and_0802.csv",
                StandardCharsets.UTF_8,
                false,
                List.of(
                        header,
                        dossier("D-1", "01/02/2024 08:00", "10/02/2024 17:00", "", "Đang giải quyết trong hạn", "")
                                + ",01/02/2024 08:00",
                        dossier("D-2", "01/02/2024 09:00", "03/02/2024 17:00", "", "Đang giải quyết quá hạn", "")
                                + ",04/02/2024 00:00",
                        dossier(
                                        "D-2",
                                        "01/02/2024 09:00",
                                        "03/02/2024 17:00",
                                        "08/02/2024 15:00",
                                        "Đã giải quyết quá hạn",
                                        "")
                                + ",08/02/2024 15:00"));
        new IngestJob(spark, lake, m -> {}).run(List.of(first.toString()));
        new IngestJob(spark, lake, m -> {}).run(List.of(second.toString()));
        Map<String, String> status = new HashMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .collectAsList()
                .forEach(r -> status.put(r.getAs("dossier_id"), r.getAs("status")));
        assertEquals(
                Map.of("D-1", "resolved_early", "D-2", "resolved_late"),
                status,
                "an older export arriving later does not undo a newer state");
        List<Row> history = spark.read()
                .format("delta")
                .option("readChangeFeed", "true")
                .option("startingVersion", 0)
                .load(LakeTable.SILVER_DOSSIERS.location(lake))
                .filter(col("dossier_id").equalTo("D-2"))
                .orderBy("_commit_version", "_change_type")
                .collectAsList();
        assertEquals(
                List.of(
                        "insert:pending_within_deadline",
                        "update_postimage:resolved_late",
                        "update_preimage:pending_within_deadline"),
                history.stream()
                        .map(r -> r.getAs("_change_type") + ":" + r.getAs("status"))
                        .toList());
        assertEquals(5, LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).count(), "bronze keeps every export");
    }

    @Test
    void twoJobsOnTheSameFilesAtOnceLoadEachFileOnce(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        Path in = Files.createDirectories(tmp.resolve("in"));
        int expectedRows = 0;
        for (int f = 0; f < 3; f++) {
            List<String> lines = new ArrayList<>(List.of(HEADER));
            for (int i = 0; i < 50; i++) {
                lines.add(dossier(
                        "C" + f + "-" + i,
                        "02/01/2024 08:00",
                        "05/01/2024 17:00",
                        "",
                        "Đang giải quyết trong hạn",
                        ""));
            }
            expectedRows += 50;
            Fixtures.text(in, "f" + f + ".csv", StandardCharsets.UTF_8, false, lines);
        }
        Fixtures.text(
                in,
                "report.csv",
                StandardCharsets.UTF_8,
                false,
                List.of("Tỉnh;Kỳ báo cáo;Tiếp nhận trong kỳ", "Hà Nội;Quý I/2024;1.234"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<IngestReport>> runs = new ArrayList<>();
            for (int j = 0; j < 2; j++) {
                runs.add(pool.submit(() -> new IngestJob(spark, lake, m -> {}).run(List.of(in.toString()))));
            }
            long loaded = 0;
            for (Future<IngestReport> r : runs) {
                IngestReport report = r.get();
                loaded += report.count(IngestJob.LOADED);
                assertEquals(0, report.count(IngestJob.SKIPPED_IN_PROGRESS));
            }
            assertEquals(4, loaded, "each file loaded by exactly one of the two jobs");
        } finally {
            pool.shutdown();
        }
        assertEquals(
                expectedRows,
                LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).count());
        assertEquals(
                expectedRows,
                LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count());
        assertEquals(
                1, LakeSpark.read(spark, lake, LakeTable.SILVER_UNIT_REPORTS).count());
        assertEquals(
                4,
                LakeSpark.read(spark, lake, LakeTable.INGESTED_FILES)
                        .select("file_checksum")
                        .distinct()
                        .count());
        assertEquals(4, LakeSpark.read(spark, lake, LakeTable.INGESTED_FILES).count());
        assertEquals(
                4,
                LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                        .filter(col("status").equalTo(IngestJob.LOADED))
                        .count());
    }
}
