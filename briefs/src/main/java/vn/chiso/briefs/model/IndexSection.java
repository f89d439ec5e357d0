package vn.chiso.briefs.model;

import java.util.List;

/**
 * One index in a province brief: its trend over every year the lake ranks it, its components, why
 * its rank moved, its peers, and where the next points are.
 */
public record IndexSection(
        String index,
        String indexName,
        String methodologyVersion,
        List<TrendPoint> trend,
        String chartSvg,
        List<ComponentRow> components,
        RankMove move,
        List<PeerRow> regionPeers,
        List<PeerRow> above,
        NextPoints nextPoints) {}
