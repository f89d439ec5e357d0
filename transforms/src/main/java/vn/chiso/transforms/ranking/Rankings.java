package vn.chiso.transforms.ranking;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import vn.chiso.contract.UnitLevel;

/**
 * Competition ranking (1, 2, 2, 4) of units by score, per index, level and period: provinces
 * nationally and within their socio-economic region, districts within their province; then each
 * unit's move against the previous period of the same type. Every index ranks through here.
 *
 * <p>Input columns: index_code, level, period_type, period, year, unit_code, unit_name,
 * province_code, region, score.
 */
public final class Rankings {

    private Rankings() {}

    /**
     * Ranks the scores; columns beyond the input list above (methodology_version, band, median_rank,
     * rank_low, rank_high, rank_draws) pass through, and {@code within_noise} is set when the unit has
     * both a previous rank and a rank interval: the previous rank lies inside this period's interval.
     */
    public static Dataset<Row> computeWithIntervals(Dataset<Row> scores) {
        Dataset<Row> ranked = compute(scores);
        if (!java.util.Arrays.asList(ranked.columns()).contains("rank_low")) {
            return ranked;
        }
        return ranked.withColumn(
                "within_noise",
                when(
                        col("previous_rank").isNotNull().and(col("rank_low").isNotNull()),
                        col("previous_rank").between(col("rank_low"), col("rank_high"))));
    }

    public static Dataset<Row> compute(Dataset<Row> scores) {
        // provinces rank nationally; every lower level (district, department, commune) within its province
        Column peers =
                when(col("level").equalTo(UnitLevel.PROVINCE.code()), lit("*")).otherwise(col("province_code"));
        WindowSpec national =
                Window.partitionBy(col("index_code"), col("level"), col("period_type"), col("period"), peers);
        WindowSpec regional =
                Window.partitionBy(col("index_code"), col("level"), col("period_type"), col("period"), col("region"));
        Dataset<Row> ranked = scores.withColumn(
                        "rank", rank().over(national.orderBy(col("score").desc())))
                .withColumn("units_ranked", count(lit(1)).over(national).cast("INT"))
                .withColumn(
                        "rank_in_region",
                        when(
                                col("level").equalTo(UnitLevel.PROVINCE.code()),
                                rank().over(regional.orderBy(col("score").desc()))))
                .withColumn(
                        "units_in_region",
                        when(
                                col("level").equalTo(UnitLevel.PROVINCE.code()),
                                count(lit(1)).over(regional).cast("INT")))
                .withColumn(
                        "percentile",
                        when(
                                        col("units_ranked").gt(1),
                                        round(
                                                col("units_ranked")
                                                        .minus(col("rank"))
                                                        .cast("DECIMAL(10,0)")
                                                        .multiply(lit(100))
                                                        .divide(col("units_ranked")
                                                                .minus(1)),
                                                2))
                                .otherwise(lit(100)))
                .withColumn("period_ordinal", periodOrdinal());
        return withPreviousPeriod(ranked);
    }

    /** Joins each unit's ranking of the period just before (same index, level and period type). */
    static Dataset<Row> withPreviousPeriod(Dataset<Row> ranked) {
        Dataset<Row> previous = ranked.select(
                col("index_code"),
                col("level"),
                col("period_type"),
                col("unit_code"),
                col("period_ordinal").plus(1).as("period_ordinal"),
                col("period").as("previous_period"),
                col("score").as("previous_score"),
                col("rank").as("previous_rank"),
                col("rank_in_region").as("previous_rank_in_region"));
        return ranked.join(
                        previous,
                        scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(
                                        "index_code", "level", "period_type", "unit_code", "period_ordinal"))
                                .toSeq(),
                        "left")
                .withColumn("score_change", col("score").minus(col("previous_score")))
                .withColumn("rank_change", col("previous_rank").minus(col("rank")))
                .withColumn(
                        "rank_in_region_change", col("previous_rank_in_region").minus(col("rank_in_region")))
                .drop("period_ordinal");
    }

    /**
     * Consecutive integers per period type: 2024 → 2024, 2024-H2 → 2024×2+1, 2024-Q3 → 2024×4+2,
     * 2024-08 → 2024×12+7.
     */
    public static Column periodOrdinal() {
        Column year = substring(col("period"), 1, 4).cast("INT");
        return when(col("period_type").equalTo("year"), year)
                .when(
                        col("period_type").equalTo("half"),
                        year.multiply(2)
                                .plus(substring(col("period"), 7, 1).cast("INT"))
                                .minus(1))
                .when(
                        col("period_type").equalTo("quarter"),
                        year.multiply(4)
                                .plus(substring(col("period"), 7, 1).cast("INT"))
                                .minus(1))
                .when(
                        col("period_type").equalTo("month"),
                        year.multiply(12)
                                .plus(substring(col("period"), 6, 2).cast("INT"))
                                .minus(1));
    }
}
