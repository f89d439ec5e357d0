package vn.chiso.api.provinces;

import java.math.BigDecimal;
import java.util.List;
import vn.chiso.api.kpis.UnitKpi;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.rankings.Ranking;
import vn.chiso.contract.Province;

/**
 * A province in one period: its KPIs (null if the lake has none for it then), its rankings in every
 * index, and its yearly trend.
 */
public record ProvinceProfile(
        Province province,
        String period,
        String periodType,
        UnitKpi kpis,
        List<Ranking> rankings,
        List<TrendPoint> trend,
        LakeInfo lake)
        implements vn.chiso.api.lake.HasLake {

    /** One year of the trend: the KPIs and the rank in each index. */
    public record TrendPoint(String period, int year, UnitKpi kpis, List<TrendRank> ranks) {}

    public record TrendRank(
            String index, int rank, int unitsRanked, BigDecimal score, Integer rankInRegion, Integer rankChange) {

        static TrendRank of(Ranking r) {
            return new TrendRank(r.indexCode(), r.rank(), r.unitsRanked(), r.score(), r.rankInRegion(), r.rankChange());
        }
    }
}
