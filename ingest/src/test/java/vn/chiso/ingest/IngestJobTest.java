package vn.chiso.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;

/** Ingest into a real Delta lake in a temp dir: reconciliation, quarantine, idempotence. */
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class IngestJobTest {

    static final String HEADER = "Mã hồ sơ,Mã đơn vị,Tên đơn vị,Cấp,Mã tỉnh,Mã huyện,Mã thủ tục,Lĩnh vực,Kênh nộp,"
            + "Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái,Đánh giá";

    private final SparkSession spark = TestSpark.session();

    static String row(String id, String province, String received, String due, String resolved, String status) {
        return String.join(
                ",",
                id,
                province + ".S01",
                "Sở Tư pháp",
                "Tỉnh",
                province,
                "",
                "2.000815",
                "tư pháp",
                "Trực tiếp",
                received,
                due,
                resolved,
                status,
                "");
    }

    static Path write(Path dir, String name, List<String> lines) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void everyRowIsAcceptedOrQuarantinedAndRerunsChangeNothing(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        Path in = tmp.resolve("in");
        List<String> good = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 20; i++) {
            good.add(row(
                    "HN-" + i,
                    "01",
                    "02/01/2024 08:00",
                    "05/01/2024 17:00",
                    "04/01/2024 10:00",
                    "Đã giải quyết trước hạn"));
        }
        write(in, "01/ho_so_01_2024.csv", good);
        write(
                in,
                "79/ho_so_79_2024.csv",
                List.of(
                        HEADER,
                        row("SG-1", "79", "02/01/2024 08:00", "05/01/2024 17:00", "", "Đang giải quyết trong hạn"),
                        row("SG-2", "79", "31/02/2024 08:00", "05/01/2024 17:00", "", "Đang giải quyết trong hạn"),
                        "SG-3,broken,row",
                        row("SG-4", "99", "02/01/2024 08:00", "05/01/2024 17:00", "", "Đang giải quyết trong hạn")));
        Files.write(in.resolve("empty.csv"), new byte[0]);
        write(in, "unknown_header.csv", List.of("a,b,c", "1,2,3"));

        IngestReport first = new IngestJob(spark, lake, m -> {}).run(List.of(in.toString()));

        assertEquals(24, first.rowsRead());
        assertEquals(21, first.rowsAccepted());
        assertEquals(3, first.rowsQuarantined());
        assertEquals(2, first.count(IngestJob.REJECTED));
        for (IngestReport.FileResult f : first.files()) {
            assertEquals(f.rowsRead(), f.rowsAccepted() + f.rowsQuarantined(), f.sourceFile());
        }
        assertEquals(21, LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count());
        List<Row> quarantine = LakeSpark.read(spark, lake, LakeTable.QUARANTINE)
                .orderBy("row_number")
                .collectAsList();
        assertEquals(
                List.of(3L, 4L, 5L),
                quarantine.stream().map(r -> (Long) r.getAs("row_number")).toList());
        assertEquals(
                List.of("INVALID_DATE", "MALFORMED_ROW", "UNKNOWN_PROVINCE"),
                quarantine.stream().map(r -> (String) r.getAs("reason_code")).toList());
        assertTrue(((String) quarantine.get(1).getAs("source_file")).endsWith("79/ho_so_79_2024.csv"));
        assertEquals("SG-3,broken,row", quarantine.get(1).getAs("raw_text"));
        String rejected = first.files().stream()
                .filter(f -> f.status().equals(IngestJob.REJECTED))
                .map(IngestReport.FileResult::message)
                .sorted()
                .toList()
                .toString();
        assertTrue(rejected.contains("empty.csv: empty file"), rejected);
        assertTrue(rejected.contains("unknown_header.csv: header has no known column"), rejected);

        long silverVersion = LakeSpark.version(spark, lake, LakeTable.SILVER_DOSSIERS);
        long bronzeRows = LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).count();
        IngestReport again = new IngestJob(spark, lake, m -> {}).run(List.of(in.toString()));
        assertEquals(2, again.count(IngestJob.SKIPPED_DUPLICATE));
        assertEquals(0, again.rowsRead());
        assertEquals(silverVersion, LakeSpark.version(spark, lake, LakeTable.SILVER_DOSSIERS));
        assertEquals(
                bronzeRows,
                LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).count());

        Path renamed = Files.copy(in.resolve("01/ho_so_01_2024.csv"), tmp.resolve("copy-under-another-name.csv"));
        IngestReport copy = new IngestJob(spark, lake, m -> {}).run(List.of(renamed.toString()));
        assertEquals(IngestJob.SKIPPED_DUPLICATE, copy.files().get(0).status());
        assertEquals(21, LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count());
    }

    @Test
    void aLaterExportUpdatesTheDossiersLatestState(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        Path pending = write(
                tmp,
                "a.csv",
                List.of(
                        HEADER,
                        row("D-1", "01", "02/01/2024 08:00", "05/01/2024 17:00", "", "Đang giải quyết trong hạn")));
        Path resolved = write(
                tmp,
                "b.csv",
                List.of(
                        HEADER,
                        row(
                                "D-1",
                                "01",
                                "02/01/2024 08:00",
                                "05/01/2024 17:00",
                                "06/01/2024 09:00",
                                "Đã giải quyết quá hạn")));
        new IngestJob(spark, lake, m -> {}).run(List.of(pending.toString()));
        new IngestJob(spark, lake, m -> {}).run(List.of(resolved.toString()));
        List<Row> silver =
                LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).collectAsList();
        assertEquals(1, silver.size());
        assertEquals("resolved_late", silver.get(0).getAs("status"));
        assertEquals(2, LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).count(), "bronze keeps both exports");
    }
}
