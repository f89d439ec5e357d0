package vn.chiso.api.rankings;

import java.math.BigDecimal;

/** One line of a ranking list, in JSON and, same columns in the same order, in CSV. */
public record RankingItem(
        int rank,
        String unitCode,
        String unitName,
        String provinceCode,
        String region,
        BigDecimal score,
        Integer rankInRegion,
        int unitsRanked,
        BigDecimal percentile,
        String band,
        String previousPeriod,
        BigDecimal previousScore,
        Integer previousRank,
        BigDecimal scoreChange,
        Integer rankChange,
        Integer rankLow,
        Integer rankHigh,
        Boolean withinNoise,
        String methodologyVersion) {

    static RankingItem of(Ranking r) {
        return new RankingItem(
                r.rank(),
                r.unitCode(),
                r.unitName(),
                r.provinceCode(),
                r.region(),
                r.score(),
                r.rankInRegion(),
                r.unitsRanked(),
                r.percentile(),
                r.band(),
                r.previousPeriod(),
                r.previousScore(),
                r.previousRank(),
                r.scoreChange(),
                r.rankChange(),
                r.rankLow(),
                r.rankHigh(),
                r.withinNoise(),
                r.methodologyVersion());
    }
}
