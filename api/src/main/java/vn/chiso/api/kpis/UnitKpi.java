package vn.chiso.api.kpis;

import java.math.BigDecimal;
import vn.chiso.api.lake.RowView;

/** One row of gold/unit_kpis: a unit's dossier counts and ratios for one period. */
public record UnitKpi(
        String level,
        String unitCode,
        String unitName,
        String provinceCode,
        String provinceName,
        String region,
        String periodType,
        String period,
        int year,
        long received,
        long resolved,
        long resolvedEarly,
        long resolvedOnTime,
        long resolvedLate,
        long returned,
        long pending,
        long pendingWithinDeadline,
        long pendingOverdue,
        long onTime,
        long online,
        long postal,
        long rated,
        BigDecimal avgRating,
        BigDecimal onlineShare,
        BigDecimal postalShare,
        BigDecimal avgProcessingDays,
        BigDecimal onTimeRatio,
        BigDecimal progressScore) {

    /** Column names are those of LakeTable.GOLD_UNIT_KPIS; RowView rejects any other. */
    static UnitKpi from(RowView r) {
        return new UnitKpi(
                r.requiredString("level"),
                r.requiredString("unit_code"),
                r.string("unit_name"),
                r.requiredString("province_code"),
                r.string("province_name"),
                r.string("region"),
                r.requiredString("period_type"),
                r.requiredString("period"),
                r.requiredInt("year"),
                r.requiredLong("received"),
                r.requiredLong("resolved"),
                r.requiredLong("resolved_early"),
                r.requiredLong("resolved_on_time"),
                r.requiredLong("resolved_late"),
                r.requiredLong("returned"),
                r.requiredLong("pending"),
                r.requiredLong("pending_within_deadline"),
                r.requiredLong("pending_overdue"),
                r.requiredLong("on_time"),
                r.requiredLong("online"),
                r.requiredLong("postal"),
                r.requiredLong("rated"),
                r.decimal("avg_rating"),
                r.decimal("online_share"),
                r.decimal("postal_share"),
                r.decimal("avg_processing_days"),
                r.requiredDecimal("on_time_ratio"),
                r.requiredDecimal("progress_score"));
    }
}
