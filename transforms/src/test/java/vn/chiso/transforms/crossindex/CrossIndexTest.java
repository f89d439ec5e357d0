package vn.chiso.transforms.crossindex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;

/**
 * Expected correlations worked out by hand (comments give the ranks): Spearman's rho is Pearson's
 * correlation of average ranks within the provinces in common, Kendall's tau-b (S) / √(n_a × n_b).
 */
class CrossIndexTest {

    private static final StructType RANKINGS = StructType.fromDDL("index_code STRING, level STRING, "
            + "period_type STRING, period STRING, year INT, unit_code STRING, unit_name STRING, province_code STRING, "
            + "region STRING, score DECIMAL(7,2), rank INT, units_ranked INT, percentile DECIMAL(5,2), "
            + "methodology_version STRING, previous_period STRING, previous_rank INT, rank_change INT");

    private final SparkSession spark = TestSpark.session();

    private static Row row(String index, String level, String periodType, String period, String unit, String score) {
        return RowFactory.create(
                index,
                level,
                periodType,
                period,
                Integer.parseInt(period.substring(0, 4)),
                unit,
                "Tỉnh " + unit,
                unit.substring(0, 2),
                "North",
                new BigDecimal(score),
                1,
                5,
                new BigDecimal("100"),
                "v1",
                null,
                null,
                null);
    }

    private static void year(List<Row> rows, String index, String period, String... scores) {
        for (int i = 0; i < scores.length; i++) {
            rows.add(row(index, "province", "year", period, "0" + (i + 1), scores[i]));
        }
    }

    /** 2024: papi, sipas on P1–P5, par_index on P1–P4, portal_766 constant on P1–P3; papi 2023; noise to drop. */
    private Dataset<Row> rankings() {
        List<Row> rows = new ArrayList<>();
        year(rows, "papi", "2024", "10", "9", "9", "7", "5");
        year(rows, "sipas", "2024", "50", "40", "45", "30", "30");
        year(rows, "par_index", "2024", "1", "2", "3", "4");
        year(rows, "portal_766", "2024", "5", "5", "5");
        year(rows, "papi", "2023", "8", "9");
        // not counted: a dossier index's quarter, a district
        rows.add(row("progress", "province", "quarter", "2024-Q1", "01", "12"));
        rows.add(row("progress", "province", "quarter", "2024-Q1", "02", "14"));
        rows.add(row("papi", "district", "year", "2024", "01001", "3"));
        return spark.createDataFrame(rows, RANKINGS);
    }

    private Map<String, Row> byPair(Dataset<Row> correlations) {
        return correlations.collectAsList().stream()
                .collect(Collectors.toMap(
                        r -> r.getAs("period") + " " + r.getAs("index_code_a") + "/" + r.getAs("index_code_b"),
                        r -> r));
    }

    @Test
    void onlyProvinceYearsAreKept() {
        Dataset<Row> positions = CrossIndex.provinceIndices(CrossIndex.provinceYears(rankings()));
        assertEquals(LakeTable.GOLD_PROVINCE_INDICES.columnNames(), List.of(positions.columns()));
        assertEquals(19, positions.count(), "5 + 5 + 4 + 3 in 2024, 2 in 2023; no quarter, no district");
        Row papi = positions
                .filter("index_code = 'papi' AND year = 2024 AND province_code = '03'")
                .first();
        assertEquals("Tỉnh 03", papi.getAs("province_name"));
        assertEquals(new BigDecimal("9.00"), papi.getAs("score"));
        assertEquals("year", papi.getAs("period_type"));
    }

