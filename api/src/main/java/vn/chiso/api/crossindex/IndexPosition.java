package vn.chiso.api.crossindex;

import java.math.BigDecimal;
import vn.chiso.api.rankings.Ranking;

/**
 * A province's position on one index in one year, the values of its line in /api/v1/rankings, with
 * the previous year beside it; {@code release}: published, or draft (reviewers only).
 */
public record IndexPosition(
        String index,
        String period,
        String methodologyVersion,
        BigDecimal score,
        int rank,
        int unitsRanked,
        BigDecimal percentile,
        Integer rankInRegion,
        Integer unitsInRegion,
        String band,
        Integer rankLow,
        Integer rankHigh,
        Boolean withinNoise,
        String previousPeriod,
        BigDecimal previousScore,
        Integer previousRank,
        BigDecimal scoreChange,
        Integer rankChange,
        String release) {

    static IndexPosition of(Ranking r, String release) {
        return new IndexPosition(
                r.indexCode(),
                r.period(),
                r.methodologyVersion(),
                r.score(),
                r.rank(),
                r.unitsRanked(),
                r.percentile(),
                r.rankInRegion(),
                r.unitsInRegion(),
                r.band(),
                r.rankLow(),
                r.rankHigh(),
                r.withinNoise(),
                r.previousPeriod(),
                r.previousScore(),
                r.previousRank(),
                r.scoreChange(),
                r.rankChange(),
                release);
    }
}
