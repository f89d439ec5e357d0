package vn.chiso.api.indices;

import java.math.BigDecimal;
import vn.chiso.api.lake.RowView;

/** One node (index, component or indicator) of one unit's index tree in one period, from gold/index_scores. */
public record IndexScore(
        String indexCode,
        String methodologyVersion,
        String level,
        String periodType,
        String period,
        int year,
        String unitCode,
        String unitName,
        String provinceCode,
        String nodeType,
        String nodeCode,
        String nodeName,
        String parentCode,
        BigDecimal rawValue,
        BigDecimal normalised,
        BigDecimal weight,
        BigDecimal maxPoints,
        BigDecimal score,
        BigDecimal contribution,
        String band,
        String status,
        String note) {

    static IndexScore from(RowView r) {
        return new IndexScore(
                r.requiredString("index_code"),
                r.requiredString("methodology_version"),
                r.requiredString("level"),
                r.requiredString("period_type"),
                r.requiredString("period"),
                r.requiredInt("year"),
                r.requiredString("unit_code"),
                r.string("unit_name"),
                r.requiredString("province_code"),
                r.requiredString("node_type"),
                r.requiredString("node_code"),
                r.string("node_name"),
                r.string("parent_code"),
                r.decimal("raw_value"),
                r.decimal("normalised"),
                r.decimal("weight"),
                r.decimal("max_points"),
                r.decimal("score"),
                r.decimal("contribution"),
                r.string("band"),
                r.requiredString("status"),
                r.string("note"));
    }
}
