package vn.chiso.api.rankings;

import java.text.Collator;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import java.util.Optional;

import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.releases.Embargo;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.api.model.Period;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.AdminUnits;

/** Answers ranking queries from the in-memory gold/rankings. */
@Service
public class RankingService {

    private static final Comparator<Ranking> BY_SCORE = Comparator.comparing(Ranking::score).reversed()
            .thenComparing(Rankings.BY_RANK);

    private final RankingRepository repository;
    private final ReleaseService releases;
    private final Comparator<Ranking> byName;

    public RankingService(RankingRepository repository, ReleaseService releases) {
        this.repository = repository;
        this.releases = releases;
        Collator vietnamese = Collator.getInstance(Locale.forLanguageTag("vi"));
        this.byName = Comparator.comparing((Ranking r) -> Objects.requireNonNullElse(r.unitName(), r.unitCode()),
                vietnamese).thenComparing(Rankings.BY_RANK);
    }

    /**
     * Where an answer about one (index, period) starts: the period, the rankings (for the public, a
     * published release's own versions) and the {@code asOf} of the tables read with them.
     */
    public record OnePeriod(Embargo embargo, Period period, Versioned<Rankings> rankings, AsOf asOf) {

        /** For the tables read after the rankings: as they were then, or the release's versions. */
        public AsOf after() {
            return asOf.after(rankings);
        }
    }

    public OnePeriod onePeriod(String index, String level, Period asked, AsOf asOf) {
        Embargo embargo = releases.embargo();
        Versioned<Rankings> read = repository.read(asOf);
        Period period = resolvePeriod(read.data(), embargo, index, level, asked);
        AsOf pinned = embargo.pin(asOf, index, period.code());
        Versioned<Rankings> rankings = repository.readPinned(pinned, read);
        return new OnePeriod(embargo, period, rankings, rankings == read ? asOf : pinned);
    }

    public RankingPage find(RankingQuery query, AsOf asOf) {
        String index = query.index();
        OnePeriod one = onePeriod(index, query.level(), query.period(), asOf);
        Period period = one.period();
        Versioned<Rankings> current = one.rankings();
        List<Ranking> list = current.data().list(index, query.level(), period);
        if (list.isEmpty()) {
            throw ApiException.notFound("level", "index '" + index + "' has no rankings at level '" + query.level()
                    + "' for period '" + period + "'");
        }
        String region = query.region() == null ? null : canonicalRegion(query.region(), list);
        String province = query.province();
        if (province != null && AdminUnits.get().province(province).isEmpty()
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
        List<RankingItem> items = selected.subList((int) from, (int) to).stream().map(RankingItem::of).toList();
        return new RankingPage(index, period.code(), period.type().code(), query.level(), region, province,
                query.sort().toString(), query.page(), query.size(), selected.size(), items, one.embargo().lake(current));
    }

    /**
     * The period a request answers for: the one asked (404 if the index lacks it) or, without one, the
     * latest the viewer may see; either way the embargo must let the viewer see it (401/403).
     */
    public static Period resolvePeriod(Rankings rankings, Embargo embargo, String index, String level, Period asked) {
        requireIndex(rankings, index);
        Period period = asked != null ? asked : latestVisible(rankings, embargo, index, level);
        if (!rankings.hasPeriod(index, period)) {
            throw ApiException.notFound("period", "period '" + period + "' not found for index '" + index
                    + "'; latest is '" + rankings.latestPeriod(index, level, p -> embargo.visible(index, p.code()))
                    .map(Period::code).orElse("none") + "'");
        }
        embargo.require(index, period.code());
        return period;
    }

    /** 404 for an index the lake does not have. */
    public static void requireIndex(Rankings rankings, String index) {
        if (!rankings.hasIndex(index)) {
            throw ApiException.notFound("index", "index '" + index + "' not found; available: "
                    + String.join(", ", rankings.indexCodes()));
        }
    }

    /** The latest period the viewer may see; if there are only drafts, the embargo answers (401/403). */
    public static Period latestVisible(Rankings rankings, Embargo embargo, String index, String level) {
        Optional<Period> visible = rankings.latestPeriod(index, level, p -> embargo.visible(index, p.code()));
        if (visible.isPresent()) {
            return visible.get();
        }
        Period latest = rankings.latestPeriod(index, level).orElseThrow(() -> ApiException.notFound("level",
                "index '" + index + "' has no rankings at level '" + level + "'"));
        embargo.require(index, latest.code());
        return latest;
    }

    /** The region as the data spells it, matched without regard to case; unknown regions are refused. */
    private static String canonicalRegion(String region, List<Ranking> list) {
        Set<String> known = new LinkedHashSet<>(AdminUnits.get().regions());
        list.stream().map(Ranking::region).filter(Objects::nonNull).forEach(known::add);
        return known.stream().filter(r -> r.equalsIgnoreCase(region)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("region", "parameter 'region' must be one of "
                        + known.stream().collect(Collectors.joining(", ")) + "; got '" + region + "'"));
    }

    private Comparator<Ranking> comparator(RankingQuery.Sort sort) {
        return switch (sort) {
            case RANK -> Rankings.BY_RANK;
            case SCORE -> BY_SCORE;
            case NAME -> byName;
        };
    }
}
