package vn.chiso.api.releases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.chiso.api.indices.IndexScore;
import vn.chiso.api.indices.IndexScoreRepository;
import vn.chiso.api.indices.IndexScores;
import vn.chiso.api.kpis.UnitKpiRepository;
import vn.chiso.api.kpis.UnitKpis;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.LakeUnavailableException;
import vn.chiso.api.lake.TableVersion;
import vn.chiso.api.lake.TimeTravelException;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.rankings.RankChangeRepository;
import vn.chiso.api.rankings.RankChanges;
import vn.chiso.api.rankings.Ranking;
import vn.chiso.api.rankings.RankingRepository;
import vn.chiso.api.rankings.Rankings;
import vn.chiso.api.system.ApiException;
import vn.chiso.contract.LakeTable;

/**
 * The lake as one viewer sees it in one request, at one {@code asOf}. Every read of a ranking, of its
 * previous period, of a period's KPIs, index scores or rank changes goes through here, so that the
 * {@link Embargo} decides for each (index, period) whether it is seen and at which versions: for the
 * public, a published release from the versions it was published at, its previous period's figures
 * from that period's own publication (or none), and a period's KPIs only with its release of index
 * {@link #KPI_INDEX}. It keeps the versions read, for the answer's lake object.
 */
public final class LakeView {

    /**
     * gold/unit_kpis is the input of this index (its methodology reads the dossier KPIs, and
     * progress_score is its score): a period's KPIs are released with this index's ranking of the period.
     */
    public static final String KPI_INDEX = "progress";

    private static final Logger log = LoggerFactory.getLogger(LakeView.class);

    /** How one (index, period) is read: the asOf the embargo gave and the rankings at it. */
    private record Reading(AsOf asOf, Versioned<Rankings> rankings) {

        /** For the tables read beside the rankings: as they were then, or the release's versions. */
        AsOf auxiliary() {
            return asOf.after(rankings);
        }
    }

    private final Embargo embargo;
    private final AsOf asked;
    private final LakeTable primary;
    private final RankingRepository rankings;
    private final UnitKpiRepository kpis;
    private final IndexScoreRepository scores;
    private final RankChangeRepository changes;
    private Versioned<Rankings> base;
    private final Map<String, Optional<Reading>> readings = new HashMap<>();
    private final Set<String> unreadable = new HashSet<>();
    private final Map<String, Optional<Versioned<UnitKpis>>> kpiReadings = new HashMap<>();
    private final Map<TableVersion, Versioned<?>> used = new LinkedHashMap<>();

    LakeView(
            Embargo embargo,
            AsOf asked,
            LakeTable primary,
            RankingRepository rankings,
            UnitKpiRepository kpis,
            IndexScoreRepository scores,
            RankChangeRepository changes) {
        this.embargo = embargo;
        this.asked = asked;
        this.primary = primary;
        this.rankings = rankings;
        this.kpis = kpis;
        this.scores = scores;
        this.changes = changes;
    }

    public Embargo embargo() {
        return embargo;
    }

    /**
     * gold/rankings as asked: which indices and periods the lake has. For the public that is not what
     * it sees: only what {@link #ranking} and {@link #visiblePeriods} give.
     */
    public Versioned<Rankings> base() {
        if (base == null) {
            base = rankings.read(asked);
        }
        return base;
    }

    /** The indices the lake has, or ops/releases names. */
    public SortedSet<String> indexCodes() {
        SortedSet<String> codes = new TreeSet<>(base().data().indexCodes());
        codes.addAll(embargo.indicesWithEvents());
        return codes;
    }

    /** 404 unless the lake has the index (ops/releases naming it counts: it may be published from an earlier version). */
    public void requireIndex(String index) {
        if (!base().data().hasIndex(index) && embargo.periodsWithEvents(index).isEmpty()) {
            throw ApiException.notFound(
                    "index",
                    "index '" + index + "' not found; available: "
                            + String.join(", ", base().data().indexCodes()));
        }
    }

    /** Whether the lake has (index, period) as asked, or ops/releases names it. */
    public boolean exists(String index, Period period) {
        return base().data().hasPeriod(index, period)
                || embargo.periodsWithEvents(index).contains(period.code());
    }

    /** Every period of the index the lake has or ops/releases names, oldest first (seen or not). */
    public SortedSet<Period> candidatePeriods(String index) {
        SortedSet<Period> periods = new TreeSet<>();
        base().data().indices().stream()
                .filter(ip -> ip.index().equals(index))
                .forEach(ip -> periods.addAll(ip.periods()));
        embargo.periodsWithEvents(index).forEach(p -> Period.parse(p).ifPresent(periods::add));
        return periods;
    }

