package vn.chiso.api.rankings;

import java.text.Collator;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.releases.Embargo;
import vn.chiso.api.releases.LakeView;
import vn.chiso.api.releases.LakeViews;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.LakeTable;

/** Answers ranking queries from the in-memory gold/rankings. */
@Service
public class RankingService {

    private static final Comparator<Ranking> BY_SCORE =
            Comparator.comparing(Ranking::score).reversed().thenComparing(Rankings.BY_RANK);

    private final LakeViews views;
    private final Comparator<Ranking> byName;

    public RankingService(LakeViews views) {
        this.views = views;
        Collator vietnamese = Collator.getInstance(Locale.forLanguageTag("vi"));
        this.byName = Comparator.comparing(
                        (Ranking r) -> Objects.requireNonNullElse(r.unitName(), r.unitCode()), vietnamese)
                .thenComparing(Rankings.BY_RANK);
    }

    /** What this request's viewer sees of the lake at {@code asOf} (gold/rankings the primary table). */
    public LakeView view(AsOf asOf) {
        return views.open(asOf, LakeTable.GOLD_RANKINGS);
    }

    /**
     * Where an answer about one (index, period) starts: the view it is read through, the period and
     * the list as the viewer sees it (for the public, a published release at its own versions).
     */
    public record OnePeriod(LakeView view, Period period, LakeView.Seen seen) {

        public Embargo embargo() {
            return view.embargo();
        }

        /** The gold/rankings version the list was read from. */
        public Versioned<Rankings> rankings() {
            return seen.source();
        }
    }

    /** @param asked the period asked for, or null for the latest this viewer sees */
    public OnePeriod onePeriod(String index, String level, Period asked, AsOf asOf) {
        return onePeriod(view(asOf), index, level, asked);
    }

    public OnePeriod onePeriod(LakeView view, String index, String level, Period asked) {
        Period period = resolvePeriod(view, index, level, asked);
        return new OnePeriod(view, period, view.require(index, level, period));
    }

    public RankingPage find(RankingQuery query, AsOf asOf) {
        String index = query.index();
        OnePeriod one = onePeriod(index, query.level(), query.period(), asOf);
        Period period = one.period();
        List<Ranking> list = one.seen().rows();
        String region = query.region() == null ? null : canonicalRegion(query.region(), list);
        String province = query.province();
        if (province != null
                && AdminUnits.get().province(province).isEmpty()
                && list.stream().noneMatch(r -> r.provinceCode().equals(province))) {
            throw ApiException.notFound("province", "province '" + province + "' not found");
        }
        List<Ranking> selected = list.stream()
                .filter(r -> region == null || region.equals(r.region()))
                .filter(r -> province == null || province.equals(r.provinceCode()))
                .sorted(comparator(query.sort()))
                .toList();
        long from = Math.min((long) query.page() * query.size(), selected.size());
        long to = Math.min(from + query.size(), selected.size());
        List<RankingItem> items = selected.subList((int) from, (int) to).stream()
                .map(RankingItem::of)
                .toList();
        return new RankingPage(
                index,
                period.code(),
                period.type().code(),
                query.level(),
                region,
                province,
                query.sort().toString(),
                query.page(),
                query.size(),
                selected.size(),
                items,
                one.view().lake());
    }

    /**
     * The period a request answers for: the one asked or, without one, the latest the viewer sees at
     * this level (404 for an index the lake lacks; 401/403 when it has only drafts there).
     */
    public static Period resolvePeriod(LakeView view, String index, String level, Period asked) {
        view.requireIndex(index);
        if (asked != null) {
            return asked;
        }
        Optional<Period> visible = view.latest(index, level);
        if (visible.isPresent()) {
            return visible.get();
        }
        Period latest = view.base()
                .data()
                .latestPeriod(index, level)
                .orElseThrow(() -> ApiException.notFound(
                        "level", "index '" + index + "' has no rankings at level '" + level + "'"));
        view.require(index, level, latest); // the viewer sees none: this says why
        return latest;
    }

    /** The region as the data spells it, matched without regard to case; unknown regions are refused. */
    private static String canonicalRegion(String region, List<Ranking> list) {
        Set<String> known = new LinkedHashSet<>(AdminUnits.get().regions());
        list.stream().map(Ranking::region).filter(Objects::nonNull).forEach(known::add);
        return known.stream()
                .filter(r -> r.equalsIgnoreCase(region))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest(
                        "region",
                        "parameter 'region' must be one of " + known.stream().collect(Collectors.joining(", "))
                                + "; got '" + region + "'"));
    }

    private Comparator<Ranking> comparator(RankingQuery.Sort sort) {
        return switch (sort) {
            case RANK -> Rankings.BY_RANK;
            case SCORE -> BY_SCORE;
            case NAME -> byName;
        };
    }
}
