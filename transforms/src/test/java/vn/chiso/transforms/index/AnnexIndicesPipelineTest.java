package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.IngestJob;
import vn.chiso.ingest.IngestReport;
import vn.chiso.ingest.sample.AnnexTable;
import vn.chiso.ingest.sample.IndexAnnexGenerator;
import vn.chiso.ingest.sample.SampleGenerator;
import vn.chiso.transforms.kpi.DossierFrames;
import vn.chiso.transforms.methodology.MethodologyCatalog;

/**
 * The sample PAR Index (2021–2024) and SIPAS (2022–2024) annex tables, ingested by the real job and
 * scored by the bundled methodologies: every province ranked as the table ranks it, every recomputed
 * total equal to the published one, rank intervals from the Monte Carlo on weights.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class AnnexIndicesPipelineTest {

    private final SparkSession spark = TestSpark.session();
    private String lake;
    private List<AnnexTable> tables;
    private Map<String, IndexPipeline.Outcome> outcomes;

    @BeforeAll
    void ingestAndScore(@TempDir Path tmp) {
        lake = TestSpark.newLake(tmp, "lake");
        Path in = tmp.resolve("in");
        new IndexAnnexGenerator().generate(in, SampleGenerator.DEFAULT_SEED);
        tables = IndexAnnexGenerator.tables(SampleGenerator.DEFAULT_SEED);
        IngestReport report = new IngestJob(spark, lake, m -> {}).run(List.of(in.toString()));
        assertEquals(report.rowsRead(), report.rowsAccepted() + report.rowsQuarantined());
        outcomes = new IndexPipeline(spark, lake, MethodologyCatalog.bundled(), System.out::println)
                .run(DossierFrames.absent(), List.of("year")).stream()
                        .collect(Collectors.toMap(IndexPipeline.Outcome::index, o -> o));
    }

    private Dataset<Row> rankings(String index) {
        return LakeSpark.read(spark, lake, LakeTable.GOLD_RANKINGS)
                .filter(col("index_code").equalTo(index));
    }

    @Test
    void everyProvinceRankedAsTheTableRanksIt() {
        for (AnnexTable t : tables) {
            String index = t.indexCode().equals("PAR_INDEX") ? "par_index" : "sipas_official";
            Map<String, Row> gold = new HashMap<>();
            rankings(index)
                    .filter(col("period").equalTo(Integer.toString(t.year())))
                    .collectAsList()
                    .forEach(r -> gold.put(r.getAs("unit_code"), r));
            assertEquals(63, gold.size(), index + " " + t.year());
            for (AnnexTable.Row r : t.rows()) {
                Row g = gold.get(r.province().code());
                assertEquals(
                        r.rank(),
                        (Integer) g.getAs("rank"),
                        index + " " + t.year() + " " + r.province().name());
                assertEquals(
                        0,
                        BigDecimal.valueOf(r.scores().get(t.totalColumn()), 2).compareTo(g.getAs("score")));
            }
            String version = index.equals("sipas_official") ? "2022" : t.year() < 2022 ? "2021" : "2022";
            assertEquals(
                    List.of(version),
                    rankings(index)
                            .filter(col("period").equalTo(Integer.toString(t.year())))
                            .select("methodology_version")
                            .distinct()
                            .collectAsList()
                            .stream()
                            .map(r -> r.getString(0))
                            .toList());
        }
        Row quangNinh = rankings("par_index")
                .filter(col("period").equalTo("2023").and(col("unit_code").equalTo("22")))
                .first();
        assertEquals(1, (Integer) quangNinh.getAs("rank"));
        assertEquals("A", quangNinh.getAs("band"));
        assertEquals(
                7,
                rankings("par_index")
                        .filter(col("period").equalTo("2023").and(col("band").equalTo("A")))
                        .count());
    }

    @Test
    void theBandsOfEveryMethodologyVersionAreInTheLake() {
        Map<String, String> bands = new HashMap<>();
        LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_BANDS)
                .collectAsList()
                .forEach(r -> bands.put(
                        r.getAs("index_code") + " " + r.getAs("methodology_version") + " " + r.getAs("band"),
                        r.<BigDecimal>getAs("min_score").toPlainString() + ".." + r.getAs("below_score")));
        Map<String, String> declared = new HashMap<>();
        for (String version : List.of("2021", "2022")) { // par_index/<version>.yaml: A ≥ 90, B 80–90, C 70–80
            declared.put("par_index " + version + " A", "90.00..null");
            declared.put("par_index " + version + " B", "80.00..90.00");
            declared.put("par_index " + version + " C", "70.00..80.00");
        }
        assertEquals(declared, bands, "only PAR Index declares bands");
    }

    @Test
    void theTotalRecomputedFromTheFieldsMatchesThePublishedTotal() {
        IndexPipeline.Outcome par = outcomes.get("par_index");
        assertEquals(4 * 63, par.unitsRanked(), par.message());
        IndexPipeline.Outcome sipas = outcomes.get("sipas_official");
        assertEquals(3 * 63, sipas.unitsRanked(), sipas.message());
        for (String index : List.of("par_index", "sipas_official")) {
            Dataset<Row> totals = LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_SCORES)
                    .filter(col("index_code")
                            .equalTo(index)
                            .and(col("node_type").equalTo(NodeResult.INDEX)));
            long expected = index.equals("par_index") ? 4 * 63 : 3 * 63;
            assertEquals(expected, totals.filter(col("matches_published")).count(), index + ": total = published");
            assertEquals(expected, totals.count());
            assertEquals(
                    0,
                    LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_SCORES)
                            .filter(col("index_code")
                                    .equalTo(index)
                                    .and(col("matches_published").equalTo(false)))
                            .count(),
                    index + ": no figure differs");
        }
        Row area = LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_SCORES)
                .filter(col("index_code")
                        .equalTo("par_index")
                        .and(col("period").equalTo("2023"))
                        .and(col("node_code").equalTo("PAR2"))
                        .and(col("unit_code").equalTo("22")))
                .first();
        assertEquals(
                0,
                new BigDecimal("11.5").compareTo(area.getAs("max_points")),
                "Decision 876 area maximum taken from the annex header '(11,5 điểm)'");
    }

    @Test
    void rankIntervalsFromTheMonteCarloOnWeights() {
        for (String index : List.of("par_index", "sipas_official")) {
            List<Row> rows = rankings(index).collectAsList();
            int wide = 0;
            for (Row r : rows) {
                int rank = r.getAs("rank");
                int low = r.getAs("rank_low");
                int high = r.getAs("rank_high");
                assertEquals(1000, (Integer) r.getAs("rank_draws"), index);
                assertTrue(
                        low <= high
                                && r.<Integer>getAs("median_rank") >= low
                                && r.<Integer>getAs("median_rank") <= high,
                        r.toString());
                wide += high > low ? 1 : 0;
            }
            assertTrue(
                    wide > rows.size() / 4,
                    index + ": " + wide + " of " + rows.size() + " intervals wider than one rank");
        }
    }
}