    private Optional<Reading> reading(String index, String period) {
        String key = index + '\u0000' + period;
        Optional<Reading> known = readings.get(key);
        if (known != null) {
            return known;
        }
        Optional<Reading> reading = embargo.reading(index, period, asked, LakeTable.GOLD_RANKINGS.relativePath())
                .flatMap(asOf -> read(index, period, asOf));
        readings.put(key, reading);
        return reading;
    }

    private Optional<Reading> read(String index, String period, AsOf asOf) {
        if (asOf.equals(asked)) {
            return Optional.of(new Reading(asked, base()));
        }
        try {
            return Optional.of(new Reading(asOf, rankings.read(asOf)));
        } catch (RuntimeException e) { // vacuumed, or its files gone: the public gets nothing rather than a draft
            log.warn("published ranking {} {} no longer readable at its versions: {}", index, period, e.toString());
            unreadable.add(index + '\u0000' + period);
            return Optional.empty();
        }
    }

    /** The periods of the index this viewer sees at this asOf, oldest first; the answer depends on their versions. */
    public SortedSet<Period> visiblePeriods(String index) {
        SortedSet<Period> visible = new TreeSet<>();
        for (Period p : candidatePeriods(index)) {
            reading(index, p.code())
                    .filter(r -> r.rankings().data().hasPeriod(index, p))
                    .ifPresent(r -> {
                        visible.add(p);
                        use(r.rankings());
                    });
        }
        return visible;
    }

    /** The levels the index ranks in a period this viewer sees. */
    public SortedSet<String> levels(String index, Period period) {
        return reading(index, period.code())
                .map(r -> r.rankings().data().levels(index, period))
                .orElseGet(TreeSet::new);
    }

