package vn.chiso.api.crossindex;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiPredicate;

import org.springframework.stereotype.Service;

import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.TableVersion;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.model.PeriodType;
import vn.chiso.api.provinces.ProvinceService;
import vn.chiso.api.rankings.Ranking;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.rankings.RankingRepository;
import vn.chiso.api.rankings.RankingService;
import vn.chiso.api.rankings.Rankings;
import vn.chiso.api.releases.Embargo;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.Province;
import vn.chiso.contract.UnitLevel;

/**
 * Every index side by side: a province's position on each in one year, and how far the indices
 * agree across provinces. Both are read from gold/rankings one (index, year) at a time through
 * {@link RankingService#onePeriod}, so the public sees published rankings only, as /rankings
 * answers them (a published release from the versions recorded at publication).
 */
@Service
public class CrossIndexService {

    private static final String PROVINCE = UnitLevel.PROVINCE.code();

    private final RankingService rankingService;
    private final RankingRepository rankings;
    private final ReleaseService releases;

    public CrossIndexService(RankingService rankingService, RankingRepository rankings, ReleaseService releases) {
        this.rankingService = rankingService;
        this.rankings = rankings;
        this.releases = releases;
    }

    /** One index's province ranking of a year as this viewer sees it, and the version it was read from. */
    private record Seen(String index, List<Ranking> list, Versioned<Rankings> source) {
    }

    public ProvinceIndices province(String code, String periodText, AsOf asOf) {
        Province province = ProvinceService.province(code);
        Embargo embargo = releases.embargo();
        Versioned<Rankings> read = rankings.read(asOf);
        Period year = year(periodText, read.data(), embargo,
                (index, list) -> list.stream().anyMatch(r -> r.unitCode().equals(code)));
        List<IndexPosition> items = new ArrayList<>();
        List<Versioned<?>> sources = new ArrayList<>();
        for (Seen seen : visible(year, read, embargo, asOf)) {
            seen.list().stream().filter(r -> r.unitCode().equals(code)).findFirst().ifPresent(r -> {
                items.add(IndexPosition.of(r, embargo.status(seen.index(), year.code())));
                sources.add(seen.source());
            });
        }
        return new ProvinceIndices(province.code(), province.name(), province.region(), year.code(), items.size(),
                items, lake(embargo, read, sources));
    }

