package vn.chiso.api.provinces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import vn.chiso.api.kpis.UnitKpi;
import vn.chiso.api.kpis.UnitKpis;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.model.PeriodType;
import vn.chiso.api.rankings.Ranking;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.releases.LakeView;
import vn.chiso.api.releases.LakeViews;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Province;
import vn.chiso.contract.UnitLevel;

/** Province profiles and district lists, joining gold/unit_kpis and gold/rankings. */
@Service
public class ProvinceService {

    private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");
    private static final String PROVINCE = UnitLevel.PROVINCE.code();

    private final LakeViews views;

    public ProvinceService(LakeViews views) {
        this.views = views;
    }

    public static Province province(String code) {
        if (!PROVINCE_CODE.matcher(code).matches()) {
            throw ApiException.badRequest("code", "province code must be two digits such as '01'; got '" + code + "'");
        }
        return AdminUnits.get()
                .province(code)
                .orElseThrow(() -> ApiException.notFound("code", "province '" + code + "' not found"));
    }

    /**
     * Without a period: the latest period this viewer sees KPIs or a ranking of the province in. Each
     * period's KPIs and each (index, period)'s ranking as {@link LakeView} lets this viewer see them.
     */
    public ProvinceProfile profile(String code, String periodText, AsOf asOf) {
        Province province = province(code);
        LakeView view = views.open(asOf, LakeTable.GOLD_RANKINGS);
        UnitKpis asAsked = view.kpisAsAsked().data();
        SortedSet<Period> candidates = new TreeSet<>();
        asAsked.forUnit(PROVINCE, code).forEach(k -> candidates.add(Period.of(k.period())));
        view.candidatePeriods(LakeView.KPI_INDEX).forEach(candidates::add);
        Map<Period, UnitKpi> kpis = new TreeMap<>();
        for (Period p : candidates) {
            view.kpis(p).flatMap(v -> v.data().forUnit(PROVINCE, code, p)).ifPresent(k -> kpis.put(p, k));
        }
        List<Ranking> rankings = new ArrayList<>();
        for (String index : view.indexCodes()) {
            for (Period p : view.candidatePeriods(index)) {
                view.ranking(index, PROVINCE, p).flatMap(seen -> seen.row(code)).ifPresent(rankings::add);
            }
        }

        Period period;
        if (periodText == null || periodText.isBlank()) {
            Optional<Period> latest = Stream.concat(
                            kpis.keySet().stream(), rankings.stream().map(r -> Period.of(r.period())))
                    .max(Comparator.naturalOrder());
            if (latest.isEmpty()) {
                Period inLake = asAsked.forUnit(PROVINCE, code).stream()
                        .map(k -> Period.of(k.period()))
                        .max(Comparator.naturalOrder())
                        .orElseThrow(() ->
                                ApiException.notFound("code", "the lake has no data for province '" + code + "'"));
                view.requireKpis(inLake); // the viewer sees none of it: this says why
                throw ApiException.notFound("code", "no data of province '" + code + "' is published");
            }
            period = latest.get();
        } else {
            period = RankingQuery.parsePeriod(periodText);
            boolean known =
                    asAsked.hasPeriod(period) || view.indexCodes().stream().anyMatch(i -> view.exists(i, period));
            if (!known) {
                throw ApiException.notFound(
                        "period", "period '" + period + "' not found in gold/unit_kpis or gold/rankings");
            }
        }

        List<Ranking> currentRankings = rankings.stream()
                .filter(r -> r.period().equals(period.code()))
                .sorted(Comparator.comparing(Ranking::indexCode))
                .toList();
        return new ProvinceProfile(
                province,
                period.code(),
                period.type().code(),
                kpis.get(period),
                currentRankings,
                trend(List.copyOf(kpis.values()), rankings),
                view.lake());
    }

    /** Without a period: the latest period with district KPIs for this province that this viewer sees. */
    public DistrictList districts(String code, String periodText, AsOf asOf) {
        Province province = province(code);
        LakeView view = views.open(asOf, LakeTable.GOLD_UNIT_KPIS);
        UnitKpis asAsked = view.kpisAsAsked().data();
        Period period;
        Versioned<UnitKpis> kpis;
        if (periodText == null || periodText.isBlank()) {
            SortedSet<Period> candidates = new TreeSet<>(asAsked.districtPeriods(code));
            view.candidatePeriods(LakeView.KPI_INDEX).forEach(candidates::add);
            List<Period> descending = new ArrayList<>(candidates);
            java.util.Collections.reverse(descending);
            Optional<Period> latest = descending.stream()
                    .filter(p -> view.kpis(p)
                            .map(v -> !v.data().districts(code, p).isEmpty())
                            .orElse(false))
                    .findFirst();
            if (latest.isEmpty()) {
                if (asAsked.districtPeriods(code).isEmpty()) {
                    throw ApiException.notFound("code", "the lake has no district KPIs for province '" + code + "'");
                }
                view.requireKpis(asAsked.districtPeriods(code).last()); // none seen: this says why
                throw ApiException.notFound("code", "no district KPIs of province '" + code + "' are published");
            }
            period = latest.get();
            kpis = view.requireKpis(period);
        } else {
            Period asked = RankingQuery.parsePeriod(periodText);
            if (!asAsked.hasPeriod(asked)
                    && !view.kpis(asked).map(v -> v.data().hasPeriod(asked)).orElse(false)) {
                throw ApiException.notFound("period", "period '" + asked + "' not found in gold/unit_kpis");
            }
            period = asked;
            kpis = view.requireKpis(period);
        }
        List<UnitKpi> items = kpis.data().districts(code, period);
        return new DistrictList(province, period.code(), period.type().code(), items.size(), items, view.lake());
    }

    /** Yearly KPIs and ranks, oldest first; a year appears if either table has it. */
    private static List<ProvinceProfile.TrendPoint> trend(List<UnitKpi> kpis, List<Ranking> rankings) {
        Map<Integer, ProvinceProfile.TrendPoint> byYear = new TreeMap<>();
        String year = PeriodType.YEAR.code();
        kpis.stream()
                .filter(k -> k.periodType().equals(year))
                .forEach(k -> byYear.put(k.year(), new ProvinceProfile.TrendPoint(k.period(), k.year(), k, List.of())));
        rankings.stream()
                .filter(r -> r.periodType().equals(year))
                .map(Ranking::year)
                .distinct()
                .forEach(y -> {
                    List<ProvinceProfile.TrendRank> ranks = rankings.stream()
                            .filter(r -> r.periodType().equals(year) && r.year() == y)
                            .sorted(Comparator.comparing(Ranking::indexCode))
                            .map(ProvinceProfile.TrendRank::of)
                            .toList();
                    ProvinceProfile.TrendPoint point = byYear.get(y);
                    byYear.put(
                            y,
                            new ProvinceProfile.TrendPoint(
                                    String.valueOf(y),
                                    y,
                                    Optional.ofNullable(point)
                                            .map(ProvinceProfile.TrendPoint::kpis)
                                            .orElse(null),
                                    ranks));
                });
        return List.copyOf(byYear.values());
    }
}
