package vn.chiso.transforms.kpi;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.chiso.contract.ReferenceFiles;
import vn.chiso.contract.spark.TestSpark;

/**
 * The processing-progress arithmetic against the national portal's own figures: the real
 * Phú Thọ capture (August 2026, 163 units and the province) in reference/raw (copied from shared/reference).
 */
class PortalRoundingTest {

    private final SparkSession spark = TestSpark.session();

    @Test
    void reproducesEveryUnitsRatioAndScoreOfThePhuThoCapture() throws Exception {
        JsonNode data = new ObjectMapper()
                .readTree(ReferenceFiles.path("raw/portal_766_phutho/fixtures/dvc-progress-tree/month-all.json")
                        .toFile())
                .get("data");
        List<Row> rows = new ArrayList<>();
        JsonNode parent = data.get("parent");
        rows.add(RowFactory.create(
                parent.get("departmentCode").asText(),
                parent.get("totalReceived").asLong(),
                parent.get("totalOnTime").asLong(),
                parent.get("ratio").decimalValue(),
                parent.get("totalScore").decimalValue()));
        for (JsonNode unit : data.get("children")) {
            rows.add(RowFactory.create(
                    unit.get("departmentCode").asText(),
                    unit.get("totalReceived").asLong(),
                    unit.get("totalOnTime").asLong(),
                    unit.get("ratio").decimalValue(),
                    unit.get("score").decimalValue()));
        }
        StructType schema = StructType.fromDDL(
                "unit STRING, received BIGINT, on_time BIGINT, portal_ratio DECIMAL(5,2), portal_score DECIMAL(5,2)");
        List<Row> computed = spark.createDataFrame(rows, schema)
                .withColumn("ratio", PortalRounding.ratio(col("on_time"), col("received")))
                .withColumn("score", PortalRounding.score(col("ratio"), 20))
                .collectAsList();

        assertEquals(164, computed.size(), "163 units and the province");
        long equal = computed.stream()
                .filter(r -> same(r, "portal_ratio", "ratio") && same(r, "portal_score", "score"))
                .count();
        assertEquals(
                164,
                equal,
                () -> "differences: "
                        + computed.stream()
                                .filter(r -> !same(r, "portal_ratio", "ratio") || !same(r, "portal_score", "score"))
                                .toList());
        Row province = computed.get(0);
        assertEquals(new BigDecimal("78.38"), province.getAs("ratio"));
        assertEquals(new BigDecimal("15.68"), province.getAs("score"));
    }

    private static boolean same(Row r, String expected, String actual) {
        return ((BigDecimal) r.getAs(expected)).compareTo(r.getAs(actual)) == 0;
    }

    @Test
    void roundsHalfUpAndGivesZeroForNothingReceived() {
        StructType schema = StructType.fromDDL("part BIGINT, whole BIGINT");
        List<Row> r = spark.createDataFrame(
                        List.of(RowFactory.create(1L, 8L), RowFactory.create(0L, 0L), RowFactory.create(2L, 3L)),
                        schema)
                .select(PortalRounding.ratio(col("part"), col("whole")).as("ratio"))
                .collectAsList();
        assertEquals(new BigDecimal("12.50"), r.get(0).getAs("ratio"));
        assertEquals(new BigDecimal("0.00"), r.get(1).getAs("ratio"));
        assertEquals(new BigDecimal("66.67"), r.get(2).getAs("ratio"));
    }
}
