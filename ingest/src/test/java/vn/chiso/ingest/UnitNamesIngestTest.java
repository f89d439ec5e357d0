package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.fixtures.Fixtures;

/**
 * Exports as provincial systems write them: the receiving unit as a name ("Đơn vị tiếp nhận"), no
 * unit-code, level or district column, the province as a name, dd/MM/yyyy dates. Every row loads;
 * one unit gets one key across files, spellings and diacritics; districts the lake already knows
 * by code get that code; a row without a unit counts for its province and is flagged.
 */
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class UnitNamesIngestTest {

    private final SparkSession spark = TestSpark.session();

    /** Phú Yên's own export with unit codes: it puts two districts on the lake's unit list. */
    private static List<String> codedExport() {
        List<String> lines = new ArrayList<>(List.of(IngestJobTest.HEADER));
        for (int i = 1; i <= 4; i++) {
            lines.add(String.join(
                    ",",
                    "PY-C" + i,
                    "559",
                    "Huyện Tuy An",
                    "Huyện",
                    "54",
                    "559",
                    "1.004227",
                    "đất đai",
                    "Trực tiếp",
                    "02/0" + i + "/2024 08:00",
                    "09/0" + i + "/2024 17:00",
                    "05/0" + i + "/2024 10:00",
                    "Đã giải quyết trước hạn",
                    ""));
        }
        lines.add(String.join(
                ",",
                "PY-C5",
                "557",
                "Thị xã Sông Cầu",
                "Huyện",
                "54",
                "557",
                "1.004227",
                "đất đai",
                "Trực tuyến",
                "03/01/2024 08:00",
                "10/01/2024 17:00",
                "12/01/2024 10:00",
                "Đã giải quyết quá hạn",
                ""));
        return lines;
    }

    private static final String NAME_HEADER = "STT,Số hồ sơ,Đơn vị tiếp nhận,Tỉnh/Thành phố,Lĩnh vực,Hình thức nộp,"
            + "Ngày nộp,Hạn trả kết quả,Ngày có kết quả,Tình trạng hồ sơ";

    /** unit as written → expected unit code, level and district code (null = none). */
    private static final String[][] CSV_UNITS = {
        {"UBND huyện Tuy An", "559", "district", "559"},
        {"UBND huyen Tuy An", "559", "district", "559"},
        {"Huyện Tuy An", "559", "district", "559"},
        {"UBND thị xã Sông Cầu", "557", "district", "557"},
        {"UBND huyện Đồng Xuân", "54:district:huyen-dong-xuan", "district", "54:district:huyen-dong-xuan"},
        {"Sở Tư pháp", "54:department:so-tu-phap", "province", null},
        {"SO TU PHAP", "54:department:so-tu-phap", "province", null},
        {"UBND phường 7", "54:commune:phuong-7", "commune", null},
        {"UBND xã An Mỹ", "54:commune:xa-an-my", "commune", null},
        {"Bệnh viện Đa khoa tỉnh", "54:unit:benh-vien-da-khoa-tinh", "province", null},
        {"", "54:unknown", "province", null},
    };

    @Test
    void nameKeyedExportsLoadAndResolveToOneKeyPerUnit(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        Path coded = IngestJobTest.write(tmp.resolve("in"), "54/ho_so_ma_don_vi.csv", codedExport());
        List<String> csv = new ArrayList<>(List.of(NAME_HEADER));
        for (int i = 0; i < CSV_UNITS.length; i++) {
            String unit = CSV_UNITS[i][0];
            csv.add(String.join(
                    ",",
                    Integer.toString(i + 1),
                    "000.00.15.H54-240115-" + (1000 + i),
                    unit.contains(",") ? "\"" + unit + "\"" : unit,
                    "Phú Yên",
                    "Hộ tịch",
                    "Trực tuyến",
                    "15/01/2024",
                    "22/01/2024",
                    "19/01/2024",
                    "Đã giải quyết trước hạn"));
        }
        Path names = IngestJobTest.write(tmp.resolve("in"), "54/bao_cao_ho_so_thang_01.csv", csv);

        IngestReport first = new IngestJob(spark, lake, m -> {}).run(List.of(coded.toString(), names.toString()));
        IngestReport.FileResult byName = first.files().stream()
                .filter(f -> f.sourceFile().endsWith("bao_cao_ho_so_thang_01.csv"))
                .findFirst()
                .orElseThrow();
        assertEquals(CSV_UNITS.length, byName.rowsRead());
        assertEquals(CSV_UNITS.length, byName.rowsAccepted(), "no row is quarantined for lacking a unit code");
        assertEquals(0, byName.rowsQuarantined());
        assertEquals(0, LakeSpark.read(spark, lake, LakeTable.QUARANTINE).count());

        Map<String, Row> silver = new HashMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .collectAsList()
                .forEach(r -> silver.put(r.getAs("dossier_id"), r));
        for (int i = 0; i < CSV_UNITS.length; i++) {
            Row r = silver.get("000.00.15.H54-240115-" + (1000 + i));
            String unit = CSV_UNITS[i][0];
            assertEquals("54", r.getAs("province_code"), unit);
            assertEquals(CSV_UNITS[i][1], r.getAs("unit_code"), unit);
            assertEquals(CSV_UNITS[i][2], r.getAs("unit_level"), unit);
            assertEquals(CSV_UNITS[i][3], r.getAs("district_code"), unit);
            assertEquals(unit.isEmpty() ? null : unit, r.getAs("unit_name"), "the name stays as written");
        }

        // the same units once more, in a workbook, as a Mac writes them (decomposed diacritics)
        Path xlsx = tmp.resolve("in/54/bao_cao_ho_so_thang_02.xlsx");
        try (Fixtures.Workbook wb = new Fixtures.Workbook()) {
            wb.sheet("Danh sách hồ sơ")
                    .row(
                            "Số hồ sơ",
                            "Đơn vị",
                            "Tỉnh",
                            "Lĩnh vực",
                            "Hình thức nộp",
                            "Ngày tiếp nhận",
                            "Hạn xử lý",
                            "Ngày trả kết quả",
                            "Trạng thái")
                    .row(
                            "X-1",
                            Fixtures.nfd("Ủy ban nhân dân huyện Tuy An"),
                            "54",
                            "Đất đai",
                            "Trực tiếp",
                            LocalDateTime.of(2024, 2, 5, 8, 30),
                            "15/02/2024",
                            null,
                            "Đang giải quyết trong hạn")
                    .row(
                            "X-2",
                            Fixtures.nfd("Sở Tư pháp"),
                            "54",
                            "Hộ tịch",
                            "Trực tuyến",
                            "06/02/2024",
                            "13/02/2024",
                            "07/02/2024",
                            "Đã giải quyết trước hạn")
                    .row(
                            "X-3",
                            "UBND Phường 07",
                            "54",
                            "Hộ tịch",
                            "Trực tiếp",
                            "06/02/2024",
                            "13/02/2024",
                            "14/02/2024",
                            "Đã giải quyết quá hạn")
                    .row(
                            "X-4",
                            "TX. Sông Cầu",
                            "54",
                            "Đất đai",
                            "Trực tiếp",
                            "06/02/2024",
                            "13/02/2024",
                            "12/02/2024",
                            "Đã giải quyết đúng hạn")
                    .row(
                            "X-5",
                            null,
                            "54",
                            "Đất đai",
                            "Trực tiếp",
                            "07/02/2024",
                            "14/02/2024",
                            null,
                            "Đang giải quyết quá hạn")
                    .write(xlsx);
        }
        IngestReport second = new IngestJob(spark, lake, m -> {}).run(List.of(xlsx.toString()));
        assertEquals(5, second.rowsRead());
        assertEquals(5, second.rowsAccepted());
        assertEquals(0, second.rowsQuarantined());
        Map<String, String> unitOf = new TreeMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .filter(col("dossier_id").startsWith("X-"))
                .collectAsList()
                .forEach(r -> unitOf.put(r.getAs("dossier_id"), r.getAs("unit_code")));
        assertEquals(
                Map.of(
                        "X-1",
                        "559",
                        "X-2",
                        "54:department:so-tu-phap",
                        "X-3",
                        "54:commune:phuong-7",
                        "X-4",
                        "557",
                        "X-5",
                        "54:unknown"),
                unitOf,
                "one key per unit across files and spellings");

        // every row counts for the province: 5 coded + 11 named + 5 from the workbook
        assertEquals(
                21,
                LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                        .filter(col("province_code").equalTo("54"))
                        .count());
        // district figures: the named Tuy An rows join the coded ones under the official code
        Map<String, Long> byDistrict = new TreeMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .filter(col("district_code").isNotNull())
                .groupBy("district_code")
                .count()
                .collectAsList()
                .forEach(r -> byDistrict.put(r.getString(0), r.getLong(1)));
        assertEquals(Map.of("559", 8L, "557", 3L, "54:district:huyen-dong-xuan", 1L), byDistrict);
        Map<String, String> districts = new TreeMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS)
                .filter(col("unit_level").equalTo("district"))
                .collectAsList()
                .forEach(r -> districts.put(r.getAs("unit_code"), r.getAs("province_code")));
        assertEquals(Map.of("559", "54", "557", "54", "54:district:huyen-dong-xuan", "54"), districts);
        Map<String, String> keys = new TreeMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS)
                .filter(col("unit_level").equalTo("district"))
                .collectAsList()
                .forEach(r -> keys.put(r.getAs("unit_code"), r.getAs("unit_key")));
        assertEquals(
                Map.of(
                        "559",
                        "54:district:huyen-tuy-an",
                        "557",
                        "54:district:thi-xa-song-cau",
                        "54:district:huyen-dong-xuan",
                        "54:district:huyen-dong-xuan"),
                keys,
                "the key each district's name gives");

        // flagged in data quality, per batch: rows without a unit, names of unknown level, unlisted districts
        Map<String, Long> dq = new HashMap<>();
        for (IngestReport report : List.of(first, second)) {
            LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY)
                    .filter(col("ingest_batch_id").equalTo(report.batchId()))
                    .collectAsList()
                    .forEach(r -> dq.merge(
                            report == first
                                    ? "1:" + r.getAs("check_name") + ":" + r.getAs("column_name")
                                    : "2:" + r.getAs("check_name") + ":" + r.getAs("column_name"),
                            (Long) r.getAs("rows_failed"),
                            Long::sum));
        }
        assertEquals(1L, dq.get("1:unit_missing:unit_code"));
        assertEquals(1L, dq.get("1:unit_unresolved:unit_name"));
        assertEquals(1L, dq.get("1:district_unlisted:unit_name"));
        assertEquals(0L, dq.get("1:completeness:unit_level"), "the level comes from the name");
        assertEquals(1L, dq.get("2:unit_missing:unit_code"));
        assertEquals(0L, dq.get("2:unit_unresolved:unit_name"));
        assertEquals(0L, dq.get("2:district_unlisted:unit_name"));
        Row missing = LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY)
                .filter(col("ingest_batch_id")
                        .equalTo(second.batchId())
                        .and(col("check_name").equalTo("unit_missing")))
                .first();
        assertEquals("failed", missing.getAs("status"));
        assertEquals(5L, (long) missing.getAs("rows_checked"));

        // reconciliation: read = accepted + quarantined for every file, and bronze holds what was read
        long read = 0;
        for (Row r : LakeSpark.read(spark, lake, LakeTable.RECONCILIATION).collectAsList()) {
            long fileRead = r.getAs("rows_read");
            assertEquals(fileRead, (long) r.<Long>getAs("rows_accepted") + r.<Long>getAs("rows_quarantined"), (String)
                    r.getAs("source_file"));
            read += fileRead;
        }
        assertEquals(21, read);
        assertEquals(
                read, LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).count());

        // a rerun of everything changes nothing
        long silverVersion = LakeSpark.version(spark, lake, LakeTable.SILVER_DOSSIERS);
        long qualityRows = LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY).count();
        IngestReport again = new IngestJob(spark, lake, m -> {})
                .run(List.of(tmp.resolve("in").toString()));
        assertEquals(3, again.count(IngestJob.SKIPPED_DUPLICATE));
        assertEquals(0, again.rowsRead());
        assertEquals(silverVersion, LakeSpark.version(spark, lake, LakeTable.SILVER_DOSSIERS));
        assertEquals(
                qualityRows, LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY).count());
    }
}
