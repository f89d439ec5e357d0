package vn.chiso.transforms.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.chiso.contract.spark.TestSpark;

class RankingsTest {

    private static final StructType SCORES = StructType.fromDDL("index_code STRING, level STRING, period_type STRING, "
            + "period STRING, year INT, unit_code STRING, unit_name STRING, province_code STRING, region STRING, "
            + "score DECIMAL(7,2)");

    private final SparkSession spark = TestSpark.session();

    private static Row score(String period, String unit, String region, String score) {
        return RowFactory.create(
                "progress",
                "province",
                "year",
                period,
                Integer.parseInt(period),
                unit,
                unit,
                unit,
                region,
                new BigDecimal(score));
    }

    private Map<String, Row> rank(List<Row> scores, String period) {
        return Rankings.compute(spark.createDataFrame(scores, SCORES)).collectAsList().stream()
                .filter(r -> r.getAs("period").equals(period))
                .collect(Collectors.toMap(r -> r.getAs("unit_code"), r -> r));
    }

    @Test
    void competitionRankingWithTiesNationallyAndWithinRegions() {
        Map<String, Row> r = rank(
                List.of(
                        score("2024", "A", "North", "19.50"),
                        score("2024", "B", "South", "18.00"),
                        score("2024", "C", "North", "18.00"),
                        score("2024", "D", "South", "17.25"),
                        score("2024", "E", "South", "17.25")),
                "2024");
        assertEquals(
                List.of(1, 2, 2, 4, 4),
                List.of("A", "B", "C", "D", "E").stream()
                        .map(u -> (Integer) r.get(u).getAs("rank"))
                        .toList());
        assertEquals(1, (int) r.get("B").getAs("rank_in_region"));
        assertEquals(2, (int) r.get("D").getAs("rank_in_region"));
        assertEquals(2, (int) r.get("C").getAs("rank_in_region"));
        assertEquals(3, (int) r.get("E").getAs("units_in_region"));
        assertEquals(5, (int) r.get("A").getAs("units_ranked"));
        assertEquals(new BigDecimal("100.00"), r.get("A").getAs("percentile"));
        assertEquals(new BigDecimal("25.00"), r.get("D").getAs("percentile"));
    }

    @Test
    void movesAgainstThePreviousPeriod() {
        Map<String, Row> r = rank(
                List.of(
                        score("2023", "A", "N", "15.00"),
                        score("2023", "B", "N", "16.00"),
                        score("2024", "A", "N", "17.00"),
                        score("2024", "B", "N", "14.50"),
                        score("2024", "C", "N", "16.00")),
                "2024");
        Row a = r.get("A");
        assertEquals("2023", a.getAs("previous_period"));
        assertEquals(2, (int) a.getAs("previous_rank"));
        assertEquals(1, (int) a.getAs("rank_change"), "moved up one place");
        assertEquals(new BigDecimal("2.00"), a.getAs("score_change"));
        assertEquals(-2, (int) r.get("B").getAs("rank_change"));
        assertNull(r.get("C").getAs("previous_rank"), "no previous period for a new unit");
    }

    @Test
    void quartersAndMonthsFollowOnAcrossTheYearBoundary() {
        StructType schema = SCORES;
        List<Row> rows = List.of(
                RowFactory.create(
                        "progress", "province", "quarter", "2023-Q4", 2023, "A", "A", "A", "N", new BigDecimal("10")),
                RowFactory.create(
                        "progress", "province", "quarter", "2024-Q1", 2024, "A", "A", "A", "N", new BigDecimal("12")),
                RowFactory.create(
                        "progress", "province", "month", "2023-12", 2023, "A", "A", "A", "N", new BigDecimal("9")),
                RowFactory.create(
                        "progress", "province", "month", "2024-01", 2024, "A", "A", "A", "N", new BigDecimal("11")));
        Map<String, Row> byPeriod = Rankings.compute(spark.createDataFrame(rows, schema)).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("period"), r -> r));
        assertEquals("2023-Q4", byPeriod.get("2024-Q1").getAs("previous_period"));
        assertEquals("2023-12", byPeriod.get("2024-01").getAs("previous_period"));
    }

    @Test
    void districtsRankWithinTheirProvince() {
        List<Row> rows = List.of(
                RowFactory.create(
                        "progress",
                        "district",
                        "year",
                        "2024",
                        2024,
                        "001",
                        "Ba Đình",
                        "01",
                        "R",
                        new BigDecimal("18")),
                RowFactory.create(
                        "progress",
                        "district",
                        "year",
                        "2024",
                        2024,
                        "002",
                        "Hoàn Kiếm",
                        "01",
                        "R",
                        new BigDecimal("19")),
                RowFactory.create(
                        "progress",
                        "district",
                        "year",
                        "2024",
                        2024,
                        "760",
                        "Quận 1",
                        "79",
                        "R",
                        new BigDecimal("17")));
        Map<String, Row> r = Rankings.compute(spark.createDataFrame(rows, SCORES)).collectAsList().stream()
                .collect(Collectors.toMap(x -> x.getAs("unit_code"), x -> x));
        assertEquals(2, (int) r.get("001").getAs("rank"));
        assertEquals(1, (int) r.get("760").getAs("rank"));
        assertEquals(1, (int) r.get("760").getAs("units_ranked"));
        assertNull(r.get("001").getAs("rank_in_region"));
    }
}
