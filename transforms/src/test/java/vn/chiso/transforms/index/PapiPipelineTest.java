package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import vn.chiso.contract.ReferenceFiles;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.IngestJob;
import vn.chiso.ingest.IngestReport;
import vn.chiso.transforms.kpi.DossierFrames;
import vn.chiso.transforms.methodology.MethodologyCatalog;

/**
 * PAPI dimensions and aggregate through the real ingest and the whole index pipeline, from both of
 * its publishers in reference/raw: UNDP/CECODES's own workbook (2011–2016, with dimensions and
 * totals) and the third-party sub-dimension compilation (2011–2024), on a lake holding only silver
 * index_scores: every other index is skipped with a message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class PapiPipelineTest {

    private final SparkSession spark = TestSpark.session();
    private String lake;
    private List<IndexPipeline.Outcome> outcomes;

    @BeforeAll
    void run(@TempDir Path tmp) {
        lake = TestSpark.newLake(tmp, "lake");
        IngestReport ingest = new IngestJob(spark, lake, m -> {})
                .run(List.of(
                        ReferenceFiles.path(WORKBOOK).toAbsolutePath().toString(),
                        ReferenceFiles.path("raw/papi_subdimensions_hnks-gh_ml-mcdm")
                                .toAbsolutePath()
                                .toString()));
        assertEquals(ingest.rowsRead(), ingest.rowsAccepted() + ingest.rowsQuarantined());
        outcomes = new IndexPipeline(spark, lake, MethodologyCatalog.bundled(), System.out::println)
                .run(DossierFrames.absent(), List.of("year"));
    }

    static final String WORKBOOK = "raw/published_indices_vietnamdata/PAPI_2011-2016.xlsx";
    static final String UNDP = "UNDP/CECODES PAPI workbook";

    private Dataset<Row> table(LakeTable t) {
        return LakeSpark.read(spark, lake, t)
                .filter(col(t == LakeTable.GOLD_REFORM_SERIES ? "series" : "index_code")
                        .equalTo("papi"));
    }

    @Test
    void otherIndicesAreSkippedWithAMessage() {
        Map<String, String> messages = outcomes.stream()
                .collect(Collectors.toMap(IndexPipeline.Outcome::index, IndexPipeline.Outcome::message));
        assertTrue(messages.get("progress").contains("skipped, no silver dossiers"), messages.get("progress"));
        assertTrue(messages.get("portal_766").contains("skipped, no silver/portal_evaluations"));
        assertTrue(messages.get("sipas").contains("skipped, no silver/survey_responses"));
        assertTrue(messages.get("par_index").contains("skipped")
                && messages.get("par_index").contains("no rows"));
        assertTrue(messages.get("papi").contains("unit-periods scored"), messages.get("papi"));
    }

    @Test
    void everyYearRankedWithItsMethodologyVersionAndGapsNotImputed() {
        Map<Integer, Long> ranked =
                new TreeMap<>(table(LakeTable.GOLD_RANKINGS).groupBy("year").count().collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getInt(0), r -> r.getLong(1))));
        Map<Integer, Long> expected = new TreeMap<>();
        for (int y = 2011; y <= 2024; y++) {
            expected.put(y, 63L);
        }
        expected.put(2014, 61L); // P15 Bắc Giang, P56 Đồng Tháp blank
        expected.put(2018, 61L); // P14 Quảng Ninh, P56
        expected.put(2021, 60L); // P14, P15, P18
        expected.put(2022, 61L); // P15, P18
        expected.put(2023, 61L); // P14, P47
        expected.put(2024, 61L); // P17, P52
        assertEquals(expected, ranked);
        Map<Integer, String> versions =
                table(LakeTable.GOLD_RANKINGS).select("year", "methodology_version").distinct().collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getInt(0), r -> r.getString(1)));
        System.out.println("PAPI provinces ranked per year: " + ranked);
        assertEquals("2011", versions.get(2015));
        assertEquals("2016", versions.get(2016));
        assertEquals("2017", versions.get(2017));
        assertEquals("2018", versions.get(2018));
        assertEquals("2019", versions.get(2020));
        assertEquals("2021", versions.get(2024));
        // P15 Bắc Giang 2022 lacks some sub-dimensions: no aggregate, and the dimensions it lacks say so
        Row bacGiang2022 = table(LakeTable.GOLD_INDEX_SCORES)
                .filter("year = 2022 AND unit_code = '24' AND node_type = 'index'")
                .first();
        assertNull(bacGiang2022.getAs("index_score"));
        assertEquals("incomplete", bacGiang2022.getAs("status"));
        assertEquals(
                "missing_input",
                table(LakeTable.GOLD_INDEX_SCORES)
                        .filter("year = 2022 AND unit_code = '24' AND node_code = 'C01'")
                        .first()
                        .getAs("status"));
    }

    /** Where UNDP's workbook publishes dimensions and totals, ours recomputed from its sub-dimensions equal them. */
    @Test
    void workbookYearsRecomputedTotalsAndDimensionsEqualThePublishedOnes() {
        Dataset<Row> scores = table(LakeTable.GOLD_INDEX_SCORES);
        Map<Integer, String> perYear = new TreeMap<>();
        for (int year = 2011; year <= 2016; year++) {
            Dataset<Row> y = scores.filter(col("year").equalTo(year));
            Dataset<Row> totals = y.filter("node_type = 'index' AND published_score IS NOT NULL");
            Dataset<Row> dims = y.filter("node_type = 'component' AND published_score IS NOT NULL");
            long totalsMatching = totals.filter("matches_published").count();
            long dimsMatching = dims.filter("matches_published").count();
            long ranked = table(LakeTable.GOLD_RANKINGS)
                    .filter(col("year").equalTo(year))
                    .count();
            double worst = totals.selectExpr("max(abs(index_score - published_score))")
                    .first()
                    .getDecimal(0)
                    .doubleValue();
            perYear.put(
                    year,
                    String.format(
                            "totals %d/%d, dimensions %d/%d, largest total difference %.4f",
                            totalsMatching, totals.count(), dimsMatching, dims.count(), worst));
            assertEquals(ranked, totals.count(), year + ": every ranked province has a published total");
            assertEquals(totals.count(), totalsMatching, year + " totals");
            assertEquals(dims.count(), dimsMatching, year + " dimensions");
            assertEquals(6 * ranked, dims.count(), year + ": six published dimensions per province");
            assertEquals(
                    0,
                    y.filter("node_type = 'indicator' AND source <> '" + UNDP + "'")
                            .count(),
                    year + ": the workbook wins over the compilation");
        }
        System.out.println("PAPI recomputed vs UNDP workbook: " + perYear);
        // the compilation's 2011–2016 figures are the workbook's: same sums of sub-dimensions per dimension
        Dataset<Row> silver = LakeSpark.read(spark, lake, LakeTable.SILVER_INDEX_SCORES)
                .filter("year <= 2016 AND component_level = 'sub_dimension'");
        Dataset<Row> sums = silver.groupBy("source", "year", "province_code", "parent_component")
                .agg(org.apache.spark.sql.functions.sum("score").as("s"));
        Dataset<Row> undp =
                sums.filter(col("source").equalTo(UNDP)).drop("source").withColumnRenamed("s", "undp");
        Dataset<Row> other = sums.filter(col("source").notEqual(UNDP)).drop("source");
        Dataset<Row> both = undp.join(
                other,
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("year", "province_code", "parent_component"))
                        .toSeq());
        System.out.println("PAPI 2011–2016, workbook vs compilation: " + both.count() + " dimension sums compared, "
                + both.filter("abs(s - undp) > 0.000001").count() + " differ");
        assertEquals((5 * 63 + 61) * 6, both.count());
        assertEquals(0, both.filter("abs(s - undp) > 0.000001").count());
        assertEquals(
                0,
                scores.filter("year >= 2017 AND node_type = 'index' AND matches_published IS NOT NULL")
                        .count(),
                "no published total after 2016 here");
        assertEquals(
                0,
                scores.filter("year = 2017 AND node_type = 'indicator' AND source = '" + UNDP + "'")
                        .count());
    }

    @Test
    void hanoiDimensionsAreTheSumsOfItsSubDimensions() {
        Map<String, BigDecimal> subs = ReferenceData.papiYear(2024).get("01");
        Map<String, BigDecimal> dims = new TreeMap<>();
        subs.forEach((code, v) -> dims.merge("C0" + code.charAt(2), v, BigDecimal::add));
        List<Row> rows = table(LakeTable.GOLD_INDEX_SCORES)
                .filter("year = 2024 AND unit_code = '01' AND node_type = 'component'")
                .collectAsList();
        assertEquals(8, rows.size());
        for (Row r : rows) {
            BigDecimal expected = dims.get(r.<String>getAs("node_code"));
            assertEquals(0, expected.setScale(9, RoundingMode.HALF_UP).compareTo(r.getAs("score")), r.toString());
        }
        BigDecimal total = dims.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Row hanoi = table(LakeTable.GOLD_RANKINGS)
                .filter("year = 2024 AND unit_code = '01'")
                .first();
        assertEquals(0, total.setScale(2, RoundingMode.HALF_UP).compareTo(hanoi.getAs("score")));
        List<Row> outside = table(LakeTable.GOLD_INDEX_SCORES)
                .filter("node_type = 'component' AND score IS NOT NULL " + "AND (score < 1 OR score > 10)")
                .select("year", "unit_code", "node_code", "score", "status", "source")
                .collectAsList();
        assertEquals(List.of(), outside, "every dimension on PAPI's 1–10 scale");
    }

    @Test
    void rankChangesSplitIntoOwnScoreAndOtherUnitsAndIntervalsFlagNoise() {
        Dataset<Row> changes = table(LakeTable.GOLD_RANK_CHANGES);
        Dataset<Row> index = changes.filter("node_type = 'index'");
        assertTrue(index.count() > 700);
        assertEquals(
                0,
                index.filter("rank_change <> rank_change_own + rank_change_others")
                        .count());
        assertEquals(
                0,
                changes.filter("node_type = 'component' AND comparable")
                        .groupBy("unit_code", "period")
                        .agg(org.apache
                                .spark
                                .sql
                                .functions
                                .sum("share_of_change")
                                .as("s"))
                        .filter("s IS NOT NULL AND abs(s - 1) > 0.000001")
                        .count(),
                "component shares add up to 1");
        assertEquals(0, index.filter("period = '2018' AND comparable").count(), "2017 → 2018: new methodology");

        Dataset<Row> r2024 = table(LakeTable.GOLD_RANKINGS).filter("year = 2024");
        assertEquals(
                0,
                r2024.filter("NOT (rank_low <= median_rank AND median_rank <= rank_high)")
                        .count());
        long moved = r2024.filter("rank_change <> 0").count();
        long noise = r2024.filter("rank_change <> 0 AND within_noise").count();
        Row biggest = r2024.filter("rank_change IS NOT NULL")
                .orderBy(col("rank_change").asc())
                .first();
        System.out.printf(
                "PAPI 2023→2024: %d of %d provinces changed rank, %d of them within the 5–95%% interval "
                        + "(±25%% weights, 1000 draws); biggest fall %s %d → %d (interval %d–%d, within noise %s)%n",
                moved,
                r2024.count(),
                noise,
                biggest.getAs("unit_name"),
                biggest.<Integer>getAs("previous_rank"),
                biggest.<Integer>getAs("rank"),
                biggest.<Integer>getAs("rank_low"),
                biggest.<Integer>getAs("rank_high"),
                biggest.getAs("within_noise"));
        assertTrue(noise > 0 && noise < moved);
    }

    @Test
    void acrossTheReformMergedProvincesSaySoUnchangedOnesKeepTheirScore() {
        Dataset<Row> series = table(LakeTable.GOLD_REFORM_SERIES).filter("period = '2024'");
        Map<String, Long> statuses = series.groupBy("status").count().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(11L, statuses.get("same_territory"), "11 provinces kept their territory");
        assertEquals(23L, statuses.get("not_re_expressible"));
        assertEquals(
                0,
                series.filter("status = 'not_re_expressible' AND (value IS NOT NULL OR note IS NULL)")
                        .count(),
                "no invented value, and a reason");
        Row hanoi = series.filter("unit_code = '01'").first();
        Row ranked = table(LakeTable.GOLD_RANKINGS)
                .filter("year = 2024 AND unit_code = '01'")
                .first();
        assertEquals(0, ((BigDecimal) ranked.getAs("score")).compareTo(hanoi.getAs("value")));
    }

    /** Rank intervals do not depend on how Spark partitions the universes. */
    @Test
    void intervalsDoNotDependOnPartitioning() {
        Dataset<Row> input = IndexInputs.fromOfficialScores(spark, ReferenceData.papiSilver(spark, 2023, 2024), "PAPI");
        String before = spark.conf().get("spark.sql.shuffle.partitions");
        try {
            spark.conf().set("spark.sql.shuffle.partitions", "1");
            List<Row> one = intervals(input);
            spark.conf().set("spark.sql.shuffle.partitions", "7");
            List<Row> seven = intervals(input);
            assertEquals(122, one.size());
            assertEquals(one, seven);
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", before);
        }
    }

    private static List<Row> intervals(Dataset<Row> input) {
        return IndexScoring.score(MethodologyCatalog.bundled().versions("papi"), input)
                .filter("node_type = 'index' AND index_score IS NOT NULL")
                .select("period", "unit_code", "index_score", "median_rank", "rank_low", "rank_high")
                .orderBy("period", "unit_code")
                .collectAsList();
    }
}
