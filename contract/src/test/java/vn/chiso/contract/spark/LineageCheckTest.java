package vn.chiso.contract.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Lineage.Step;

class LineageCheckTest {

    private final SparkSession spark = TestSpark.session();

    private Dataset<Row> correlations() {
        return spark.createDataFrame(
                List.of(RowFactory.create(
                        "year",
                        "2024",
                        2024,
                        "pci",
                        "papi",
                        63,
                        63,
                        63,
                        new BigDecimal("0.4100"),
                        new BigDecimal("0.3000"),
                        "2016",
                        "2021")),
                LakeSpark.schema(LakeTable.GOLD_INDEX_CORRELATIONS));
    }

    private String history(String lake) {
        return io.delta.tables.DeltaTable.forPath(spark, LakeTable.GOLD_INDEX_CORRELATIONS.location(lake))
                .history()
                .select("version", "operation", "userMetadata")
                .collectAsList()
                .toString();
    }

    @Test
    void aWriteByTheDeclaringStepHolds(@TempDir Path tmp) {
        String lake = TestSpark.newLake(tmp, "lake");
        LakeSpark.step(
                spark,
                Step.COMPARE_INDICES,
                () -> LakeSpark.overwrite(correlations(), lake, LakeTable.GOLD_INDEX_CORRELATIONS));
        assertEquals(List.of(), LineageCheck.undeclaredWrites(spark, lake));
    }

    @Test
    void aWriteByAStepThatDoesNotDeclareTheTableIsReported(@TempDir Path tmp) {
        String lake = TestSpark.newLake(tmp, "lake");
        LakeSpark.step(
                spark,
                Step.ROLL_UP_KPIS,
                () -> LakeSpark.overwrite(correlations(), lake, LakeTable.GOLD_INDEX_CORRELATIONS));
        List<String> problems = LineageCheck.undeclaredWrites(spark, lake);
        assertEquals(1, problems.size(), problems + " " + history(lake));
        assertTrue(problems.get(0).startsWith("gold/index_correlations v"), problems.get(0));
        assertTrue(
                problems.get(0)
                        .contains("'transform.roll_up_kpis', which does not declare it; producers: "
                                + "[transform.compare_indices]"),
                problems.get(0));
    }

    @Test
    void aWriteOutsideAnyStepIsReportedAndTheSettingDoesNotOutliveItsStep(@TempDir Path tmp) {
        String lake = TestSpark.newLake(tmp, "lake");
        LakeSpark.step(spark, Step.COMPARE_INDICES, () -> {});
        LakeSpark.overwrite(correlations(), lake, LakeTable.GOLD_INDEX_CORRELATIONS);
        List<String> problems = LineageCheck.undeclaredWrites(spark, lake);
        assertEquals(1, problems.size(), problems + " " + history(lake));
        assertTrue(problems.get(0).endsWith("written by no declared step"), problems.get(0));
    }
}
