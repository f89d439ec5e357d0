package vn.chiso.briefs.model;

/**
 * Why the rank moved: the change split into the province's own score (the rank it would have had if
 * the others had not moved) and the other provinces' moves; its interval and comparability.
 */
public record RankMove(
        String previousPeriod,
        Integer previousRank,
        Integer rank,
        Integer rankChange,
        Integer counterfactualRank,
        Integer rankChangeOwn,
        Integer rankChangeOthers,
        Integer rankLow,
        Integer rankHigh,
        Boolean withinNoise,
        Boolean comparable,
        String note) {}
