package vn.chiso.api.rankings;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.system.ApiException;

/** Explains a unit's rank change against the previous period from gold/rank_changes, under the embargo. */
@Service
public class RankChangeService {

    private static final Pattern UNIT = Pattern.compile("\\d{2,5}");

    /** Why a unit's rank changed: its own score's part and the others' part, and each component's share. */
    public record Explanation(
            String index,
            String level,
            String period,
            String previousPeriod,
            String unitCode,
            String unitName,
            Integer rank,
            Integer previousRank,
            Integer rankChange,
            Integer counterfactualRank,
            Integer rankChangeOwn,
            Integer rankChangeOthers,
            Integer rankLow,
            Integer rankHigh,
            Boolean withinNoise,
            Boolean comparable,
            String methodologyVersion,
            String previousMethodologyVersion,
            String note,
            List<ComponentChange> components,
            LakeInfo lake)
            implements HasLake {}

    /** One component's change of contribution to the score, and its share of the score's change. */
    public record ComponentChange(
            String component,
            String name,
            BigDecimal contribution,
            BigDecimal previousContribution,
            BigDecimal contributionChange,
            BigDecimal shareOfChange,
            String note) {}

    private final RankingService rankings;

    public RankChangeService(RankingService rankings) {
        this.rankings = rankings;
    }

    /** @param period 2024, 2024-Q3, …; null for the latest the viewer may see */
    public Explanation explain(String unit, String index, String period, String level, AsOf when) {
        if (unit == null || !UNIT.matcher(unit).matches()) {
            throw ApiException.badRequest(
                    "unit", "parameter 'unit' must be a unit code (2 to 5 digits) such as '01'; got '" + unit + "'");
        }
        RankingQuery.checkIndex(index);
        RankingQuery.checkLevel(level);
        Period asked = period == null || period.isBlank() ? null : RankingQuery.parsePeriod(period);
        RankingService.OnePeriod one = rankings.onePeriod(index, level, asked, when);
        Period p = one.period();
        Versioned<RankChanges> c = one.view().rankChanges(one.seen());
        List<RankChange> rows = c.data().forUnit(index, level, p.code(), unit);
        RankChange head = rows.stream()
                .filter(x -> x.nodeType().equals("index"))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound(
                        "unit",
                        "no rank change of unit '" + unit + "' in index '" + index + "' for period '" + p
                                + "' (no ranking, or no previous period to compare with)"));
        one.view().requireExplainable(one.seen(), head.previousPeriod(), unit);
        List<ComponentChange> components = rows.stream()
                .filter(x -> !x.nodeType().equals("index"))
                .map(x -> new ComponentChange(
                        x.nodeCode(),
                        x.nodeName(),
                        x.contribution(),
                        x.previousContribution(),
                        x.contributionChange(),
                        x.shareOfChange(),
                        x.note()))
                .toList();
        return new Explanation(
                index,
                level,
                p.code(),
                head.previousPeriod(),
                unit,
                head.unitName(),
                head.rank(),
                head.previousRank(),
                head.rankChange(),
                head.counterfactualRank(),
                head.rankChangeOwn(),
                head.rankChangeOthers(),
                head.rankLow(),
                head.rankHigh(),
                head.withinNoise(),
                head.comparable(),
                head.methodologyVersion(),
                head.previousMethodologyVersion(),
                head.note(),
                components,
                one.view().lake());
    }
}
