package vn.chiso.api.rankings;

import java.math.BigDecimal;
import vn.chiso.api.lake.RowView;

/** One row of gold/rank_changes: the index row of a unit's rank change, or one component's share of it. */
public record RankChange(
        String indexCode,
        String level,
        String periodType,
        String period,
        String previousPeriod,
        String unitCode,
        String unitName,
        String provinceCode,
        String nodeType,
        String nodeCode,
        String nodeName,
        String methodologyVersion,
        String previousMethodologyVersion,
        Boolean comparable,
        BigDecimal contribution,
        BigDecimal previousContribution,
        BigDecimal contributionChange,
        BigDecimal shareOfChange,
        Integer rank,
        Integer previousRank,
        Integer rankChange,
        Integer counterfactualRank,
        Integer rankChangeOwn,
        Integer rankChangeOthers,
        Integer rankLow,
        Integer rankHigh,
        Boolean withinNoise,
        String note) {

    static RankChange from(RowView r) {
        return new RankChange(
                r.requiredString("index_code"),
                r.requiredString("level"),
                r.requiredString("period_type"),
                r.requiredString("period"),
                r.requiredString("previous_period"),
                r.requiredString("unit_code"),
                r.string("unit_name"),
                r.requiredString("province_code"),
                r.requiredString("node_type"),
                r.requiredString("node_code"),
                r.string("node_name"),
                r.string("methodology_version"),
                r.string("previous_methodology_version"),
                r.bool("comparable"),
                r.decimal("contribution"),
                r.decimal("previous_contribution"),
                r.decimal("contribution_change"),
                r.decimal("share_of_change"),
                r.integer("rank"),
                r.integer("previous_rank"),
                r.integer("rank_change"),
                r.integer("counterfactual_rank"),
                r.integer("rank_change_own"),
                r.integer("rank_change_others"),
                r.integer("rank_low"),
                r.integer("rank_high"),
                r.bool("within_noise"),
                r.string("note"));
    }
}
