package vn.chiso.api.compare;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import vn.chiso.api.indices.IndexScore;
import vn.chiso.api.indices.IndexScores;
import vn.chiso.api.kpis.UnitKpi;
import vn.chiso.api.kpis.UnitKpis;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.model.PeriodType;
import vn.chiso.api.rankings.Ranking;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.rankings.RankingService;
import vn.chiso.api.releases.LakeView;
import vn.chiso.api.system.ApiException;

/** Units side by side for one index and period, and time series per unit and index. */
@Service
public class CompareService {

    /** One unit in a comparison: its ranking and headline KPIs (KPIs null when the lake has none for it). */
    public record CompareItem(
            String unitCode,
            String unitName,
            String provinceCode,
            String region,
            int rank,
            int unitsRanked,
            BigDecimal score,
            String band,
            Integer rankChange,
            Integer rankLow,
            Integer rankHigh,
            Boolean withinNoise,
            Long received,
            Long resolved,
            BigDecimal onTimeRatio,
            BigDecimal avgProcessingDays,
            BigDecimal onlineShare,
            BigDecimal avgRating) {}

    /** A component's score for one unit (from gold/index_scores). */
    public record ComponentScore(
            String unitCode,
            String nodeType,
            String nodeCode,
            String nodeName,
            String parentCode,
            BigDecimal score,
            BigDecimal maxPoints,
            BigDecimal contribution) {}

    public record Comparison(
            String index,
            String period,
            String periodType,
            String level,
            List<CompareItem> items,
            List<ComponentScore> components,
            LakeInfo lake)
            implements HasLake {}

    /** One period of one unit's series. */
    public record TrendPoint(
            String unitCode,
            String unitName,
            String period,
            String periodType,
            int year,
            BigDecimal score,
            int rank,
            int unitsRanked,
            String band,
            Integer rankChange,
            Integer rankLow,
            Integer rankHigh,
            Boolean withinNoise,
            String methodologyVersion) {}

    public record Trends(
            String index,
            String level,
            String periodType,
            List<String> units,
            int total,
            List<TrendPoint> items,
            LakeInfo lake)
            implements HasLake {}

    private final RankingService rankingService;

    public CompareService(RankingService rankingService) {
        this.rankingService = rankingService;
    }

    public Comparison compare(String index, String periodText, String level, String unitsText, AsOf asOf) {
        RankingQuery.checkIndex(index);
        RankingQuery.checkLevel(level);
        List<String> units = UnitCodes.parse(unitsText, 2, 10);
        Period asked = periodText == null || periodText.isBlank() ? null : RankingQuery.parsePeriod(periodText);
        RankingService.OnePeriod one = rankingService.onePeriod(index, level, asked, asOf);
        LakeView view = one.view();
        Period period = one.period();
        Optional<Versioned<UnitKpis>> k = view.kpis(period);
        Optional<Versioned<IndexScores>> s = view.scores(index, period);
        List<CompareItem> items = new ArrayList<>();
        List<ComponentScore> components = new ArrayList<>();
        for (String unit : units) {
            Ranking ranking = one.seen()
                    .row(unit)
                    .orElseThrow(() -> ApiException.notFound(
                            "units",
                            "unit '" + unit + "' has no " + level + " ranking in index '" + index + "' for period '"
                                    + period + "'"));
            UnitKpi kpi = k.flatMap(v -> v.data().forUnit(level, unit, period)).orElse(null);
            items.add(new CompareItem(
                    unit,
                    ranking.unitName(),
                    ranking.provinceCode(),
                    ranking.region(),
                    ranking.rank(),
                    ranking.unitsRanked(),
                    ranking.score(),
                    ranking.band(),
                    ranking.rankChange(),
                    ranking.rankLow(),
                    ranking.rankHigh(),
                    ranking.withinNoise(),
                    kpi == null ? null : kpi.received(),
                    kpi == null ? null : kpi.resolved(),
                    kpi == null ? null : kpi.onTimeRatio(),
                    kpi == null ? null : kpi.avgProcessingDays(),
                    kpi == null ? null : kpi.onlineShare(),
                    kpi == null ? null : kpi.avgRating()));
            s.ifPresent(v -> v.data().forUnit(index, level, period.code(), unit).stream()
                    .filter(x -> !x.nodeType().equals("index"))
                    .map(x -> component(unit, x))
                    .forEach(components::add));
        }
        return new Comparison(index, period.code(), period.type().code(), level, items, components, view.lake());
    }

    private static ComponentScore component(String unit, IndexScore x) {
        return new ComponentScore(
                unit,
                x.nodeType(),
                x.nodeCode(),
                x.nodeName(),
                x.parentCode(),
                x.score(),
                x.maxPoints(),
                x.contribution());
    }

    public Trends trends(String index, String level, String periodTypeText, String unitsText, AsOf asOf) {
        RankingQuery.checkIndex(index);
        RankingQuery.checkLevel(level);
        PeriodType type = PeriodType.fromCode(periodTypeText)
                .orElseThrow(() -> ApiException.badRequest(
                        "periodType",
                        "parameter 'periodType' must be one of year, half, quarter, month; got '" + periodTypeText
                                + "'"));
        List<String> units = UnitCodes.parse(unitsText, 1, 10);
        LakeView view = rankingService.view(asOf);
        view.requireIndex(index);
        List<LakeView.Seen> lists = view.candidatePeriods(index).stream()
                .filter(p -> p.type() == type)
                .map(p -> view.ranking(index, level, p))
                .flatMap(Optional::stream)
                .toList();
        List<TrendPoint> items = new ArrayList<>();
        for (String unit : units) {
            List<Ranking> series = lists.stream()
                    .map(seen -> seen.row(unit))
                    .flatMap(Optional::stream)
                    .toList();
            if (series.isEmpty() && view.base().data().forUnit(unit).isEmpty()) {
                throw ApiException.notFound("units", "unit '" + unit + "' has no rankings");
            }
            series.forEach(x -> items.add(new TrendPoint(
                    unit,
                    x.unitName(),
                    x.period(),
                    x.periodType(),
                    x.year(),
                    x.score(),
                    x.rank(),
                    x.unitsRanked(),
                    x.band(),
                    x.rankChange(),
                    x.rankLow(),
                    x.rankHigh(),
                    x.withinNoise(),
                    x.methodologyVersion())));
        }
        return new Trends(index, level, type.code(), units, items.size(), items, view.lake());
    }
}
