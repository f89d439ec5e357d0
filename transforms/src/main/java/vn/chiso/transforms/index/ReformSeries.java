package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;
import vn.chiso.contract.UnitLevel;
import vn.chiso.transforms.kpi.DossierKpis;
import vn.chiso.transforms.methodology.Methodology;

/**
 * History across the 1 July 2025 reform (gold/reform_series): dossier KPIs and indices on the 34
 * provinces. Months before the reform are re-expressed by summing the former provinces' counts
 * (rates recomputed from the sums, never averaged); from July 2025 the new provinces report
 * themselves. A period whose former provinces did not all report is 'incomplete' and has no value.
 * The 63-province series stay as they are in gold/unit_kpis and gold/rankings.
 *
 * <p>Indices: one that is a ratio of counts (methodology {@code re_expression: additive}) is
 * recomputed by its methodology on the summed counts; a province whose territory did not change
 * keeps its score ('same_territory'); any other is 'not_re_expressible', with the methodology's note.
 */
public final class ReformSeries {

    /** The first month on the 34-province map, as year × 12 + month − 1. */
    static final int FIRST_MONTH_AFTER = 2025 * 12 + 6;

    /** The KPI columns carried (gold/unit_kpis names). */
    static final List<String> KPI_MEASURES = List.of(
            "received",
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
            "progress_score",
            "online_share",
            "postal_share",
            "avg_rating",
            "avg_processing_days");

    private ReformSeries() {}

    /** Old province code → new province code, names, and how many former provinces each new one has. */
    static Dataset<Row> successors(SparkSession spark) {
        List<Province> all = AdminUnits.get().provinces();
        List<Row> rows = new ArrayList<>();
        for (Province p : all) {
            List<String> predecessors = all.stream()
                    .filter(o -> o.successorCode().equals(p.successorCode()))
                    .map(Province::code)
                    .sorted()
                    .toList();
            rows.add(RowFactory.create(
                    p.code(),
                    p.successorCode(),
                    p.successorName(),
                    predecessors.size(),
                    String.join(",", predecessors)));
        }
        return spark.createDataFrame(
                rows,
                StructType.fromDDL("province_code STRING, successor_code STRING, "
                        + "successor_name STRING, predecessors_expected INT, predecessor_codes STRING"));
    }

    /**
     * KPIs on the 34 provinces, wide (gold/unit_kpis columns, level province), with coverage columns:
     * predecessor_codes, predecessors_expected, predecessors_reporting, months_before_reform, status.
     */
    public static Dataset<Row> kpis34(SparkSession spark, Dataset<Row> monthly, List<String> periodTypes) {
        Dataset<Row> map = successors(spark);
        Dataset<Row> mapped = monthly.join(map, IndexInputs.scala(List.of("province_code")), "inner")
                .withColumn(
                        "month_ordinal",
                        col("year").multiply(12).plus(col("month")).minus(1))
                .withColumn("before_reform", col("month_ordinal").lt(FIRST_MONTH_AFTER))
                .withColumn("former_province", when(col("before_reform"), col("province_code")))
                .withColumn("province_code", col("successor_code"))
                .withColumn("district_code", lit(null).cast("STRING"));
        // all period types at once: one aggregation for the counts, one for the coverage (labels of
        // different period types never coincide)
        Dataset<Row> counts = DossierKpis.rollUp(mapped, List.of(UnitLevel.PROVINCE), periodTypes);
        Column[] periods = periodTypes.stream().map(ReformSeries::periodLabel).toArray(Column[]::new);
        Dataset<Row> coverage = mapped.withColumn("period", explode(array(periods)))
                .groupBy(col("province_code").as("unit_code"), col("period"))
                .agg(
                        countDistinct(col("former_province")).cast("INT").as("predecessors_reporting"),
                        count(when(col("before_reform"), lit(1))).as("months_before_reform"),
                        first(col("successor_name")).as("unit_name"),
                        first(col("predecessors_expected")).as("predecessors_expected"),
                        first(col("predecessor_codes")).as("predecessor_codes"));
        Dataset<Row> kpis =
                DossierKpis.withRates(counts.join(coverage, IndexInputs.scala(List.of("unit_code", "period"))));
        return kpis.withColumn("status", status())
                .withColumn("region", lit(null).cast("STRING"));
    }

    private static Column status() {
        return when(col("months_before_reform").equalTo(0), lit("as_reported"))
                .when(col("predecessors_reporting").lt(col("predecessors_expected")), lit("incomplete"))
                .when(col("predecessors_expected").equalTo(1), lit("same_territory"))
                .otherwise(lit("re_expressed"));
    }

    private static Column periodLabel(String periodType) {
        return switch (periodType) {
            case "year" -> col("year").cast("STRING");
            case "quarter" -> expr("concat(cast(year AS STRING), '-Q', cast(floor((month - 1) / 3) + 1 AS STRING))");
            case "month" -> expr("format_string('%04d-%02d', year, month)");
            default -> throw new IllegalArgumentException("unknown period type " + periodType);
        };
    }

    /** The wide KPIs on 34 provinces as long gold/reform_series rows (series 'kpi'). */
    public static Dataset<Row> kpiSeries(Dataset<Row> kpis34) {
        String stack = KPI_MEASURES.stream()
                .map(m -> "'" + m + "', cast(" + m + " AS DECIMAL(24,4))")
                .collect(Collectors.joining(", "));
        return kpis34.selectExpr(
                        "period_type",
                        "period",
                        "year",
                        "unit_code",
                        "unit_name",
                        "predecessor_codes",
                        "predecessors_expected",
                        "predecessors_reporting",
                        "status",
                        "stack(" + KPI_MEASURES.size() + ", " + stack + ") AS (measure, value)")
                .withColumn("series", lit("kpi"))
                .withColumn(
                        "value",
                        when(col("status").equalTo("incomplete"), lit(null)).otherwise(col("value")))
                .withColumn("note", note());
    }