    @Test
    void averageRanksShareTheirPlaces() {
        Dataset<Row> pairs = CrossIndex.pairs(CrossIndex.provinceIndices(CrossIndex.provinceYears(rankings())));
        Map<String, Row> papiSipas = CrossIndex.withAverageRanks(pairs)
                .filter("index_code_a = 'papi' AND index_code_b = 'sipas'")
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> r.getAs("province_code"), r -> r));
        assertEquals(
                List.of(1.0, 2.5, 2.5, 4.0, 5.0),
                List.of("01", "02", "03", "04", "05").stream()
                        .map(p -> (Double) papiSipas.get(p).getAs("rank_a"))
                        .toList());
        assertEquals(
                List.of(1.0, 3.0, 2.0, 4.5, 4.5),
                List.of("01", "02", "03", "04", "05").stream()
                        .map(p -> (Double) papiSipas.get(p).getAs("rank_b"))
                        .toList());
        // within the four provinces papi shares with par_index, papi's ranks are 1, 2.5, 2.5, 4 again
        assertEquals(4.0, (Double) CrossIndex.withAverageRanks(pairs)
                .filter("index_code_a = 'papi' AND index_code_b = 'par_index' AND province_code = '04'")
                .first()
                .getAs("rank_a"));
    }

    @Test
    void rankCorrelationsOnProvincesInCommon() {
        Map<String, Row> c =
                byPair(CrossIndex.correlations(CrossIndex.provinceIndices(CrossIndex.provinceYears(rankings()))));
        assertEquals(6, c.size(), "six pairs of four indices in 2024, none in 2023 (papi alone): " + c.keySet());

        // papi 1, 2.5, 2.5, 4, 5 against sipas 1, 3, 2, 4.5, 4.5: Σdadb = 9, Σda² = Σdb² = 9.5 → 9/9.5;
        // tau-b: S = 8 over 10 pairs, one tied on each → 8/9
        Row papiSipas = c.get("2024 papi/sipas");
        assertEquals(5, (int) papiSipas.getAs("provinces_in_common"));
        assertEquals(new BigDecimal("0.9474"), papiSipas.getAs("spearman_rho"));
        assertEquals(new BigDecimal("0.8889"), papiSipas.getAs("kendall_tau_b"));
        assertEquals("year", papiSipas.getAs("period_type"));
        assertEquals("v1", papiSipas.getAs("methodology_version_a"));

        // par_index lacks province 05: papi 1, 2.5, 2.5, 4 against 4, 3, 2, 1 → −4.5/√(4.5 × 5);
        // tau-b: S = −5, 5 pairs untied on papi, 6 on par_index → −5/√30
        Row papiPar = c.get("2024 papi/par_index");
        assertEquals(4, (int) papiPar.getAs("provinces_in_common"));
        assertEquals(5, (int) papiPar.getAs("provinces_ranked_a"));
        assertEquals(4, (int) papiPar.getAs("provinces_ranked_b"));
        assertEquals(new BigDecimal("-0.9487"), papiPar.getAs("spearman_rho"));
        assertEquals(new BigDecimal("-0.9129"), papiPar.getAs("kendall_tau_b"));

        // portal_766 gives every province the same score: no order, no correlation
        Row papiPortal = c.get("2024 papi/portal_766");
        assertEquals(3, (int) papiPortal.getAs("provinces_in_common"));
        assertNull(papiPortal.getAs("spearman_rho"));
        assertNull(papiPortal.getAs("kendall_tau_b"));
    }

    /**
     * Three indices over two years, scores from a handful of values (many ties) and some provinces
     * missing on each, against rho and tau-b computed here pair by pair in plain Java.
     */
    @Test
    void manyTiesAndGapsAgreeWithAPlainComputation() {
        java.util.Random random = new java.util.Random(20241);
        List<Row> rows = new ArrayList<>();
        Map<String, Map<String, Double>> scores = new java.util.TreeMap<>();
        for (String period : List.of("2023", "2024")) {
            for (String index : List.of("papi", "par_index", "sipas")) {
                for (int p = 1; p <= 63; p++) {
                    if (random.nextInt(10) == 0) {
                        continue; // not ranked on this index this year
                    }
                    String unit = String.format("%02d", p);
                    String score = (60 + random.nextInt(8)) + ".50";
                    rows.add(row(index, "province", "year", period, unit, score));
                    scores.computeIfAbsent(period + " " + index, k -> new java.util.TreeMap<>())
                            .put(unit, Double.parseDouble(score));
                }
            }
        }
        Map<String, Row> c = byPair(CrossIndex.correlations(
                CrossIndex.provinceIndices(CrossIndex.provinceYears(spark.createDataFrame(rows, RANKINGS)))));
        assertEquals(6, c.size());
        for (Map.Entry<String, Row> e : c.entrySet()) {
            String period = e.getKey().substring(0, 4);
            Row r = e.getValue();
            Map<String, Double> a = scores.get(period + " " + r.getAs("index_code_a"));
            Map<String, Double> b = scores.get(period + " " + r.getAs("index_code_b"));
            List<String> common = a.keySet().stream().filter(b::containsKey).toList();
            double[] x = common.stream().mapToDouble(a::get).toArray();
            double[] y = common.stream().mapToDouble(b::get).toArray();
            assertEquals(common.size(), (int) r.getAs("provinces_in_common"), e.getKey());
            assertEquals(
                    pearson(averageRanks(x), averageRanks(y)),
                    ((BigDecimal) r.getAs("spearman_rho")).doubleValue(),
                    0.00005 + 1e-12,
                    e.getKey());
            assertEquals(
                    tauB(x, y), ((BigDecimal) r.getAs("kendall_tau_b")).doubleValue(), 0.00005 + 1e-12, e.getKey());
        }
    }

    private static double[] averageRanks(double[] v) {
        double[] ranks = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int above = 0;
            int same = 0;
            for (double o : v) {
                above += o > v[i] ? 1 : 0;
                same += o == v[i] ? 1 : 0;
            }
            ranks[i] = above + (same + 1) / 2.0;
        }
        return ranks;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            xy += (x[i] - mx) * (y[i] - my);
            xx += (x[i] - mx) * (x[i] - mx);
            yy += (y[i] - my) * (y[i] - my);
        }
        return xy / Math.sqrt(xx * yy);
    }

    private static double tauB(double[] x, double[] y) {
        double s = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                s += Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
                nx += x[i] != x[j] ? 1 : 0;
                ny += y[i] != y[j] ? 1 : 0;
            }
        }
        return s / Math.sqrt(nx * ny);
    }

    @Test
    void theJobWritesBothTablesAndARerunChangesNothing(@TempDir Path tmp) {
        String lake = TestSpark.newLake(tmp, "lake");
        LakeSpark.overwrite(rankings(), lake, LakeTable.GOLD_RANKINGS);
        List<String> messages = new ArrayList<>();
        new CrossIndex(spark, lake, messages::add).run();
        List<Row> positions = LakeSpark.read(spark, lake, LakeTable.GOLD_PROVINCE_INDICES)
                .orderBy("index_code", "year", "province_code")
                .collectAsList();
        List<Row> correlations = LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_CORRELATIONS)
                .orderBy("index_code_a", "index_code_b")
                .collectAsList();
        assertEquals(19, positions.size());
        assertEquals(6, correlations.size());
        assertEquals(
                new BigDecimal("0.9474"),
                byPair(LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_CORRELATIONS))
                        .get("2024 papi/sipas")
                        .getAs("spearman_rho"));

        new CrossIndex(spark, lake, messages::add).run();
        assertEquals(
                positions,
                LakeSpark.read(spark, lake, LakeTable.GOLD_PROVINCE_INDICES)
                        .orderBy("index_code", "year", "province_code")
                        .collectAsList());
        assertEquals(
                correlations,
                LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_CORRELATIONS)
                        .orderBy("index_code_a", "index_code_b")
                        .collectAsList());
        assertEquals(2, messages.size());
        assertEquals(true, messages.get(0).contains("gold province_indices: 19 rows"), messages.get(0));
    }

    @Test
    void oneIndexAloneLeavesNoCorrelationTable(@TempDir Path tmp) {
        String lake = TestSpark.newLake(tmp, "one");
        LakeSpark.overwrite(rankings().filter("index_code = 'papi'"), lake, LakeTable.GOLD_RANKINGS);
        List<String> messages = new ArrayList<>();
        new CrossIndex(spark, lake, messages::add).run();
        assertEquals(
                5 + 2,
                LakeSpark.read(spark, lake, LakeTable.GOLD_PROVINCE_INDICES).count());
        assertEquals(false, LakeSpark.exists(spark, lake, LakeTable.GOLD_INDEX_CORRELATIONS));
        assertEquals(true, messages.get(0).contains("not written"), messages.get(0));
    }

    @Test
    void withoutRankingsTheStepSaysSo(@TempDir Path tmp) {
        String lake = TestSpark.newLake(tmp, "empty");
        List<String> messages = new ArrayList<>();
        new CrossIndex(spark, lake, messages::add).run();
        assertEquals(List.of("cross-index view: skipped, no gold/rankings in the lake"), messages);
        assertEquals(false, LakeSpark.exists(spark, lake, LakeTable.GOLD_PROVINCE_INDICES));
    }
}
