package vn.chiso.api.crossindex;

import java.util.List;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;

/** Every pair of the indices ranked at province level in one year that the viewer may see. */
public record IndexCorrelations(
        String period, List<String> indices, int total, List<IndexCorrelation> items, LakeInfo lake)
        implements HasLake {}