    private static Column note() {
        return when(
                        col("status").equalTo("incomplete"),
                        expr(
                                "concat('only ', predecessors_reporting, ' of ', "
                                        + "predecessors_expected, ' former provinces (', predecessor_codes, ') have data: no value')"))
                .when(
                        col("status").equalTo("re_expressed"),
                        expr("concat('sum of former provinces ', " + "predecessor_codes)"))
                .otherwise(lit(null).cast("STRING"));
    }

    /**
     * An index's province scores on the 34 provinces. {@code reExpressed} holds the index recomputed
     * by its methodology on the summed counts (gold/index_scores rows, additive indices), or null.
     */
    public static Dataset<Row> indexSeries(
            SparkSession spark, Methodology latest, Dataset<Row> provinceRankings, Dataset<Row> reExpressed) {
        Column status = when(col("after"), lit("as_reported"))
                .when(col("predecessors_expected").equalTo(1), lit("same_territory"))
                .when(lit(!latest.reExpression().additive()), lit("not_re_expressible"))
                .when(col("predecessors_reporting").lt(col("predecessors_expected")), lit("incomplete"))
                .otherwise(lit("re_expressed"));
        Dataset<Row> rows =
                withReExpressedScore(bySuccessor(spark, provinceRankings).withColumn("status", status), reExpressed);
        rows = rows.withColumn(
                        "value",
                        when(col("status").isin("as_reported", "same_territory"), col("only_score"))
                                .when(col("status").equalTo("re_expressed"), col("re_expressed_score")))
                .withColumn(
                        "status",
                        when(
                                        col("status")
                                                .equalTo("re_expressed")
                                                .and(col("value").isNull()),
                                        lit("not_re_expressible"))
                                .otherwise(col("status")));
        return rows.withColumn("note", indexNote(latest))
                .withColumn("series", lit(latest.indexCode()))
                .withColumn("measure", lit("score"))
                .withColumn("value", col("value").cast("DECIMAL(24,4)"));
    }

    /**
     * Province scores by unit of the 34: a province after the reform is its own unit, one before
     * it counts towards its successor, with how many of the successor's predecessors reported.
     */
    private static Dataset<Row> bySuccessor(SparkSession spark, Dataset<Row> provinceRankings) {
        Dataset<Row> scores = withStartMonth(
                        provinceRankings.filter(col("level").equalTo(UnitLevel.PROVINCE.code())))
                .join(successors(spark), IndexInputs.scala(List.of("province_code")), "left")
                .withColumn("after_reform", col("ordinal_start_month").geq(FIRST_MONTH_AFTER))
                .withColumn(
                        "unit", when(col("after_reform"), col("province_code")).otherwise(col("successor_code")));
        return scores.filter(col("unit").isNotNull())
                .groupBy(
                        col("period_type"),
                        col("period"),
                        col("year"),
                        col("unit").as("unit_code"))
                .agg(
                        first(col("successor_name")).as("unit_name"),
                        first("predecessor_codes").as("predecessor_codes"),
                        first("predecessors_expected").as("predecessors_expected"),
                        countDistinct(col("province_code")).cast("INT").as("predecessors_reporting"),
                        max(col("after_reform")).as("after"),
                        first(col("score")).as("only_score"));
    }

    /** Adds re_expressed_score: the index recomputed on the summed counts, when there is one. */
    private static Dataset<Row> withReExpressedScore(Dataset<Row> rows, Dataset<Row> reExpressed) {
        if (reExpressed == null) {
            return rows.withColumn("re_expressed_score", lit(null).cast("DECIMAL(24,9)"));
        }
        return rows.join(
                reExpressed
                        .filter(col("node_type").equalTo(NodeResult.INDEX))
                        .select(
                                col("period_type"),
                                col("period"),
                                col("unit_code"),
                                col("index_score").as("re_expressed_score")),
                IndexInputs.scala(List.of("period_type", "period", "unit_code")),
                "left");
    }

    private static Column indexNote(Methodology latest) {
        return when(
                        col("status").equalTo("not_re_expressible"),
                        lit(latest.reExpression().note()))
                .when(
                        col("status").equalTo("incomplete"),
                        expr(
                                "concat('only ', predecessors_reporting, "
                                        + "' of ', predecessors_expected, ' former provinces (', predecessor_codes, ') scored')"))
                .when(
                        col("status").equalTo("re_expressed"),
                        expr("concat('recomputed by the methodology on "
                                + "the summed counts of ', predecessor_codes)"));
    }

    /** Adds ordinal_start_month from period_type and period. */
    public static Dataset<Row> withStartMonth(Dataset<Row> rows) {
        Column year = expr("cast(substring(period, 1, 4) AS INT)");
        return rows.withColumn(
                "ordinal_start_month",
                when(col("period_type").equalTo("year"), year.multiply(12))
                        .when(
                                col("period_type").equalTo("half"),
                                year.multiply(12).plus(expr("(cast(substring(period, 7, 1) AS INT) - 1) * 6")))
                        .when(
                                col("period_type").equalTo("quarter"),
                                year.multiply(12).plus(expr("(cast(substring(period, 7, 1) AS INT) - 1) * 3")))
                        .when(
                                col("period_type").equalTo("month"),
                                year.multiply(12).plus(expr("cast(substring(period, 6, 2) AS INT) - 1"))));
    }
}
