package vn.chiso.api.briefs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import vn.chiso.api.crossindex.CrossIndexService;
import vn.chiso.api.crossindex.IndexCorrelations;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.rankings.RankingItem;
import vn.chiso.api.rankings.RankingPage;
import vn.chiso.api.rankings.RankingQuery;
import vn.chiso.api.rankings.RankingService;
import vn.chiso.api.releases.Embargo;
import vn.chiso.api.releases.ReleaseService;
import vn.chiso.api.security.Viewer;
import vn.chiso.briefs.IndexNames;
import vn.chiso.briefs.model.Footer;
import vn.chiso.briefs.model.NationalBrief;
import vn.chiso.briefs.model.PeerRow;

/**
 * The national overview of one year from the API's answers: every index the asker may see that ranks
 * provinces that year ({@link CrossIndexService#correlations}, which also gives how far they agree),
 * and each one's ranking list ({@link RankingService#find}).
 */
@Service
public class NationalBriefService {

    private static final int TEN = 10;
    private static final int MOVERS_EACH_WAY = 3;

    private final CrossIndexService crossIndex;
    private final RankingService rankings;
    private final ReleaseService releases;

    public NationalBriefService(CrossIndexService crossIndex, RankingService rankings, ReleaseService releases) {
        this.crossIndex = crossIndex;
        this.rankings = rankings;
        this.releases = releases;
    }

    /** @param year 2024; null for the latest year with a province ranking the asker may see */
    public NationalBrief brief(String year, AsOf asOf) {
        IndexCorrelations correlations = crossIndex.correlations(year, asOf);
        String period = correlations.period();
        Embargo embargo = releases.embargo();
        LakeSources sources = new LakeSources();
        sources.add(correlations.lake());
        List<NationalBrief.IndexBoard> boards = new ArrayList<>();
        List<NationalBrief.Mover> movers = new ArrayList<>();
        List<String> methodologies = new ArrayList<>();
        for (String index : correlations.indices()) {
            RankingPage page = rankings.find(
                    RankingQuery.of(
                            index, period, ProvinceBriefService.PROVINCE, null, null, "rank", 0, RankingQuery.MAX_SIZE),
                    asOf);
            sources.add(page.lake());
            List<RankingItem> items = page.items();
            String version = items.get(0).methodologyVersion();
            boards.add(new NationalBrief.IndexBoard(
                    index,
                    IndexNames.of(index),
                    version,
                    items.size(),
                    items.subList(0, Math.min(TEN, items.size())).stream()
                            .map(NationalBriefService::row)
                            .toList(),
                    items.subList(Math.max(0, items.size() - TEN), items.size()).stream()
                            .map(NationalBriefService::row)
                            .toList(),
                    regions(items)));
            String previous = items.get(0).previousPeriod();
            if (previous != null && embargo.visible(index, previous)) {
                movers.addAll(movers(index, items));
            }
            methodologies.add(IndexNames.of(index) + ": " + version);
        }
        List<NationalBrief.Correlation> pairs = correlations.items().stream()
                .map(c -> new NationalBrief.Correlation(
                        c.indexA(), c.indexB(), c.provincesInCommon(), c.spearmanRho(), c.kendallTauB()))
                .toList();
        return new NationalBrief(
                period,
                boards,
                movers,
                pairs,
                new Footer(sources.asOf(), methodologies, Viewer.current().audience()));
    }

    private static PeerRow row(RankingItem i) {
        return new PeerRow(
                i.unitCode(),
                i.unitName(),
                i.region(),
                i.rank(),
                i.score(),
                null,
                i.rankChange(),
                i.withinNoise(),
                false);
    }

    /** Mean score per region, two decimals half up, regions by name. */
    private static List<NationalBrief.RegionAverage> regions(List<RankingItem> items) {
        Map<String, List<RankingItem>> byRegion = items.stream()
                .filter(i -> i.region() != null)
                .collect(Collectors.groupingBy(RankingItem::region, TreeMap::new, Collectors.toList()));
        return byRegion.entrySet().stream()
                .map(e -> new NationalBrief.RegionAverage(
                        e.getKey(),
                        e.getValue().size(),
                        e.getValue().stream()
                                .map(RankingItem::score)
                                .reduce(BigDecimal.ZERO, BigDecimal::add)
                                .divide(BigDecimal.valueOf(e.getValue().size()), 2, RoundingMode.HALF_UP)))
                .toList();
    }

    /** The three biggest rises and falls not within noise (largest first; ties by rank). */
    private static List<NationalBrief.Mover> movers(String index, List<RankingItem> items) {
        List<RankingItem> moved = items.stream()
                .filter(i -> i.rankChange() != null && i.rankChange() != 0 && !Boolean.TRUE.equals(i.withinNoise()))
                .toList();
        Comparator<RankingItem> byRise =
                Comparator.comparing((RankingItem i) -> -i.rankChange()).thenComparing(RankingItem::rank);
        List<NationalBrief.Mover> out = new ArrayList<>();
        moved.stream()
                .filter(i -> i.rankChange() > 0)
                .sorted(byRise)
                .limit(MOVERS_EACH_WAY)
                .forEach(i -> out.add(mover(index, i)));
        moved.stream()
                .filter(i -> i.rankChange() < 0)
                .sorted(byRise.reversed())
                .limit(MOVERS_EACH_WAY)
                .forEach(i -> out.add(mover(index, i)));
        return out;
    }

    private static NationalBrief.Mover mover(String index, RankingItem i) {
        return new NationalBrief.Mover(
                index,
                IndexNames.of(index),
                i.unitCode(),
                i.unitName(),
                i.rank(),
                i.previousRank(),
                i.rankChange(),
                i.withinNoise());
    }
}
