package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import vn.chiso.transforms.TransformJob;

/**
 * The six real month-all captures of Phú Thọ (August 2026) through the real path: IngestJob (period
 * from the capture manifest) into a Delta lake, then the transform job with the bundled portal_766
 * methodology. Every unit's six group scores and its 100-point total, and the ranking of the
 * departments and communes, are checked against the capture read here with Jackson alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration") // ingest and transform of the portal captures end to end
class PortalIndexEndToEndTest {

    /** Evaluation endpoint → component code of portal_766. */
    private static final Map<String, String> GROUPS = Map.of(
            "transparency",
            "transparency",
            "dvc-progress-tree",
            "processing_progress",
            "provide-online-tree",
            "online_services",
            "formality-online-payment-tree",
            "online_payment",
            "dossier-digitized",
            "digitisation",
            "handling-satisfaction",
            "satisfaction");

    private static final String ROOT = "019d2be3-6a88-732b-8b17-b68020c8553a";

    private final SparkSession spark = TestSpark.session();
    private final Path fixtures =
            ReferenceFiles.path("raw/portal_766_phutho/fixtures").toAbsolutePath();
    private String lake;
    private IngestReport first;
    /** departmentId → component code → the portal's points for the group. */
    private final Map<String, Map<String, BigDecimal>> published = new LinkedHashMap<>();

    private final Map<String, String> levels = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    @BeforeAll
    void ingestAndTransform(@TempDir Path tmp) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        for (Map.Entry<String, String> g : GROUPS.entrySet()) {
            JsonNode data = json.readTree(fixtures.resolve(g.getKey())
                            .resolve("month-all.json")
                            .toFile())
                    .get("data");
            List<JsonNode> units = new ArrayList<>();
            units.add(data.has("parent") ? data.get("parent") : data.get("overview"));
            (data.has("children") ? data.get("children") : data.get("evaluation")).forEach(units::add);
            for (JsonNode u : units) {
                String id = u.get("departmentId").asText();
                JsonNode points = u.has("score") ? u.get("score") : u.get("totalScore");
                published.computeIfAbsent(id, x -> new HashMap<>()).put(g.getValue(), points.decimalValue());
                names.putIfAbsent(id, u.get("departmentName").asText());
                if (g.getKey().equals("dvc-progress-tree")) {
                    levels.put(
                            id,
                            id.equals(ROOT)
                                    ? "province"
                                    : u.get("level").asText().equals("PROVINCE") ? "department" : "commune");
                }
            }
        }
        lake = TestSpark.newLake(tmp, "lake");
        first = new IngestJob(spark, lake, m -> {}).run(List.of(fixtures.toString()));
        new TransformJob(spark, lake, m -> {}).run();
    }

    private BigDecimal total(String id) {
        return published.get(id).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void allSixCapturesLoadedWithTheManifestsPeriod() {
        assertEquals(6, first.files().size());
        for (IngestReport.FileResult f : first.files()) {
            assertEquals(IngestJob.LOADED, f.status(), f.sourceFile() + " " + f.message());
            assertEquals(f.rowsRead(), f.rowsAccepted(), f.sourceFile());
        }
        Dataset<Row> silver = LakeSpark.read(spark, lake, LakeTable.SILVER_PORTAL_EVALUATIONS);
        assertEquals(164L * (1 + 5 + 6 + 1 + 1 + 8), silver.count());
        assertEquals(
                List.of("2026-08"),
                silver.select("period").distinct().collectAsList().stream()
                        .map(r -> r.getString(0))
                        .toList());
        assertEquals(6, silver.select("evaluation_group").distinct().count());
    }

    @Test
    void everyUnitsGroupScoresAndTotalAsThePortalGivesThem() {
        assertEquals(164, published.size());
        assertTrue(published.values().stream().allMatch(g -> g.size() == 6), "every unit in all six groups");
        Dataset<Row> scores = LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_SCORES)
                .filter("index_code = 'portal_766' AND period = '2026-08'");
        Map<String, Row> byNode = new HashMap<>();
        for (Row r : scores.filter("node_type IN ('index', 'component')").collectAsList()) {
            byNode.put(r.getAs("unit_code") + "|" + r.getAs("node_code"), r);
        }
        int compared = 0;
        for (Map.Entry<String, Map<String, BigDecimal>> u : published.entrySet()) {
            String unit = u.getKey().equals(ROOT) ? ReferenceData.PHU_THO : u.getKey();
            for (Map.Entry<String, BigDecimal> g : u.getValue().entrySet()) {
                Row r = byNode.get(unit + "|" + g.getKey());
                assertNotNull(r, unit + " " + g.getKey());
                assertEquals(
                        0,
                        g.getValue().compareTo(r.getAs("score")),
                        names.get(u.getKey()) + " " + g.getKey() + ": portal " + g.getValue() + ", ours "
                                + r.getAs("score"));
                compared++;
            }
            Row index = byNode.get(unit + "|portal_766");
            assertEquals("ok", index.getAs("status"));
            assertEquals(0, total(u.getKey()).compareTo(index.getAs("index_score")), names.get(u.getKey()));
            assertEquals(levels.get(u.getKey()), index.getAs("level"));
            assertEquals(u.getKey().equals(ROOT) ? "Phú Thọ" : names.get(u.getKey()), index.getAs("unit_name"));
        }
        assertEquals(164 * 6, compared);
    }

    @Test
    void matchCountsPerGroup() {
        Dataset<Row> scores =
                LakeSpark.read(spark, lake, LakeTable.GOLD_INDEX_SCORES).filter("index_code = 'portal_766'");
        Map<String, long[]> checks = new HashMap<>();
        for (Row r : scores.filter("matches_published IS NOT NULL").collectAsList()) {
            String component = r.getAs("node_type").equals("component") ? r.getAs("node_code") : r.getAs("parent_code");
            long[] c = checks.computeIfAbsent(component + "/" + r.getAs("node_type"), x -> new long[2]);
            c[0] += Boolean.TRUE.equals(r.getAs("matches_published")) ? 1 : 0;
            c[1]++;
        }
        checks.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.printf(
                        "portal 766 end to end: %-36s %d of %d equal%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
        Map<String, Long> expected = Map.of(
                "transparency/component",
                164L,
                "transparency/indicator",
                164L * 4,
                "processing_progress/indicator",
                164L,
                "digitisation/component",
                164L,
                "digitisation/indicator",
                164L * 6,
                "satisfaction/component",
                164L,
                "satisfaction/indicator",
                164L * 5);
        assertEquals(expected.keySet(), checks.keySet(), "groups with a known rule, and only they, are checked");
        expected.forEach((k, n) -> {
            assertEquals(n, checks.get(k)[1], k + " checked");
            assertEquals(n, checks.get(k)[0], k + " equal to the portal");
        });
        // carried: the portal's points where its rule is not known, marked as such
        Map<String, Long> carried =
                scores.filter("status = 'as_published'").groupBy("node_code").count().collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertEquals(
                Map.of("ONLINE_SERVICES", 164L, "ONLINE_PAYMENT", 164L, "ELECTRONIC_CERTIFIED_COPY", 164L), carried);
    }

    @Test
    void departmentsAndCommunesRankedWithinTheProvince() {
        List<Row> rankings = LakeSpark.read(spark, lake, LakeTable.GOLD_RANKINGS)
                .filter("index_code = 'portal_766' AND period_type = 'month' AND period = '2026-08'")
                .collectAsList();
        Map<String, Long> perLevel =
                levels.values().stream().collect(Collectors.groupingBy(l -> l, Collectors.counting()));
        assertEquals(Map.of("province", 1L, "department", 15L, "commune", 148L), perLevel);
        assertEquals(164, rankings.size());
        for (Row r : rankings) {
            String id = r.getAs("level").equals("province") ? ROOT : r.getAs("unit_code");
            String level = levels.get(id);
            assertEquals(level, r.getAs("level"));
            assertEquals(perLevel.get(level).intValue(), (int) r.getAs("units_ranked"));
            assertEquals(0, total(id).compareTo(r.getAs("score")));
            // competition ranking: one more than the units of the level with a higher total
            long higher = levels.entrySet().stream()
                    .filter(e -> e.getValue().equals(level))
                    .filter(e -> total(e.getKey()).compareTo(total(id)) > 0)
                    .count();
            assertEquals(higher + 1, (int) r.getAs("rank"), names.get(id));
            assertEquals(ReferenceData.PHU_THO, r.getAs("province_code"));
            assertEquals("v1", r.getAs("methodology_version"));
            if (!level.equals("province")) {
                int low = r.getAs("rank_low");
                int high = r.getAs("rank_high");
                int median = r.getAs("median_rank");
                assertTrue(low <= median && median <= high && (int) r.getAs("rank_draws") == 1000, names.get(id));
            }
        }
        for (String level : List.of("department", "commune")) {
            BigDecimal best = levels.entrySet().stream()
                    .filter(e -> e.getValue().equals(level))
                    .map(e -> total(e.getKey()))
                    .max(BigDecimal::compareTo)
                    .orElseThrow();
            Set<String> first = levels.entrySet().stream()
                    .filter(e -> e.getValue().equals(level))
                    .filter(e -> total(e.getKey()).compareTo(best) == 0)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            Set<String> rankedFirst = rankings.stream()
                    .filter(r -> r.getAs("level").equals(level) && (int) r.getAs("rank") == 1)
                    .map(r -> r.<String>getAs("unit_code"))
                    .collect(Collectors.toSet());
            assertEquals(first, rankedFirst, level + " ranked first");
            List<Row> top = rankings.stream()
                    .filter(r -> r.getAs("level").equals(level))
                    .sorted((a, b) -> Integer.compare(a.getAs("rank"), b.getAs("rank")))
                    .limit(3)
                    .toList();
            top.forEach(r -> System.out.printf(
                    "portal 766 %s rank %d: %s %s (interval %s–%s)%n",
                    level,
                    r.<Integer>getAs("rank"),
                    r.getAs("unit_name"),
                    r.getAs("score"),
                    r.getAs("rank_low"),
                    r.getAs("rank_high")));
        }
    }

    @Test
    void rerunChangesNothing() {
        long silver = LakeSpark.version(spark, lake, LakeTable.SILVER_PORTAL_EVALUATIONS);
        List<Row> before = sorted(LakeTable.GOLD_RANKINGS, "unit_code");
        List<Row> scoresBefore = sorted(LakeTable.GOLD_INDEX_SCORES, "unit_code", "node_code");
        IngestReport again = new IngestJob(spark, lake, m -> {}).run(List.of(fixtures.toString()));
        assertEquals(6, again.count(IngestJob.SKIPPED_DUPLICATE));
        assertEquals(silver, LakeSpark.version(spark, lake, LakeTable.SILVER_PORTAL_EVALUATIONS));
        new TransformJob(spark, lake, m -> {}).run();
        assertEquals(before, sorted(LakeTable.GOLD_RANKINGS, "unit_code"));
        assertEquals(scoresBefore, sorted(LakeTable.GOLD_INDEX_SCORES, "unit_code", "node_code"));
    }

    private List<Row> sorted(LakeTable table, String... keys) {
        return LakeSpark.read(spark, lake, table)
                .filter(col("index_code").equalTo("portal_766"))
                .orderBy("level", keys)
                .collectAsList();
    }
}
