package vn.chiso.transforms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.LineageCheck;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.IngestJob;
import vn.chiso.ingest.IngestReport;
import vn.chiso.ingest.sample.SampleGenerator;
import vn.chiso.transforms.index.IndexPipeline;

/** generate → ingest → transform at small scale, on a real Delta lake in a temp dir. */
@Tag("integration") // generate, ingest and transform end to end
class PipelineEndToEndTest {

    private final SparkSession spark = TestSpark.session();

    @Test
    void allSixtyThreeProvincesRankedFromReconciledData(@TempDir Path tmp) {
        Path exports = tmp.resolve("exports");
        String lake = TestSpark.newLake(tmp, "lake");
        SampleGenerator.Summary generated =
                new SampleGenerator().generate(new SampleGenerator.Options(exports, 30_000, 7, 2021, 2024), m -> {});

        IngestReport report = new IngestJob(spark, lake, m -> {}).run(List.of(exports.toString()));
        assertEquals(generated.rows(), report.rowsRead());
        assertEquals(report.rowsRead(), report.rowsAccepted() + report.rowsQuarantined());
        assertEquals(0, report.rowsQuarantined(), "generated data is clean");
        Dataset<Row> recon = LakeSpark.read(spark, lake, LakeTable.RECONCILIATION);
        assertEquals(generated.files(), recon.count());
        assertEquals(
                0, recon.filter("rows_read <> rows_accepted + rows_quarantined").count());

        List<IndexPipeline.Outcome> outcomes = new TransformJob(spark, lake, m -> {}).run();
        Map<String, IndexPipeline.Outcome> byIndex =
                outcomes.stream().collect(Collectors.toMap(IndexPipeline.Outcome::index, o -> o));
        assertTrue(byIndex.get("progress").computed());
        for (String index : List.of("portal_766", "par_index", "papi", "sipas")) {
            assertTrue(
                    !byIndex.get(index).computed()
                            && byIndex.get(index).message().contains("skipped"),
                    "a lake with only dossiers: " + byIndex.get(index).message());
        }

        List<Row> ranking = LakeSpark.read(spark, lake, LakeTable.GOLD_RANKINGS)
                .filter("index_code = 'progress' AND level = 'province' AND period_type = 'year' AND period = '2024'")
                .orderBy("rank")
                .collectAsList();
        assertEquals(63, ranking.size());
        for (int i = 1; i < ranking.size(); i++) {
            BigDecimal before = ranking.get(i - 1).getAs("score");
            BigDecimal score = ranking.get(i).getAs("score");
            int rank = ranking.get(i).getAs("rank");
            assertTrue(before.compareTo(score) >= 0, "scores fall as ranks rise");
            int expected = before.compareTo(score) == 0 ? ranking.get(i - 1).<Integer>getAs("rank") : i + 1;
            assertEquals(expected, rank, "competition ranking");
        }
        assertEquals(6, ranking.stream().map(r -> r.getAs("region")).distinct().count());
        assertTrue(ranking.stream().allMatch(r -> r.getAs("previous_rank") != null), "2023 ranked too");
        // the cross-index view follows the indices: progress's province years only, no pair with one index
        assertEquals(
                63 * 4,
                LakeSpark.read(spark, lake, LakeTable.GOLD_PROVINCE_INDICES).count(),
                "2021–2024");
        assertEquals(
                List.of(),
                LineageCheck.undeclaredWrites(spark, lake),
                "every commit of ingest and transform names a step that declares its table");
        assertTrue(!LakeSpark.exists(spark, lake, LakeTable.GOLD_INDEX_CORRELATIONS), "no empty table written");

        // One province recomputed by hand from silver equals its gold KPI.
        Row hanoi = LakeSpark.read(spark, lake, LakeTable.GOLD_UNIT_KPIS)
                .filter("level = 'province' AND unit_code = '01' AND period = '2024'")
                .first();
        Dataset<Row> silver = LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .filter(col("province_code")
                        .equalTo("01")
                        .and(col("received_year").equalTo(2024)));
        long received = silver.count();
        long onTime = silver.filter(col("counts_on_time")).count();
        assertEquals(received, (long) hanoi.getAs("received"));
        assertEquals(
                BigDecimal.valueOf(onTime * 100).divide(BigDecimal.valueOf(received), 2, RoundingMode.HALF_UP),
                hanoi.getAs("on_time_ratio"));
        assertEquals("Hà Nội", hanoi.getAs("province_name"));

        // The index tree: the progress score is its one component's points.
        assertEquals(
                63,
                LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_SCORES)
                        .filter(
                                "index_code = 'progress' "
                                        + "AND node_type = 'index' AND level = 'province' AND period = '2024' AND status = 'ok'")
                        .count());
        assertEquals(
                0,
                LakeSpark.read(spark, lake, LakeTable.GOLD_RANK_CHANGES)
                        .filter("node_type = 'index' AND rank_change <> rank_change_own + rank_change_others")
                        .count());

