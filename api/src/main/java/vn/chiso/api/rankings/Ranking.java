package vn.chiso.api.rankings;

import java.math.BigDecimal;
import vn.chiso.api.lake.RowView;

/**
 * One row of gold/rankings: a unit's score and rank for one index, level and period, the move against
 * the previous period and, for indices scored by simulation, the rank's 5–95 % interval.
 */
public record Ranking(
        String indexCode,
        String level,
        String periodType,
        String period,
        int year,
        String unitCode,
        String unitName,
        String provinceCode,
        String region,
        BigDecimal score,
        int rank,
        int unitsRanked,
        Integer rankInRegion,
        Integer unitsInRegion,
        BigDecimal percentile,
        String band,
        String previousPeriod,
        BigDecimal previousScore,
        Integer previousRank,
        Integer previousRankInRegion,
        BigDecimal scoreChange,
        Integer rankChange,
        Integer rankInRegionChange,
        String methodologyVersion,
        Integer medianRank,
        Integer rankLow,
        Integer rankHigh,
        Integer rankDraws,
        Boolean withinNoise) {

    /** Column names are those of LakeTable.GOLD_RANKINGS; RowView rejects any other. */
    static Ranking from(RowView r) {
        return new Ranking(
                r.requiredString("index_code"),
                r.requiredString("level"),
                r.requiredString("period_type"),
                r.requiredString("period"),
                r.requiredInt("year"),
                r.requiredString("unit_code"),
                r.string("unit_name"),
                r.requiredString("province_code"),
                r.string("region"),
                r.requiredDecimal("score"),
                r.requiredInt("rank"),
                r.requiredInt("units_ranked"),
                r.integer("rank_in_region"),
                r.integer("units_in_region"),
                r.requiredDecimal("percentile"),
                r.string("band"),
                r.string("previous_period"),
                r.decimal("previous_score"),
                r.integer("previous_rank"),
                r.integer("previous_rank_in_region"),
                r.decimal("score_change"),
                r.integer("rank_change"),
                r.integer("rank_in_region_change"),
                r.string("methodology_version"),
                r.integer("median_rank"),
                r.integer("rank_low"),
                r.integer("rank_high"),
                r.integer("rank_draws"),
                r.bool("within_noise"));
    }

    /** Whether the previous period's figures this line carries are {@code then}'s. */
    public boolean previousIs(Ranking then) {
        return then.period().equals(previousPeriod)
                && previousScore != null
                && previousScore.compareTo(then.score()) == 0
                && previousRank != null
                && previousRank == then.rank()
                && java.util.Objects.equals(previousRankInRegion, then.rankInRegion());
    }

    /** This line with the previous period's figures taken from {@code then} (that period's line of the unit). */
    public Ranking withPrevious(Ranking then) {
        Integer inRegion = then.rankInRegion();
        Boolean noise = rankLow == null || rankHigh == null ? null : rankLow <= then.rank() && then.rank() <= rankHigh;
        return withNeighbour(
                then.period(),
                then.score(),
                then.rank(),
                inRegion,
                score.subtract(then.score()),
                then.rank() - rank,
                inRegion == null || rankInRegion == null ? null : inRegion - rankInRegion,
                noise);
    }

    /** This line without the previous period (the viewer may not see it). */
    public Ranking withoutPrevious() {
        return withNeighbour(null, null, null, null, null, null, null, null);
    }

    private Ranking withNeighbour(
            String previousPeriod,
            BigDecimal previousScore,
            Integer previousRank,
            Integer previousRankInRegion,
            BigDecimal scoreChange,
            Integer rankChange,
            Integer rankInRegionChange,
            Boolean withinNoise) {
        return new Ranking(
                indexCode,
                level,
                periodType,
                period,
                year,
                unitCode,
                unitName,
                provinceCode,
                region,
                score,
                rank,
                unitsRanked,
                rankInRegion,
                unitsInRegion,
                percentile,
                band,
                previousPeriod,
                previousScore,
                previousRank,
                previousRankInRegion,
                scoreChange,
                rankChange,
                rankInRegionChange,
                methodologyVersion,
                medianRank,
                rankLow,
                rankHigh,
                rankDraws,
                withinNoise);
    }
}
