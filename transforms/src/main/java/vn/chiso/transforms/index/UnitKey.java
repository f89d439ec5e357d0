package vn.chiso.transforms.index;

import java.io.Serializable;

/** One unit in one period: what an index score belongs to. */
public record UnitKey(
        String level,
        String periodType,
        String period,
        int year,
        String unitCode,
        String unitName,
        String provinceCode,
        String region)
        implements Serializable {}