        // On the 34 provinces: counts summed over the merged provinces, the ratio recomputed from the sums.
        Dataset<Row> kpis2024 =
                LakeSpark.read(spark, lake, LakeTable.GOLD_UNIT_KPIS).filter("level = 'province' AND period = '2024'");
        long merged = kpis2024.filter("unit_code IN ('02', '08')")
                .agg(sum("received"))
                .first()
                .getLong(0);
        long mergedOnTime = kpis2024.filter("unit_code IN ('02', '08')")
                .agg(sum("on_time"))
                .first()
                .getLong(0);
        Dataset<Row> series = LakeSpark.read(spark, lake, LakeTable.GOLD_REFORM_SERIES)
                .filter("period = '2024' AND unit_code = '08'");
        Map<String, Row> tuyenQuang = series.collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("series") + "/" + r.getAs("measure"), r -> r));
        assertEquals(
                0,
                BigDecimal.valueOf(merged)
                        .compareTo(tuyenQuang.get("kpi/received").getAs("value")));
        BigDecimal ratio =
                BigDecimal.valueOf(mergedOnTime * 100).divide(BigDecimal.valueOf(merged), 2, RoundingMode.HALF_UP);
        assertEquals(0, ratio.compareTo(tuyenQuang.get("kpi/on_time_ratio").getAs("value")), "never an average");
        assertEquals("re_expressed", tuyenQuang.get("kpi/received").getAs("status"));
        assertEquals("02,08", tuyenQuang.get("kpi/received").getAs("predecessor_codes"));
        assertEquals(
                0,
                ((BigDecimal) tuyenQuang.get("kpi/progress_score").getAs("value"))
                        .compareTo(tuyenQuang.get("progress/score").getAs("value")),
                "the index recomputed on summed counts");
        assertEquals(
                34,
                LakeSpark.read(spark, lake, LakeTable.GOLD_REFORM_SERIES)
                        .filter("series = 'kpi' AND measure = 'received' AND period = '2024'")
                        .count());

        // Re-running ingest and transform on the same files changes no result.
        long silverVersion = LakeSpark.version(spark, lake, LakeTable.SILVER_DOSSIERS);
        IngestReport rerun = new IngestJob(spark, lake, m -> {}).run(List.of(exports.toString()));
        assertEquals(generated.files(), rerun.count(IngestJob.SKIPPED_DUPLICATE));
        assertEquals(silverVersion, LakeSpark.version(spark, lake, LakeTable.SILVER_DOSSIERS));
        List<Row> before = LakeSpark.read(spark, lake, LakeTable.GOLD_RANKINGS)
                .orderBy("period_type", "period", "level", "unit_code")
                .collectAsList();
        new TransformJob(spark, lake, m -> {}).run();
        assertEquals(
                before,
                LakeSpark.read(spark, lake, LakeTable.GOLD_RANKINGS)
                        .orderBy("period_type", "period", "level", "unit_code")
                        .collectAsList());
    }
}
