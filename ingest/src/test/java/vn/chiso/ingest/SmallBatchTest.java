package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.source.DossierFileReader;
import vn.chiso.ingest.source.FileProbe;
import vn.chiso.ingest.source.HadoopConf;
import vn.chiso.ingest.source.SourceFile;

/**
 * A small day batch into a lake that holds some history, in the session that loaded it (as the warm
 * pipeline runs one): its Spark jobs and Delta commits, step by step, are printed; the unit
 * dimension is rewritten only when the batch can change it, and then to what a full refresh gives;
 * what a crashed batch left in bronze goes, registered batches' rows stay.
 */
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class SmallBatchTest {

    private static final String TUY_AN = "559";
    private static final String SONG_CAU = "557";
    private static final String SON_HOA = "560";
    private static final String CRASHED = "20240116T000000-crashed";

    private final SparkSession spark = TestSpark.session();

    /** A dossier of a district of Phú Yên (54), pending unless {@code resolved} is given. */
    static String districtRow(String id, String district, String name, String received, String resolved) {
        return String.join(
                ",",
                id,
                district,
                name,
                "Huyện",
                "54",
                district,
                "1.004227",
                "đất đai",
                "Trực tiếp",
                received,
                "28/02/2024 17:00",
                resolved,
                resolved.isEmpty() ? "Đang giải quyết trong hạn" : "Đã giải quyết trước hạn",
                "");
    }

    private static String name(String district) {
        return switch (district) {
            case TUY_AN -> "Huyện Tuy An";
            case SONG_CAU -> "Thị xã Sông Cầu";
            default -> "Huyện Sơn Hòa";
        };
    }

    /** Six files of eight dossiers: districts Tuy An and Sông Cầu, and Hà Nội's province level. */
    private void loadHistory(String lake, Path tmp) throws Exception {
        Path dir = tmp.resolve("history");
        for (int f = 1; f <= 6; f++) {
            List<String> lines = new ArrayList<>(List.of(IngestJobTest.HEADER));
            for (int i = 0; i < 6; i++) {
                String district = i % 2 == 0 ? TUY_AN : SONG_CAU;
                lines.add(districtRow("H" + f + "-" + i, district, name(district), "0" + f + "/01/2024 08:00", ""));
            }
            for (int i = 6; i < 8; i++) {
                lines.add(IngestJobTest.row(
                        "H" + f + "-" + i,
                        "01",
                        "0" + f + "/01/2024 08:00",
                        "09/01/2024 17:00",
                        "08/01/2024 10:00",
                        "Đã giải quyết trước hạn"));
            }
            IngestJobTest.write(dir, "ho_so_" + f + ".csv", lines);
        }
        IngestReport history = ingest(lake, dir);
        assertEquals(48, history.rowsAccepted());
    }

    @Test
    void aBatchOfKnownDistrictsLeavesTheUnitsAtTheirVersion(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        loadHistory(lake, tmp);
        long unitsVersion = LakeSpark.version(spark, lake, LakeTable.SILVER_UNITS);

        Path file = dayFile(tmp);
        BatchCost.Measured<IngestReport> batch = BatchCost.measure(
                spark, lake, progress -> new IngestJob(spark, lake, progress).run(List.of(file.toString())));
        System.out.println("small batch (25 rows, one file) into an existing lake: "
                + batch.cost().describe());

        assertEquals(25, batch.result().rowsRead());
        assertEquals(25, batch.result().rowsAccepted());
        assertEquals(68, LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count());
        assertEquals(
                unitsVersion,
                LakeSpark.version(spark, lake, LakeTable.SILVER_UNITS),
                "no district new to silver/units: not rewritten");
        assertAsAFullRefreshWrites(lake);
    }

    /** One day: 20 new dossiers and 5 resolved ones, all of districts the lake knows. */
    private static Path dayFile(Path tmp) throws Exception {
        List<String> day = new ArrayList<>(List.of(IngestJobTest.HEADER));
        for (int i = 0; i < 20; i++) {
            String district = i % 2 == 0 ? TUY_AN : SONG_CAU;
            day.add(districtRow("D-" + i, district, name(district), "15/01/2024 08:00", ""));
        }
        for (int i = 0; i < 5; i++) {
            String district = i % 2 == 0 ? TUY_AN : SONG_CAU;
            day.add(districtRow("H1-" + i, district, name(district), "01/01/2024 08:00", "15/01/2024 10:00"));
        }
        return IngestJobTest.write(tmp.resolve("day"), "ho_so_day.csv", day);
    }

    @Test
    void bronzeLeftoversOfACrashedBatchAreRemovedAndRegisteredBatchesKept(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        loadHistory(lake, tmp);
        Path file = dayFile(tmp);
        // what a batch killed after its bronze commit leaves: the file's rows in its partition, unregistered
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        SourceFile source = FileProbe.probe(file.toUri().toString(), conf);
        List<Row> rows = new ArrayList<>();
        DossierFileReader.read(source, CRASHED, new Timestamp(System.currentTimeMillis()), conf)
                .forEachRemaining(rows::add);
        LakeSpark.append(
                spark.createDataFrame(rows, LakeSpark.schema(LakeTable.BRONZE_DOSSIERS)),
                lake,
                LakeTable.BRONZE_DOSSIERS);

        assertEquals(25, ingest(lake, file).rowsRead());

        Dataset<Row> bronze = LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS);
        assertEquals(48 + 25, bronze.count(), "the history once, the file once");
        assertEquals(0, bronze.filter(col("ingest_batch_id").equalTo(CRASHED)).count());
        assertEquals(
                25,
                bronze.filter(col("file_checksum").equalTo(source.checksum())).count());
        assertEquals(68, LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count());
    }

    @Test
    void aNewDistrictOrADossierMovedAwayRewritesTheUnitsAsAFullRefreshWould(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        loadHistory(lake, tmp);

        long before = LakeSpark.version(spark, lake, LakeTable.SILVER_UNITS);
        ingest(
                lake,
                IngestJobTest.write(
                        tmp.resolve("new"),
                        "ho_so_new.csv",
                        List.of(
                                IngestJobTest.HEADER,
                                districtRow("N-1", SON_HOA, name(SON_HOA), "16/01/2024 08:00", ""),
                                districtRow("N-2", TUY_AN, name(TUY_AN), "16/01/2024 08:00", ""))));
        assertTrue(LakeSpark.version(spark, lake, LakeTable.SILVER_UNITS) > before, "a new district: rewritten");
        assertTrue(districts(lake).contains(SON_HOA));
        assertAsAFullRefreshWrites(lake);

        // every Sông Cầu dossier resolved by Sơn Hòa: Sông Cầu names no dossier any more
        List<String> moved = new ArrayList<>(List.of(IngestJobTest.HEADER));
        for (int f = 1; f <= 6; f++) {
            for (int i = 1; i < 6; i += 2) {
                moved.add(districtRow(
                        "H" + f + "-" + i, SON_HOA, name(SON_HOA), "0" + f + "/01/2024 08:00", "20/01/2024 10:00"));
            }
        }
        before = LakeSpark.version(spark, lake, LakeTable.SILVER_UNITS);
        ingest(lake, IngestJobTest.write(tmp.resolve("moved"), "ho_so_moved.csv", moved));
        assertTrue(LakeSpark.version(spark, lake, LakeTable.SILVER_UNITS) > before, "a district left: rewritten");
        assertFalse(districts(lake).contains(SONG_CAU), districts(lake).toString());
        assertAsAFullRefreshWrites(lake);
    }

    private IngestReport ingest(String lake, Path input) {
        IngestReport report = new IngestJob(spark, lake, m -> {}).run(List.of(input.toString()));
        assertEquals(report.rowsRead(), report.rowsAccepted() + report.rowsQuarantined());
        return report;
    }

    private List<String> districts(String lake) {
        return LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS)
                .filter("unit_level = 'district'")
                .select("unit_code")
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .sorted()
                .toList();
    }

    /** The table the ingest left equals, row for row, what a full refresh of it writes now. */
    private void assertAsAFullRefreshWrites(String lake) {
        List<String> kept = units(lake);
        SilverUnits.refresh(spark, lake);
        assertEquals(units(lake), kept);
    }

    private List<String> units(String lake) {
        return LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS).collectAsList().stream()
                .map(Row::toString)
                .sorted()
                .toList();
    }
}
