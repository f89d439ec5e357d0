package vn.chiso.transforms.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.transforms.methodology.Methodology;
import vn.chiso.transforms.methodology.MethodologyLoader;

/**
 * A hand-computed rank change: B falls from 2nd to 4th although it lost only 3 points, entirely
 * because C and D rose past it (the Phú Yên pattern: 75,48 → 72,96 points, 20th → 54th of 63).
 */
class RankChangesTest {

    private final SparkSession spark = TestSpark.session();

    static final String METHOD = """
            index: two_areas
            version: v1
            title: two areas
            source: {kind: official_scores, index_code: TWO}
            total_rounding: 2
            robustness: {draws: 200, weight_noise: 0.5, seed: 3}
            components:
              - {code: c1, max_points: 50}
              - {code: c2, max_points: 50}
            """;

    private static Row input(int year, String unit, String code, String value) {
        Map<String, Object> v = new HashMap<>();
        v.put("level", "province");
        v.put("unit_code", unit);
        v.put("unit_name", unit);
        v.put("province_code", unit);
        v.put("region", "R");
        v.put("period_type", "year");
        v.put("period", String.valueOf(year));
        v.put("year", year);
        v.put("input_code", code);
        v.put("value", new BigDecimal(value).setScale(9));
        return ReferenceData.row(IndexScoring.INPUT, v);
    }

    @Test
    void ownScoreAndOtherUnitsAddUpToTheRankChange(@TempDir Path tmp) {
        String[][] scores = {
            // unit, 2023 c1, c2, 2024 c1, c2
            {"A", "40", "40", "40", "38"}, // 80 → 78: 1st → 1st
            {"B", "40", "35", "36", "36"}, // 75 → 72: 2nd → 4th
            {"C", "35", "35", "40", "37"}, // 70 → 77: 3rd → 2nd
            {"D", "30", "30", "37", "37"}
        }; // 60 → 74: 4th → 3rd
        List<Row> rows = new ArrayList<>();
        for (String[] s : scores) {
            rows.add(input(2023, s[0], "c1", s[1]));
            rows.add(input(2023, s[0], "c2", s[2]));
            rows.add(input(2024, s[0], "c1", s[3]));
            rows.add(input(2024, s[0], "c2", s[4]));
        }
        String lake = TestSpark.newLake(tmp, "lake");
        Methodology m = MethodologyLoader.parse("two_areas/v1.yaml", METHOD);
        new IndexPipeline(spark, lake, null, x -> {})
                .compute("two_areas", List.of(m), spark.createDataFrame(rows, IndexScoring.INPUT));

        Dataset<Row> changes = LakeSpark.read(spark, lake, LakeTable.GOLD_RANK_CHANGES);
        Map<String, Row> index = changes.filter("node_type = 'index'").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("unit_code"), r -> r));
        assertEquals(4, index.size());
        Row b = index.get("B");
        assertEquals(2, (int) b.getAs("previous_rank"));
        assertEquals(4, (int) b.getAs("rank"));
        assertEquals(-2, (int) b.getAs("rank_change"));
        assertEquals(2, (int) b.getAs("counterfactual_rank"), "72 among A 80, C 70, D 60 of 2023");
        assertEquals(0, (int) b.getAs("rank_change_own"), "its own 3 points cost it no place");
        assertEquals(-2, (int) b.getAs("rank_change_others"), "C and D rose past it");
        assertEquals(1, (int) index.get("C").getAs("rank_change_own"));
        assertEquals(0, (int) index.get("C").getAs("rank_change_others"));
        assertEquals(3, (int) index.get("D").getAs("counterfactual_rank"));
        assertEquals(1, (int) index.get("D").getAs("rank_change_own"));
        assertEquals(0, (int) index.get("A").getAs("rank_change"));

        Map<String, Row> bComponents =
                changes.filter("node_type = 'component' AND unit_code = 'B'").collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getAs("node_code"), r -> r));
        assertEquals(0, new BigDecimal("-4").compareTo(bComponents.get("c1").getAs("contribution_change")));
        assertEquals(0, new BigDecimal("1").compareTo(bComponents.get("c2").getAs("contribution_change")));
        assertEquals(4.0 / 3, ((BigDecimal) bComponents.get("c1").getAs("share_of_change")).doubleValue(), 1e-8);
        assertEquals(-1.0 / 3, ((BigDecimal) bComponents.get("c2").getAs("share_of_change")).doubleValue(), 1e-8);

        Dataset<Row> rankings =
                LakeSpark.read(spark, lake, LakeTable.GOLD_RANKINGS).filter("period = '2024'");
        for (Row r : rankings.collectAsList()) {
            Integer low = r.getAs("rank_low");
            Integer high = r.getAs("rank_high");
            Integer previous = r.getAs("previous_rank");
            assertNotNull(low);
            assertEquals(previous >= low && previous <= high, r.getAs("within_noise"), r.toString());
            assertEquals("v1", r.getAs("methodology_version"));
        }
        assertTrue(rankings.filter("within_noise").count() >= 1, "with ±50 % weights some moves are noise");
    }
}
