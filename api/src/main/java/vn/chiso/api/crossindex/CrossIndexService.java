package vn.chiso.api.crossindex;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.model.Period;
import vn.chiso.api.model.PeriodType;
import vn.chiso.api.provinces.ProvinceService;
import vn.chiso.api.rankings.Ranking;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.rankings.RankingService;
import vn.chiso.api.rankings.Rankings;
import vn.chiso.api.releases.LakeView;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.Province;
import vn.chiso.contract.UnitLevel;

/**
 * Every index side by side: a province's position on each in one year, and how far the indices
 * agree across provinces. Both are read from gold/rankings one (index, year) at a time through the
 * request's {@link LakeView}, so the public sees published rankings only, as /rankings answers them
 * (a published release from the versions recorded at publication, its previous year from that
 * year's own publication).
 */
@Service
public class CrossIndexService {

    private static final String PROVINCE = UnitLevel.PROVINCE.code();

    private final RankingService rankingService;

    public CrossIndexService(RankingService rankingService) {
        this.rankingService = rankingService;
    }

    /** One index's province ranking of a year as this viewer sees it. */
    private record Seen(String index, LakeView.Seen list) {}

    public ProvinceIndices province(String code, String periodText, AsOf asOf) {
        Province province = ProvinceService.province(code);
        LakeView view = rankingService.view(asOf);
        Period year = year(
                periodText,
                view,
                list -> list.stream().anyMatch(r -> r.unitCode().equals(code)));
        List<IndexPosition> items = new ArrayList<>();
        for (Seen seen : visible(year, view)) {
            seen.list()
                    .row(code)
                    .ifPresent(r -> items.add(IndexPosition.of(r, view.embargo().status(seen.index(), year.code()))));
        }
        return new ProvinceIndices(
                province.code(), province.name(), province.region(), year.code(), items.size(), items, view.lake());
    }

    public IndexCorrelations correlations(String periodText, AsOf asOf) {
        LakeView view = rankingService.view(asOf);
        Period year = year(periodText, view, list -> !list.isEmpty());
        List<Seen> seen = visible(year, view);
        List<IndexCorrelation> items = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            for (int j = i + 1; j < seen.size(); j++) {
                correlation(seen.get(i), seen.get(j)).ifPresent(items::add);
            }
        }
        return new IndexCorrelations(
                year.code(), seen.stream().map(Seen::index).toList(), items.size(), items, view.lake());
    }

    /** Over the provinces ranked on both; empty when they have none in common. */
    private static Optional<IndexCorrelation> correlation(Seen a, Seen b) {
        Map<String, Ranking> onB = new LinkedHashMap<>();
        b.list().raw().forEach(r -> onB.put(r.unitCode(), r));
        List<Ranking> common = a.list().raw().stream()
                .filter(r -> onB.containsKey(r.unitCode()))
                .toList();
        if (common.isEmpty()) {
            return Optional.empty();
        }
        double[] scoresA =
                common.stream().mapToDouble(r -> r.score().doubleValue()).toArray();
        double[] scoresB = common.stream()
                .mapToDouble(r -> onB.get(r.unitCode()).score().doubleValue())
                .toArray();
        return Optional.of(new IndexCorrelation(
                a.index(),
                b.index(),
                a.list().raw().size(),
                b.list().raw().size(),
                common.size(),
                rounded(RankCorrelation.spearman(scoresA, scoresB)),
                rounded(RankCorrelation.kendallTauB(scoresA, scoresB)),
                a.list().raw().get(0).methodologyVersion(),
                b.list().raw().get(0).methodologyVersion()));
    }

    /** Four decimals, half up, as gold/index_correlations stores them. */
    private static BigDecimal rounded(OptionalDouble value) {
        return value.isEmpty() ? null : BigDecimal.valueOf(value.getAsDouble()).setScale(4, RoundingMode.HALF_UP);
    }

    /** Every index's province list of the year that this viewer sees, in index order. */
    private static List<Seen> visible(Period year, LakeView view) {
        List<Seen> seen = new ArrayList<>();
        for (String index : view.indexCodes()) {
            view.ranking(index, PROVINCE, year).ifPresent(list -> seen.add(new Seen(index, list)));
        }
        return seen;
    }

    /**
     * The year asked (400 unless a year, 404 if no index ranks provinces in it, 401/403 if this viewer
     * sees none of them) or, without one, the latest year with a province ranking this viewer sees that
     * {@code wanted} accepts.
     */
    private static Period year(String periodText, LakeView view, Predicate<List<Ranking>> wanted) {
        if (periodText != null && !periodText.isBlank()) {
            Period year = RankingQuery.parsePeriod(periodText);
            if (year.type() != PeriodType.YEAR) {
                throw ApiException.badRequest(
                        "period", "parameter 'period' must be a year such as 2024; got '" + periodText + "'");
            }
            List<String> ranked = view.indexCodes().stream()
                    .filter(i -> !view.base().data().list(i, PROVINCE, year).isEmpty()
                            || view.ranking(i, PROVINCE, year).isPresent())
                    .toList();
            if (ranked.isEmpty()) {
                throw ApiException.notFound("period", "no index ranks provinces for year '" + year + "'");
            }
            if (ranked.stream().noneMatch(i -> view.ranking(i, PROVINCE, year).isPresent())) {
                view.require(ranked.get(0), PROVINCE, year); // none seen: this says why
            }
            return year;
        }
        return latestYear(view, wanted);
    }

    /** The latest year of a province ranking this viewer sees that {@code wanted} accepts (401/403: drafts only). */
    private static Period latestYear(LakeView view, Predicate<List<Ranking>> wanted) {
        Period latest = null;
        for (String index : view.indexCodes()) {
            for (Period p : view.candidatePeriods(index)) {
                if (p.type() == PeriodType.YEAR
                        && (latest == null || p.compareTo(latest) > 0)
                        && view.ranking(index, PROVINCE, p)
                                .filter(seen -> wanted.test(seen.raw()))
                                .isPresent()) {
                    latest = p;
                }
            }
        }
        if (latest != null) {
            return latest;
        }
        Rankings all = view.base().data();
        for (String index : view.indexCodes()) {
            for (Period p : view.candidatePeriods(index)) {
                if (p.type() == PeriodType.YEAR && wanted.test(all.list(index, PROVINCE, p))) {
                    view.require(index, PROVINCE, p); // seen, but not wanted, or not seen: this says why
                }
            }
        }
        throw ApiException.notFound("period", "no index ranks provinces by year");
    }
}
