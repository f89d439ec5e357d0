package vn.chiso.api.crossindex;

import java.util.List;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;

/** A province in one year on every index the viewer may see, side by side (index order). */
public record ProvinceIndices(
        String provinceCode,
        String provinceName,
        String region,
        String period,
        int total,
        List<IndexPosition> items,
        LakeInfo lake)
        implements HasLake {}