    /** The latest period of the index with a list at {@code level} that this viewer sees. */
    public Optional<Period> latest(String index, String level) {
        List<Period> periods = new ArrayList<>(candidatePeriods(index));
        for (int i = periods.size() - 1; i >= 0; i--) {
            Period p = periods.get(i);
            if (reading(index, p.code())
                    .filter(r -> !r.rankings().data().list(index, level, p).isEmpty())
                    .isPresent()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** One ranking list as this viewer sees it; empty when it may not, or there is none at this level. */
    public Optional<Seen> ranking(String index, String level, Period period) {
        return reading(index, period.code())
                .filter(r -> !r.rankings().data().list(index, level, period).isEmpty())
                .map(r -> {
                    use(r.rankings());
                    return new Seen(index, level, period, r);
                });
    }

    /**
     * As {@link #ranking}, or why not: 401/403 for a release this viewer may not see (at this asOf),
     * 404 when the lake has no such period or no list at this level.
     */
    public Seen require(String index, String level, Period period) {
        Optional<Reading> r = reading(index, period.code());
        if (r.isEmpty()) {
            throw whyNot(index, level, period);
        }
        if (!r.get().rankings().data().hasPeriod(index, period)) {
            throw ApiException.notFound("period", "period '" + period + "' not found for index '" + index + "'");
        }
        return ranking(index, level, period)
                .orElseThrow(() -> ApiException.notFound(
                        "level",
                        "index '" + index + "' has no rankings at level '" + level + "' for period '" + period + "'"));
    }

    /** Why this viewer does not see (index, period): 404 when the lake lacks it, else 401/403. */
    private RuntimeException whyNot(String index, String level, Period period) {
        if (unreadable.contains(index + '\u0000' + period.code())) {
            return embargo.unreadable(index, period.code());
        }
        if (!exists(index, period)) {
            return ApiException.notFound(
                    "period",
                    "period '" + period + "' not found for index '" + index + "'; latest is '"
                            + latest(index, level).map(Period::code).orElse("none") + "'");
        }
        embargo.requireReading(index, period.code(), asked, LakeTable.GOLD_RANKINGS.relativePath());
        return embargo.refused(index, period.code());
    }

    /** Why this viewer sees no period of the index: for the latest the lake has, 401/403. */
    public RuntimeException noneSeen(String index) {
        SortedSet<Period> periods = candidatePeriods(index);
        if (periods.isEmpty()) {
            return ApiException.notFound("index", "index '" + index + "' not found");
        }
        Period latest = periods.last();
        return whyNot(
                index, base().data().levels(index, latest).stream().findFirst().orElse("province"), latest);
    }

    /** One (index, level, period) list as seen: its lines, each with its previous period as this viewer may see it. */
    public final class Seen {

        private final String index;
        private final String level;
        private final Period period;
        private final Reading reading;
        private List<Ranking> rows;

        private Seen(String index, String level, Period period, Reading reading) {
            this.index = index;
            this.level = level;
            this.period = period;
            this.reading = reading;
        }

        public String index() {
            return index;
        }

        public Period period() {
            return period;
        }

        /** The gold/rankings version the list was read from. */
        public Versioned<Rankings> source() {
            return reading.rankings();
        }

        /** The lines as the table has them (scores and ranks; the previous period not yet checked). */
        public List<Ranking> raw() {
            return source().data().list(index, level, period);
        }

        /** The lines, in rank order, each with its previous period as this viewer may see it. */
        public List<Ranking> rows() {
            if (rows == null) {
                rows = raw().stream().map(r -> settle(r, source())).toList();
            }
            return rows;
        }

        /** One unit's line, with its previous period as this viewer may see it. */
        public Optional<Ranking> row(String unitCode) {
            return raw().stream()
                    .filter(r -> r.unitCode().equals(unitCode))
                    .findFirst()
                    .map(r -> settle(r, source()));
        }

        /** For the tables read beside these rankings. */
        public AsOf auxiliary() {
            return reading.auxiliary();
        }
    }

    /**
     * A line's previous period as this viewer may see it: for the public, from that period's own
     * publication (the line's figures when they are those), or none when it is not published.
     */
    private Ranking settle(Ranking r, Versioned<Rankings> source) {
        if (embargo.seesDrafts() || r.previousPeriod() == null) {
            return r;
        }
        Optional<Reading> before = reading(r.indexCode(), r.previousPeriod());
        if (before.isEmpty()) {
            return r.withoutPrevious();
        }
        Versioned<Rankings> then = before.get().rankings();
        if (then.source().equals(source.source())) {
            return r;
        }
        use(then);
        return then.data()
                .find(r.indexCode(), r.level(), r.previousPeriod(), r.unitCode())
                .map(line -> r.previousIs(line) ? r : r.withPrevious(line))
                .orElseGet(r::withoutPrevious);
    }

    /**
     * gold/unit_kpis as this viewer reads the KPIs of a period; empty when it may not: for the public,
     * a period's KPIs are seen with, and at the versions of, index {@link #KPI_INDEX}'s release.
     */
    public Optional<Versioned<UnitKpis>> kpis(Period period) {
        Optional<Versioned<UnitKpis>> known = kpiReadings.get(period.code());
        if (known != null) {
            return known;
        }
        boolean kpiPrimary = primary == LakeTable.GOLD_UNIT_KPIS;
        Optional<Versioned<UnitKpis>> read = embargo.reading(KPI_INDEX, period.code(), asked, primary.relativePath())
                .flatMap(asOf -> {
                    // a bare version names gold/rankings here: the KPIs as they were when it was committed
                    AsOf at =
                            kpiPrimary || asOf.timestamp() != null || !asOf.namesVersions() ? asOf : asOf.after(base());
                    try {
                        return Optional.of(kpis.read(at, kpiPrimary));
                    } catch (RuntimeException e) {
                        if (asOf.equals(asked)) {
                            throw e;
                        }
                        log.warn("published KPIs of {} no longer readable at their versions: {}", period, e.toString());
                        return Optional.empty();
                    }
                });
        read.ifPresent(this::use);
        kpiReadings.put(period.code(), read);
        return read;
    }

    /** As {@link #kpis}, or why not (401/403: the KPIs of a period whose release this viewer may not see). */
    public Versioned<UnitKpis> requireKpis(Period period) {
        return kpis(period).orElseThrow(() -> {
            embargo.requireReading(KPI_INDEX, period.code(), asked, primary.relativePath());
            return embargo.unreadable(KPI_INDEX, period.code());
        });
    }

    /** gold/unit_kpis as asked, for which periods and units it has (not what this viewer sees). */
    public Versioned<UnitKpis> kpisAsAsked() {
        boolean kpiPrimary = primary == LakeTable.GOLD_UNIT_KPIS;
        return kpis.read(kpiPrimary ? asked : asked.after(base()), kpiPrimary);
    }

    /** gold/index_scores beside a ranking this viewer sees; empty when the lake has none (then). */
    public Optional<Versioned<IndexScores>> scores(String index, Period period) {
        Optional<Reading> r = reading(index, period.code());
        if (r.isEmpty()) {
            return Optional.empty();
        }
        try {
            Versioned<IndexScores> v = scores.read(r.get().auxiliary());
            use(v);
            return Optional.of(v);
        } catch (LakeUnavailableException e) {
            return Optional.empty();
        } catch (TimeTravelException e) {
            if (r.get().asOf().equals(asked)) {
                throw e;
            }
            return Optional.empty(); // the release was published before the lake had index scores
        }
    }

    /** gold/rank_changes beside a ranking this viewer sees. */
    public Versioned<RankChanges> rankChanges(Seen seen) {
        Versioned<RankChanges> v = changes.read(seen.auxiliary());
        use(v);
        return v;
    }

    /**
     * For the public, a rank change is explained only against its previous period as published: that
     * period must be seen, and the figures the explanation was computed from — the previous period's
     * list and the unit's component contributions then — must be those it was published with.
     */
    public void requireExplainable(Seen seen, String previousPeriod, String unitCode) {
        if (embargo.seesDrafts()) {
            return;
        }
        String what = "the rank change of unit '" + unitCode + "' in index '" + seen.index + "' for period '"
                + seen.period + "' is explained against period '" + previousPeriod + "', ";
        Period previous = Period.of(previousPeriod);
        Versioned<Rankings> then = reading(seen.index, previousPeriod)
                .map(Reading::rankings)
                .orElseThrow(() -> embargo.embargoed(what + "which is not published; only reviewers see it"));
        if (!then.source().equals(seen.source().source())) {
            use(then);
            if (!sameFigures(
                    seen.source().data().list(seen.index, seen.level, previous),
                    then.data().list(seen.index, seen.level, previous))) {
                throw embargo.embargoed(what + "as it was recomputed after its publication; only reviewers see it");
            }
        }
        Optional<Versioned<IndexScores>> now = scores(seen.index, seen.period);
        Optional<Versioned<IndexScores>> before = scores(seen.index, previous);
        if (now.isPresent()
                && before.isPresent()
                && !now.get().source().equals(before.get().source())
                && !contributions(now.get(), seen, previousPeriod, unitCode)
                        .equals(contributions(before.get(), seen, previousPeriod, unitCode))) {
            throw embargo.embargoed(
                    what + "with component scores recomputed after its publication; only reviewers " + "see it");
        }
    }

    private static boolean sameFigures(List<Ranking> a, List<Ranking> b) {
        Comparator<Ranking> byUnit = Comparator.comparing(Ranking::unitCode);
        List<Ranking> x = a.stream().sorted(byUnit).toList();
        List<Ranking> y = b.stream().sorted(byUnit).toList();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            Ranking p = x.get(i);
            Ranking q = y.get(i);
            if (!p.unitCode().equals(q.unitCode())
                    || p.score().compareTo(q.score()) != 0
                    || p.rank() != q.rank()
                    || !Objects.equals(p.methodologyVersion(), q.methodologyVersion())) {
                return false;
            }
        }
        return true;
    }

    /** A unit's component contributions in a period, by component (scale ignored). */
    private static Map<String, BigDecimal> contributions(
            Versioned<IndexScores> scores, Seen seen, String period, String unitCode) {
        Map<String, BigDecimal> found = new HashMap<>();
        for (IndexScore s : scores.data().forUnit(seen.index, seen.level, period, unitCode)) {
            if (!s.nodeType().equals("index")) {
                found.put(
                        s.nodeType() + ':' + s.nodeCode(),
                        s.contribution() == null ? null : s.contribution().stripTrailingZeros());
            }
        }
        return found;
    }

    private void use(Versioned<?> v) {
        used.putIfAbsent(v.source(), v);
    }

    /**
     * The lake object of the answer: the versions its figures were read from, and ops/releases (the
     * answer depends on the release state). Reviewers' answers name gold/rankings as asked when they
     * read no ranking.
     */
    public LakeInfo lake() {
        List<TableVersion> tables = new ArrayList<>(used.keySet());
        if (embargo.seesDrafts()
                && base != null
                && tables.stream().noneMatch(t -> t.table().equals(base.source().table()))) {
            tables.add(0, base.source());
        }
        embargo.releasesVersion().ifPresent(tables::add);
        return new LakeInfo(List.copyOf(tables));
    }
}
