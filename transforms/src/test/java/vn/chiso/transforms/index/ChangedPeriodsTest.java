package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;

/** Which periods of an index a change of gold/unit_kpis reaches, on two real versions of the table. */
class ChangedPeriodsTest {

    private final SparkSession spark = TestSpark.session();

    @Test
    void scoresTheChangedPeriodsRanksAlsoTheNextAndReadsTheOneBefore(@TempDir Path tmp) {
        String lake = TestSpark.newLake(tmp, "lake");
        LakeSpark.overwrite(
                kpis(
                        "month|2016-01|5",
                        "month|2016-02|5",
                        "month|2016-03|5",
                        "month|2016-04|5",
                        "quarter|2016-Q1|15",
                        "quarter|2016-Q2|10",
                        "year|2016|25"),
                lake,
                LakeTable.GOLD_UNIT_KPIS);
        long from = LakeSpark.version(spark, lake, LakeTable.GOLD_UNIT_KPIS);
        // February changed (and with it Q1), May is new; the year's figure stays as it was
        Dataset<Row> now = kpis(
                "month|2016-01|5",
                "month|2016-02|7",
                "month|2016-03|5",
                "month|2016-04|5",
                "month|2016-05|1",
                "quarter|2016-Q1|17",
                "quarter|2016-Q2|10",
                "year|2016|25");
        LakeSpark.overwrite(now, lake, LakeTable.GOLD_UNIT_KPIS);

        ChangedPeriods periods =
                ChangedPeriods.between(spark, lake, from, from + 1, now).orElseThrow();

        assertEquals("month 2016-02, month 2016-05, quarter 2016-Q1", labels(now, periods.changedPredicate()));
        assertEquals(
                "month 2016-02, month 2016-03, month 2016-05, quarter 2016-Q1, quarter 2016-Q2",
                labels(now, periods.affectedPredicate()));
        assertEquals(
                "month 2016-01, month 2016-02, month 2016-03, month 2016-04, month 2016-05, quarter 2016-Q1,"
                        + " quarter 2016-Q2",
                labels(periods.read(now), "true"));
        assertEquals("3 of 8 periods scored again, 5 ranked again", periods.summary());
    }

    @Test
    void aPeriodThatDisappearedIsChangedAndNothingElseMoves(@TempDir Path tmp) {
        String lake = TestSpark.newLake(tmp, "lake");
        LakeSpark.overwrite(kpis("year|2015|3", "year|2016|4", "year|2018|2"), lake, LakeTable.GOLD_UNIT_KPIS);
        long from = LakeSpark.version(spark, lake, LakeTable.GOLD_UNIT_KPIS);
        Dataset<Row> now = kpis("year|2015|3", "year|2016|4");
        LakeSpark.overwrite(now, lake, LakeTable.GOLD_UNIT_KPIS);

        ChangedPeriods periods =
                ChangedPeriods.between(spark, lake, from, from + 1, now).orElseThrow();

        assertEquals(
                "year 2018", labels(kpis("year|2015|3", "year|2016|4", "year|2018|2"), periods.changedPredicate()));
        assertEquals("", labels(periods.read(now), "true"), "2017 is absent: 2016 is not read");
        assertEquals("1 of 3 periods scored again, 1 ranked again", periods.summary());
    }

    @Test
    void unchangedContentChangesNoPeriod(@TempDir Path tmp) {
        String lake = TestSpark.newLake(tmp, "lake");
        Dataset<Row> same = kpis("month|2016-01|5", "month|2016-02|5");
        LakeSpark.overwrite(same, lake, LakeTable.GOLD_UNIT_KPIS);
        long from = LakeSpark.version(spark, lake, LakeTable.GOLD_UNIT_KPIS);
        LakeSpark.overwrite(same, lake, LakeTable.GOLD_UNIT_KPIS);

        ChangedPeriods periods =
                ChangedPeriods.between(spark, lake, from, from + 1, same).orElseThrow();

        assertEquals(true, periods.none());
        assertEquals("", labels(same, periods.changedPredicate()));
    }

    /** Unit KPI rows of one province, "period_type|period|received" each. */
    private Dataset<Row> kpis(String... rows) {
        String values = java.util.Arrays.stream(rows)
                .map(r -> r.split("\\|"))
                .map(f -> "('" + f[0] + "', '" + f[1] + "', " + f[1].substring(0, 4) + ", " + f[2] + ")")
                .collect(Collectors.joining(", "));
        Dataset<Row> frame = spark.sql("SELECT * FROM VALUES " + values + " AS t(period_type, period, year, received)")
                .withColumn("level", lit("province"))
                .withColumn("unit_code", lit("01"))
                .withColumn("province_code", lit("01"));
        for (String count : List.of(
                "resolved",
                "resolved_early",
                "resolved_on_time",
                "resolved_late",
                "returned",
                "pending",
                "pending_within_deadline",
                "pending_overdue",
                "on_time",
                "online",
                "postal",
                "rated",
                "on_time_ratio",
                "progress_score")) {
            frame = frame.withColumn(count, lit(0));
        }
        return LakeSpark.conform(frame, LakeTable.GOLD_UNIT_KPIS);
    }

    /** "type period" of the rows matching a predicate, sorted. */
    private static String labels(Dataset<Row> rows, String predicate) {
        return rows.filter(expr(predicate)).select("period_type", "period").collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getString(1))
                .sorted()
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
