package vn.chiso.api.briefs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import vn.chiso.api.crossindex.CrossIndexService;
import vn.chiso.api.crossindex.IndexPosition;
import vn.chiso.api.crossindex.ProvinceIndices;
import vn.chiso.api.indices.IndexScore;
import vn.chiso.api.indices.IndexScores;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.provinces.ProvinceProfile;
import vn.chiso.api.provinces.ProvinceService;
import vn.chiso.api.rankings.RankChangeService;
import vn.chiso.api.rankings.RankingItem;
import vn.chiso.api.rankings.RankingPage;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.rankings.RankingService;
import vn.chiso.api.releases.Embargo;
import vn.chiso.api.releases.ReleaseEvent;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.api.security.Viewer;
import vn.chiso.api.system.ApiException;
import vn.chiso.briefs.IndexNames;
import vn.chiso.briefs.TrendChart;
import vn.chiso.briefs.model.ComponentRow;
import vn.chiso.briefs.model.Footer;
import vn.chiso.briefs.model.IndexSection;
import vn.chiso.briefs.model.NextPoints;
import vn.chiso.briefs.model.PeerRow;
import vn.chiso.briefs.model.ProvinceBrief;
import vn.chiso.briefs.model.RankMove;
import vn.chiso.briefs.model.SummaryRow;
import vn.chiso.briefs.model.TrendPoint;
import vn.chiso.contract.Province;
import vn.chiso.contract.UnitLevel;

/**
 * Assembles a province's brief from the API's own answers, so it shows what the asker may see and
 * nothing else: the province on every index ({@link CrossIndexService#province}), the trend
 * ({@link ProvinceService#profile}), ranking lists ({@link RankingService#find}), rank-change
 * explanations ({@link RankChangeService#explain}) and the component rows of gold/index_scores read
 * at the versions the ranking was answered from.
 */
@Service
public class ProvinceBriefService {

    static final String PROVINCE = UnitLevel.PROVINCE.code();
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final CrossIndexService crossIndex;
    private final ProvinceService provinces;
    private final RankingService rankings;
    private final RankChangeService changes;
    private final ReleaseService releases;
    private final DossierFigures dossiers;
    private final IndexBandRepository bands;
    private final TrendChart chart = new TrendChart();

    public ProvinceBriefService(
            CrossIndexService crossIndex,
            ProvinceService provinces,
            RankingService rankings,
            RankChangeService changes,
            ReleaseService releases,
            DossierFigures dossiers,
            IndexBandRepository bands) {
        this.crossIndex = crossIndex;
        this.provinces = provinces;
        this.rankings = rankings;
        this.changes = changes;
        this.releases = releases;
        this.dossiers = dossiers;
        this.bands = bands;
    }

    /** @param year 2024; null for the latest year with a ranking the asker may see */
    public ProvinceBrief brief(String code, String year, AsOf asOf) {
        ProvinceIndices positions = crossIndex.province(code, year, asOf);
        Province province = ProvinceService.province(code);
        String period = positions.period();
        Embargo embargo = releases.embargo();
        LakeSources sources = new LakeSources();
        sources.add(positions.lake());
        ProvinceProfile profile = provinces.profile(code, period, asOf);
        sources.add(profile.lake());
        Map<String, LocalDate> published = publishedOn();
        List<IndexBandRepository.IndexBand> declared = bands.read(asOf)
                .map(v -> {
                    sources.add(LakeInfo.of(v));
                    return v.data();
                })
                .orElse(List.of());
        List<SummaryRow> summary = new ArrayList<>();
        List<IndexSection> sections = new ArrayList<>();
        List<String> methodologies = new ArrayList<>();
        for (IndexPosition p : positions.items()) {
            boolean previous = p.previousPeriod() != null && embargo.visible(p.index(), p.previousPeriod());
            summary.add(summaryRow(p, previous, published));
            sections.add(section(province, p, profile, previous, asOf, sources, declared));
            methodologies.add(IndexNames.of(p.index()) + ": " + p.methodologyVersion());
        }
        // the year's dossier figures are the progress index's input, read as the embargo reads its release
        var dossier = dossiers.section(province, period, asOf, sources).orElse(null);
        Footer footer =
                new Footer(sources.asOf(), methodologies, Viewer.current().audience());
        return new ProvinceBrief(
                province.code(), province.name(), province.region(), period, summary, sections, dossier, footer);
    }

    private static SummaryRow summaryRow(IndexPosition p, boolean previous, Map<String, LocalDate> published) {
        return new SummaryRow(
                p.index(),
                IndexNames.of(p.index()),
                p.period(),
                p.score(),
                p.rank(),
                p.unitsRanked(),
                p.band(),
                previous ? p.previousPeriod() : null,
                previous ? p.previousScore() : null,
                previous ? p.previousRank() : null,
                previous ? p.rankChange() : null,
                p.rankLow(),
                p.rankHigh(),
                previous ? p.withinNoise() : null,
                p.rankInRegion(),
                p.unitsInRegion(),
                p.release(),
                published.get(p.index() + "|" + p.period()));
    }

    /** (index|period) → the day it was published, in Vietnam's time, for what the asker may see. */
    private Map<String, LocalDate> publishedOn() {
        Map<String, LocalDate> days = new HashMap<>();
        releases.list(null, ReleaseEvent.PUBLISHED).items().stream()
                .filter(r -> r.publishedAt() != null)
                .forEach(r -> days.put(r.index() + "|" + r.period(), LocalDate.ofInstant(r.publishedAt(), VIETNAM)));
        return days;
    }

