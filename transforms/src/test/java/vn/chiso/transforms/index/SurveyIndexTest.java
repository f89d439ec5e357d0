package vn.chiso.transforms.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.transforms.methodology.Methodology;
import vn.chiso.transforms.methodology.MethodologyCatalog;
import vn.chiso.transforms.methodology.Robustness;

/** The SIPAS-style index from hand-made survey answers, with a bootstrap over respondents. */
class SurveyIndexTest {

    private final SparkSession spark = TestSpark.session();
    private static final String[] FACTORS = {"access", "procedures", "civil_servant", "results", "feedback"};

    private static Row answer(String province, int year, String respondent, String factor, Integer score, long n) {
        Map<String, Object> v = new HashMap<>();
        v.put("province_code", province);
        v.put("respondent_id", province + "-" + respondent);
        v.put("period_type", "year");
        v.put("period", String.valueOf(year));
        v.put("period_start", Date.valueOf(year + "-01-01"));
        v.put("period_end", Date.valueOf(year + "-12-31"));
        v.put("year", year);
        v.put("factor", factor);
        v.put("question_code", factor + "-1");
        v.put("answer_raw", score == null ? "không trả lời" : String.valueOf(score));
        v.put("answer_score", score);
        v.put("updated_at", Timestamp.valueOf("2025-01-01 00:00:00"));
        v.put("ingest_batch_id", "test");
        v.put("source_file", "survey.csv");
        v.put("row_number", n);
        return ReferenceData.row(LakeSpark.schema(LakeTable.SILVER_SURVEY_RESPONSES), v);
    }

    private Dataset<Row> answers() {
        // answers of province 01 in 2024, per factor, respondents r1..r4 (null: no score given)
        Integer[][] hanoi2024 = {
            {5, 4, 2, null}, // access: 2 of 3 satisfied
            {4, 4, 4, 3}, // procedures: 3 of 4
            {5, 5, 5, 5}, // civil servant: 4 of 4
            {1, 2, 4, 5}, // results: 2 of 4
            {4, null, null, 2}
        }; // feedback: 1 of 2
        List<Row> rows = new ArrayList<>();
        long n = 0;
        for (int f = 0; f < 5; f++) {
            for (int r = 0; r < 4; r++) {
                rows.add(answer("01", 2024, "r" + r, FACTORS[f], hanoi2024[f][r], ++n));
                rows.add(answer("79", 2024, "r" + r, FACTORS[f], 4, ++n));
                rows.add(answer("01", 2023, "r" + r, FACTORS[f], 5, ++n));
                rows.add(answer("79", 2023, "r" + r, FACTORS[f], 3, ++n));
            }
        }
        return spark.createDataFrame(rows, LakeSpark.schema(LakeTable.SILVER_SURVEY_RESPONSES));
    }

    @Test
    void factorPercentsTheirMeanAndBootstrapIntervals() {
        Methodology m = MethodologyCatalog.bundled()
                .forYear("sipas", 2024)
                .orElseThrow()
                .withRobustness(new Robustness(100, 0.25, 2017, true));
        Dataset<Row> input = IndexInputs.fromSurvey(spark, answers(), m.source(), "sipas", m.robustness())
                .cache();
        assertEquals(2 * 2 * 5 * 101, input.count(), "nominal + 100 bootstrap draws per province, year, factor");
        List<Row> scored = IndexScoring.score(List.of(m), input).collectAsList();
        Map<String, Row> hanoi = scored.stream()
                .filter(r -> r.getAs("unit_code").equals("01")
                        && r.getAs("period").equals("2024")
                        && !r.getAs("node_type").equals("component"))
                .collect(Collectors.toMap(r -> r.getAs("node_code"), r -> r));
        assertEquals(200.0 / 3, ((BigDecimal) hanoi.get("access").getAs("raw_value")).doubleValue(), 1e-8);
        assertEquals(0.75, ((BigDecimal) hanoi.get("procedures").getAs("normalised")).doubleValue(), 1e-12);
        assertEquals(0.5, ((BigDecimal) hanoi.get("feedback").getAs("normalised")).doubleValue(), 1e-12);
        Row total = hanoi.get("sipas");
        // (66.67 + 75 + 100 + 50 + 50) ÷ 5 = 68.33
        assertEquals(0, new BigDecimal("68.33").compareTo(total.getAs("index_score")));
        // a resample can pick only respondents who left a factor blank (feedback: 2 of 4 did): that draw has
        // no score for the province and does not count; the others all do
        long drawsWithEveryFactor = input.filter("unit_code = '01' AND period = '2024' AND draw IS NOT NULL")
                .groupBy("draw")
                .agg(org.apache.spark.sql.functions.min("denominator").as("fewest"))
                .filter("fewest > 0")
                .count();
        assertTrue(drawsWithEveryFactor >= 80 && drawsWithEveryFactor < 100, "some draws lack a factor");
        assertEquals(drawsWithEveryFactor, (int) total.getAs("rank_draws"));
        assertTrue((int) total.getAs("rank_low") >= 1 && (int) total.getAs("rank_high") <= 2);

        List<Row> again = IndexScoring.score(
                        List.of(m), IndexInputs.fromSurvey(spark, answers(), m.source(), "sipas", m.robustness()))
                .filter("node_type = 'index'")
                .orderBy("period", "unit_code")
                .collectAsList();
        List<Row> first = scored.stream()
                .filter(r -> r.getAs("node_type").equals("index"))
                .sorted(java.util.Comparator.comparing((Row r) -> (String) r.getAs("period"))
                        .thenComparing(r -> (String) r.getAs("unit_code")))
                .toList();
        assertEquals(first, again, "same seed, same bootstrap, same intervals");
        input.unpersist();
    }
}