    public IndexCorrelations correlations(String periodText, AsOf asOf) {
        Embargo embargo = releases.embargo();
        Versioned<Rankings> read = rankings.read(asOf);
        Period year = year(periodText, read.data(), embargo, (index, list) -> !list.isEmpty());
        List<Seen> seen = visible(year, read, embargo, asOf);
        List<IndexCorrelation> items = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            for (int j = i + 1; j < seen.size(); j++) {
                correlation(seen.get(i), seen.get(j)).ifPresent(items::add);
            }
        }
        return new IndexCorrelations(year.code(), seen.stream().map(Seen::index).toList(), items.size(), items,
                lake(embargo, read, seen.stream().<Versioned<?>>map(Seen::source).toList()));
    }

    /** Over the provinces ranked on both; empty when they have none in common. */
    private static Optional<IndexCorrelation> correlation(Seen a, Seen b) {
        Map<String, Ranking> onB = new LinkedHashMap<>();
        b.list().forEach(r -> onB.put(r.unitCode(), r));
        List<Ranking> common = a.list().stream().filter(r -> onB.containsKey(r.unitCode())).toList();
        if (common.isEmpty()) {
            return Optional.empty();
        }
        double[] scoresA = common.stream().mapToDouble(r -> r.score().doubleValue()).toArray();
        double[] scoresB = common.stream().mapToDouble(r -> onB.get(r.unitCode()).score().doubleValue()).toArray();
        return Optional.of(new IndexCorrelation(a.index(), b.index(), a.list().size(), b.list().size(), common.size(),
                rounded(RankCorrelation.spearman(scoresA, scoresB)),
                rounded(RankCorrelation.kendallTauB(scoresA, scoresB)),
                a.list().get(0).methodologyVersion(), b.list().get(0).methodologyVersion()));
    }

    /** Four decimals, half up, as gold/index_correlations stores them. */
    private static BigDecimal rounded(OptionalDouble value) {
        return value.isEmpty() ? null : BigDecimal.valueOf(value.getAsDouble()).setScale(4, RoundingMode.HALF_UP);
    }

    /** Every index's province list of the year that this viewer may see, in index order. */
    private List<Seen> visible(Period year, Versioned<Rankings> read, Embargo embargo, AsOf asOf) {
        List<Seen> seen = new ArrayList<>();
        for (String index : read.data().indexCodes()) {
            if (read.data().list(index, PROVINCE, year).isEmpty() || !embargo.visible(index, year.code())) {
                continue;
            }
            RankingService.OnePeriod one = rankingService.onePeriod(index, PROVINCE, year, asOf);
            List<Ranking> list = one.rankings().data().list(index, PROVINCE, year);
            if (!list.isEmpty()) {
                seen.add(new Seen(index, list, one.rankings()));
            }
        }
        return seen;
    }

    /**
     * The year asked (400 unless a year, 404 if no index ranks provinces in it, 401/403 if only drafts
     * do) or, without one, the latest year with a visible province ranking that {@code wanted} accepts.
     */
    private static Period year(String periodText, Rankings rankings, Embargo embargo,
                               BiPredicate<String, List<Ranking>> wanted) {
        if (periodText != null && !periodText.isBlank()) {
            Period year = RankingQuery.parsePeriod(periodText);
            if (year.type() != PeriodType.YEAR) {
                throw ApiException.badRequest("period", "parameter 'period' must be a year such as 2024; got '"
                        + periodText + "'");
            }
            List<String> ranked = rankings.indexCodes().stream()
                    .filter(i -> !rankings.list(i, PROVINCE, year).isEmpty()).toList();
            if (ranked.isEmpty()) {
                throw ApiException.notFound("period", "no index ranks provinces for year '" + year + "'");
            }
            if (ranked.stream().noneMatch(i -> embargo.visible(i, year.code()))) {
                embargo.require(ranked.get(0), year.code());
            }
            return year;
        }
        return latestYear(rankings, embargo, wanted);
    }

    private record Candidate(String index, Period year) {
    }

    /** The latest year of a province ranking {@code wanted} accepts that the viewer may see (401/403: drafts only). */
    private static Period latestYear(Rankings rankings, Embargo embargo, BiPredicate<String, List<Ranking>> wanted) {
        List<Candidate> candidates = rankings.indices().stream()
                .flatMap(ip -> ip.periods().stream().filter(p -> p.type() == PeriodType.YEAR)
                        .filter(p -> wanted.test(ip.index(), rankings.list(ip.index(), PROVINCE, p)))
                        .map(p -> new Candidate(ip.index(), p)))
                .toList();
        Comparator<Candidate> byYear = Comparator.comparing(Candidate::year);
        Candidate latest = candidates.stream().filter(c -> embargo.visible(c.index(), c.year().code())).max(byYear)
                .or(() -> candidates.stream().max(byYear))
                .orElseThrow(() -> ApiException.notFound("period", "no index ranks provinces by year"));
        embargo.require(latest.index(), latest.year().code());
        return latest.year();
    }

    /** The versions read, each once (a published release may pin gold/rankings to its own version). */
    private static LakeInfo lake(Embargo embargo, Versioned<Rankings> read, List<Versioned<?>> sources) {
        Map<TableVersion, Versioned<?>> distinct = new LinkedHashMap<>();
        sources.forEach(s -> distinct.putIfAbsent(s.source(), s));
        if (distinct.isEmpty()) {
            distinct.put(read.source(), read);
        }
        return embargo.lake(distinct.values().toArray(Versioned<?>[]::new));
    }
}
