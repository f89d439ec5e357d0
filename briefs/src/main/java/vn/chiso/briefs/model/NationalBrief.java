package vn.chiso.briefs.model;

import java.util.List;

/** The national overview of one year: each index's top and bottom ten, the biggest movers, regional averages, and how far the indices agree. */
public record NationalBrief(
        String year, List<IndexBoard> boards, List<Mover> movers, List<Correlation> correlations, Footer footer) {

    /** One index: the provinces ranked, its ten best and ten last, the mean score per region. */
    public record IndexBoard(
            String index,
            String indexName,
            String methodologyVersion,
            int ranked,
            List<PeerRow> top,
            List<PeerRow> bottom,
            List<RegionAverage> regions) {}

    public record RegionAverage(String region, int provinces, java.math.BigDecimal average) {}

    /** A province whose rank moved most on one index (beyond noise when the index has intervals). */
    public record Mover(
            String index,
            String indexName,
            String code,
            String name,
            int rank,
            Integer previousRank,
            int rankChange,
            Boolean withinNoise) {}

    /** Rank correlation of two indices over the provinces ranked on both. */
    public record Correlation(
            String indexA,
            String indexB,
            int provinces,
            java.math.BigDecimal spearmanRho,
            java.math.BigDecimal kendallTauB) {}
}
