package vn.chiso.api.provinces;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;

import vn.chiso.api.kpis.UnitKpi;
import vn.chiso.api.kpis.UnitKpiRepository;
import vn.chiso.api.kpis.UnitKpis;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.releases.Embargo;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.model.PeriodType;
import vn.chiso.api.rankings.Ranking;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.rankings.RankingRepository;
import vn.chiso.api.rankings.Rankings;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;
import vn.chiso.contract.UnitLevel;

/** Province profiles and district lists, joining gold/unit_kpis and gold/rankings. */
@Service
public class ProvinceService {

    private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");
    private static final String PROVINCE = UnitLevel.PROVINCE.code();

    private final UnitKpiRepository kpiRepository;
    private final RankingRepository rankingRepository;
    private final ReleaseService releases;

    public ProvinceService(UnitKpiRepository kpiRepository, RankingRepository rankingRepository,
                           ReleaseService releases) {
        this.kpiRepository = kpiRepository;
        this.rankingRepository = rankingRepository;
        this.releases = releases;
    }

    public static Province province(String code) {
        if (!PROVINCE_CODE.matcher(code).matches()) {
            throw ApiException.badRequest("code", "province code must be two digits such as '01'; got '" + code + "'");
        }
        return AdminUnits.get().province(code)
                .orElseThrow(() -> ApiException.notFound("code", "province '" + code + "' not found"));
    }

    /** Without a period: the latest period the lake has for this province. */
    public ProvinceProfile profile(String code, String periodText, AsOf asOf) {
        Province province = province(code);
        Embargo embargo = releases.embargo();
        Versioned<Rankings> rankings = rankingRepository.read(asOf);
        Versioned<UnitKpis> kpis = kpiRepository.read(asOf.after(rankings), false);
        List<UnitKpi> unitKpis = kpis.data().forUnit(PROVINCE, code);
        List<Ranking> unitRankings = rankings.data().forUnit(code).stream()
                .filter(r -> r.level().equals(PROVINCE))
                .filter(r -> embargo.visible(r.indexCode(), r.period())).toList();

        Period period;
        if (periodText == null || periodText.isBlank()) {
            period = Stream.concat(unitKpis.stream().map(UnitKpi::period), unitRankings.stream().map(Ranking::period))
                    .map(Period::of).max(Comparator.naturalOrder())
                    .orElseThrow(() -> ApiException.notFound("code", "the lake has no data for province '" + code + "'"));
        } else {
            period = RankingQuery.parsePeriod(periodText);
            boolean known = kpis.data().hasPeriod(period)
                    || rankings.data().indices().stream().anyMatch(i -> i.periods().contains(period));
            if (!known) {
                throw ApiException.notFound("period", "period '" + period + "' not found in gold/unit_kpis or gold/rankings");
            }
        }

        UnitKpi current = kpis.data().forUnit(PROVINCE, code, period).orElse(null);
        List<Ranking> currentRankings = unitRankings.stream().filter(r -> r.period().equals(period.code()))
                .sorted(Comparator.comparing(Ranking::indexCode)).toList();
        return new ProvinceProfile(province, period.code(), period.type().code(), current, currentRankings,
                trend(unitKpis, unitRankings), embargo.lake(kpis, rankings));
    }

    /** Without a period: the latest period with district KPIs for this province. */
    public DistrictList districts(String code, String periodText, AsOf asOf) {
        Province province = province(code);
        Versioned<UnitKpis> kpis = kpiRepository.read(asOf, true);
        Period period;
        if (periodText == null || periodText.isBlank()) {
            period = kpis.data().latestDistrictPeriod(code).orElseThrow(() -> ApiException.notFound("code",
                    "the lake has no district KPIs for province '" + code + "'"));
        } else {
            period = RankingQuery.parsePeriod(periodText);
            if (!kpis.data().hasPeriod(period)) {
                throw ApiException.notFound("period", "period '" + period + "' not found in gold/unit_kpis");
            }
        }
        List<UnitKpi> items = kpis.data().districts(code, period);
        return new DistrictList(province, period.code(), period.type().code(), items.size(), items, LakeInfo.of(kpis));
    }

    /** Yearly KPIs and ranks, oldest first; a year appears if either table has it. */
    private static List<ProvinceProfile.TrendPoint> trend(List<UnitKpi> kpis, List<Ranking> rankings) {
        Map<Integer, ProvinceProfile.TrendPoint> byYear = new TreeMap<>();
        String year = PeriodType.YEAR.code();
        kpis.stream().filter(k -> k.periodType().equals(year)).forEach(k -> byYear.put(k.year(),
                new ProvinceProfile.TrendPoint(k.period(), k.year(), k, List.of())));
        rankings.stream().filter(r -> r.periodType().equals(year)).map(Ranking::year).distinct().forEach(y -> {
            List<ProvinceProfile.TrendRank> ranks = rankings.stream()
                    .filter(r -> r.periodType().equals(year) && r.year() == y)
                    .sorted(Comparator.comparing(Ranking::indexCode))
                    .map(ProvinceProfile.TrendRank::of).toList();
            ProvinceProfile.TrendPoint point = byYear.get(y);
            byYear.put(y, new ProvinceProfile.TrendPoint(String.valueOf(y), y,
                    Optional.ofNullable(point).map(ProvinceProfile.TrendPoint::kpis).orElse(null), ranks));
        });
        return List.copyOf(byYear.values());
    }
}
