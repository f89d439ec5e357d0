package vn.chiso.api.provinces;

import java.util.List;
import vn.chiso.api.kpis.UnitKpi;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.contract.Province;

/** The district KPIs of one province in one period, by district code. */
public record DistrictList(
        Province province, String period, String periodType, int total, List<UnitKpi> items, LakeInfo lake)
        implements vn.chiso.api.lake.HasLake {}
