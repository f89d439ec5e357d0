package vn.chiso.api.rankings;

import java.util.List;
import vn.chiso.api.lake.LakeInfo;

/**
 * A page of one ranking list. {@code total} counts the whole filtered list, not the page. Districts
 * are ranked within their province, so district lists are best read with a province filter.
 */
public record RankingPage(
        String index,
        String period,
        String periodType,
        String level,
        String region,
        String province,
        String sort,
        int page,
        int size,
        int total,
        List<RankingItem> items,
        LakeInfo lake)
        implements vn.chiso.api.lake.HasLake {}