    private IndexSection section(
            Province province,
            IndexPosition p,
            ProvinceProfile profile,
            boolean previous,
            AsOf asOf,
            LakeSources sources,
            List<IndexBandRepository.IndexBand> declared) {
        String index = p.index();
        RankingPage page = rankings.find(
                RankingQuery.of(index, p.period(), PROVINCE, null, null, "rank", 0, RankingQuery.MAX_SIZE), asOf);
        sources.add(page.lake());
        RankChangeService.Explanation explained = previous ? explain(province.code(), p, asOf, sources) : null;
        Map<String, BigDecimal> changeByComponent = new HashMap<>();
        if (explained != null) {
            explained.components().stream()
                    .filter(c -> c.contributionChange() != null)
                    .forEach(c -> changeByComponent.put(c.component(), c.contributionChange()));
        }
        List<IndexScore> components = components(province.code(), p, asOf, sources);
        List<TrendPoint> trend = profile.trend().stream()
                .flatMap(t -> t.ranks().stream()
                        .filter(r -> r.index().equals(index))
                        .map(r -> new TrendPoint(t.period(), r.score(), r.rank(), r.unitsRanked())))
                .toList();
        List<ComponentRow> rows = components.stream()
                .map(c -> new ComponentRow(
                        c.nodeCode(),
                        c.nodeName(),
                        c.score(),
                        c.maxPoints(),
                        c.maxPoints() == null || c.score() == null
                                ? null
                                : c.maxPoints().subtract(c.score()),
                        changeByComponent.get(c.nodeCode())))
                .toList();
        Peers peers = Peers.of(page.items(), province.code(), province.region());
        NextPoints next =
                NextPointsCalculator.compute(components, p.score(), peers.aboveTarget(), nextBand(declared, p));
        return new IndexSection(
                index,
                IndexNames.of(index),
                p.methodologyVersion(),
                trend,
                chart.svg("trend-" + index, trend),
                rows,
                explained == null ? null : move(explained),
                peers.region(),
                peers.above(),
                next);
    }

    /** The next band up at the methodology version of the ranked year, its floor as the methodology declares it. */
    static NextPointsCalculator.Target nextBand(List<IndexBandRepository.IndexBand> declared, IndexPosition p) {
        return p.methodologyVersion() == null
                ? null
                : IndexBandRepository.nextAbove(declared, p.index(), p.methodologyVersion(), p.score())
                        .map(b -> new NextPointsCalculator.Target(b.band(), b.minScore(), false))
                        .orElse(null);
    }

    /** The province's component rows of gold/index_scores, at the versions its ranking was answered from. */
    private List<IndexScore> components(String code, IndexPosition p, AsOf asOf, LakeSources sources) {
        RankingService.OnePeriod one = rankings.onePeriod(p.index(), PROVINCE, Period.of(p.period()), asOf);
        Optional<Versioned<IndexScores>> read = one.view().scores(p.index(), one.period());
        read.ifPresent(v -> sources.add(one.embargo().lake(one.rankings(), v)));
        return read.map(v -> v.data().forUnit(p.index(), PROVINCE, p.period(), code)).orElse(List.of()).stream()
                .filter(s -> "component".equals(s.nodeType()))
                .sorted(Comparator.comparing(IndexScore::nodeCode))
                .toList();
    }

    /** Why the rank moved, or null when gold/rank_changes has no explanation (no previous year ranked). */
    private RankChangeService.Explanation explain(String code, IndexPosition p, AsOf asOf, LakeSources sources) {
        try {
            RankChangeService.Explanation e = changes.explain(code, p.index(), p.period(), PROVINCE, asOf);
            sources.add(e.lake());
            return e;
        } catch (ApiException notExplained) {
            return null;
        }
    }

    private static RankMove move(RankChangeService.Explanation e) {
        return new RankMove(
                e.previousPeriod(),
                e.previousRank(),
                e.rank(),
                e.rankChange(),
                e.counterfactualRank(),
                e.rankChangeOwn(),
                e.rankChangeOthers(),
                e.rankLow(),
                e.rankHigh(),
                e.withinNoise(),
                e.comparable(),
                e.note());
    }

    /** The three provinces just above and the province's region, each with the province's own row. */
    record Peers(List<PeerRow> above, List<PeerRow> region, NextPointsCalculator.Target aboveTarget) {

        static Peers of(List<RankingItem> items, String code, String region) {
            RankingItem own = items.stream()
                    .filter(i -> i.unitCode().equals(code))
                    .findFirst()
                    .orElseThrow();
            List<RankingItem> higher =
                    items.stream().filter(i -> i.rank() < own.rank()).toList();
            List<PeerRow> above = new ArrayList<>();
            higher.subList(Math.max(0, higher.size() - 3), higher.size()).forEach(i -> above.add(row(i, own)));
            above.add(row(own, own));
            List<PeerRow> inRegion = items.stream()
                    .filter(i -> Objects.equals(region, i.region()))
                    .map(i -> row(i, own))
                    .toList();
            RankingItem next = higher.isEmpty() ? null : higher.get(higher.size() - 1);
            return new Peers(
                    above,
                    inRegion,
                    next == null ? null : new NextPointsCalculator.Target(next.unitName(), next.score(), true));
        }

        private static PeerRow row(RankingItem i, RankingItem own) {
            return new PeerRow(
                    i.unitCode(),
                    i.unitName(),
                    i.region(),
                    i.rank(),
                    i.score(),
                    i.score().subtract(own.score()),
                    i.rankChange(),
                    i.withinNoise(),
                    i.unitCode().equals(own.unitCode()));
        }
    }
}
