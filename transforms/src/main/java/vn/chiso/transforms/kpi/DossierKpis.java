package vn.chiso.transforms.kpi;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.chiso.contract.Channel;
import vn.chiso.contract.DossierStatus;
import vn.chiso.contract.UnitLevel;

/**
 * Dossier KPIs per unit and period. Silver is first reduced to additive counts per
 * (province, district, month); quarters, years and provinces are sums of those, so every rate is
 * computed from counts and never averaged.
 */
public final class DossierKpis {

    /** Additive measures kept per month; rates are derived from them at the end. */
    static final List<String> COUNTS = List.of(
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
            "rating_sum",
            "processing_days_sum");

    /** Resolved early, on time or late (returned is not resolved). */
    private static final Column RESOLVED = statusIn(DossierStatus::isResolved);

    /** Pending within or past the deadline. */
    private static final Column PENDING = statusIn(DossierStatus::isPending);

    private DossierKpis() {}

    private static Column status(DossierStatus status) {
        return col("status").equalTo(status.code());
    }

    private static Column statusIn(java.util.function.Predicate<DossierStatus> which) {
        return col("status")
                .isin(java.util.Arrays.stream(DossierStatus.values())
                        .filter(which)
                        .map(DossierStatus::code)
                        .toArray());
    }

    /** Monthly counts per (province, district); district is null for province-level units. */
    public static Dataset<Row> monthlyCounts(Dataset<Row> silverDossiers) {
        return silverDossiers
                .groupBy(
                        col("province_code"),
                        col("district_code"),
                        col("received_year").as("year"),
                        col("received_month").as("month"))
                .agg(
                        count(lit(1)).as("received"),
                        countWhere(RESOLVED).as("resolved"),
                        countWhere(status(DossierStatus.RESOLVED_EARLY)).as("resolved_early"),
                        countWhere(status(DossierStatus.RESOLVED_ON_TIME)).as("resolved_on_time"),
                        countWhere(status(DossierStatus.RESOLVED_LATE)).as("resolved_late"),
                        countWhere(status(DossierStatus.RETURNED)).as("returned"),
                        countWhere(PENDING).as("pending"),
                        countWhere(status(DossierStatus.PENDING_WITHIN_DEADLINE))
                                .as("pending_within_deadline"),
                        countWhere(status(DossierStatus.PENDING_OVERDUE)).as("pending_overdue"),
                        countWhere(col("counts_on_time")).as("on_time"),
                        countWhere(col("channel").equalTo(Channel.ONLINE.code()))
                                .as("online"),
                        countWhere(col("channel").equalTo(Channel.POSTAL.code()))
                                .as("postal"),
                        count(col("rating")).as("rated"),
                        coalesce(sum(col("rating")), lit(0L)).as("rating_sum"),
                        coalesce(sum(when(RESOLVED, col("processing_days"))), lit(0))
                                .cast("DECIMAL(20,2)")
                                .as("processing_days_sum"));
    }

    /**
     * Districts counted under the key of their name ({@code 54:district:huyen-tuy-an}: an export that
     * named the district without its code) moved to the official code the unit list now gives that
     * key (silver/units {@code unit_key}), so they add up with the district's coded rows whichever
     * file came first. {@code units} may be null (no unit list): nothing moves.
     */
    public static Dataset<Row> withOfficialDistricts(Dataset<Row> monthly, Dataset<Row> units) {
        if (units == null || !java.util.Arrays.asList(units.columns()).contains("unit_key")) {
            return monthly;
        }
        Dataset<Row> official = units.filter(col("unit_level")
                        .equalTo(UnitLevel.DISTRICT.code())
                        .and(col("unit_key").isNotNull())
                        .and(col("unit_code").contains(":").unary_$bang()))
                .groupBy(col("unit_key").as("_name_key"))
                .agg(
                        min("unit_code").as("_official"),
                        countDistinct("unit_code").as("_codes"))
                .filter(col("_codes").equalTo(1)); // a name two codes share stays as it is
        Column[] sums = COUNTS.stream().map(c -> sum(col(c)).as(c)).toArray(Column[]::new);
        return monthly.join(broadcast(official), col("district_code").equalTo(col("_name_key")), "left")
                .withColumn("district_code", coalesce(col("_official"), col("district_code")))
                .groupBy(col("province_code"), col("district_code"), col("year"), col("month"))
                .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length))
                .withColumn("processing_days_sum", col("processing_days_sum").cast("DECIMAL(20,2)"));
    }

    /** Counts rolled up to a level (province or district) and period type (year, quarter, month). */
    public static Dataset<Row> rollUp(Dataset<Row> monthly, UnitLevel level, String periodType) {
        return rollUp(monthly, List.of(level), List.of(periodType));
    }

    /**
     * Counts rolled up to every level and period type at once: each monthly row is spread to the
     * units and periods it counts in, then one aggregation sums them all (one shuffle, where a union of
     * roll-ups would run one per level and period type).
     */
    public static Dataset<Row> rollUp(Dataset<Row> monthly, List<UnitLevel> levels, List<String> periodTypes) {
        List<Column> grains = new ArrayList<>();
        for (UnitLevel level : levels) {
            Column unit = level == UnitLevel.DISTRICT ? col("district_code") : col("province_code");
            for (String periodType : periodTypes) {
                grains.add(struct(
                        lit(level.code()).as("level"),
                        unit.as("unit_code"),
                        lit(periodType).as("period_type"),
                        period(periodType).as("period")));
            }
        }
        Column[] sums = COUNTS.stream().map(c -> sum(col(c)).as(c)).toArray(Column[]::new);
        return monthly.withColumn("_grain", explode(array(grains.toArray(Column[]::new))))
                .filter(col("_grain.unit_code").isNotNull()) // province-level rows count in no district
                .groupBy(
                        col("_grain.level").as("level"),
                        col("_grain.unit_code").as("unit_code"),
                        col("province_code"),
                        col("_grain.period_type").as("period_type"),
                        col("_grain.period").as("period"),
                        col("year"))
                .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length));
    }

    /** Rates from counts, as the national portal computes its processing-progress group. */
    public static Dataset<Row> withRates(Dataset<Row> counts) {
        return counts.withColumn("on_time_ratio", PortalRounding.ratio(col("on_time"), col("received")))
                .withColumn("progress_score", PortalRounding.score(col("on_time_ratio"), 20))
                .withColumn("online_share", PortalRounding.ratio(col("online"), col("received")))
                .withColumn("postal_share", PortalRounding.ratio(col("postal"), col("received")))
                .withColumn(
                        "avg_rating",
                        when(
                                col("rated").gt(0),
                                PortalRounding.roundHalfUp(
                                        col("rating_sum").cast("DECIMAL(20,0)").divide(col("rated")))))
                .withColumn(
                        "avg_processing_days",
                        when(
                                col("resolved").gt(0),
                                PortalRounding.roundHalfUp(
                                        col("processing_days_sum").divide(col("resolved")))));
    }

    /** Period label: {@code 2024}, {@code 2024-Q3}, {@code 2024-08}. */
    static Column period(String periodType) {
        return switch (periodType) {
            case "year" -> col("year").cast("STRING");
            case "quarter" ->
                concat(
                        col("year").cast("STRING"),
                        lit("-Q"),
                        col("month").minus(1).divide(3).cast("INT").plus(1).cast("STRING"));
            case "month" -> format_string("%04d-%02d", col("year"), col("month"));
            default -> throw new IllegalArgumentException("unknown period type " + periodType);
        };
    }

    private static Column countWhere(Column condition) {
        return count(when(condition, lit(1)));
    }
}
