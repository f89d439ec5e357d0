package vn.chiso.transforms.index;

import java.math.BigDecimal;

/**
 * One node of a unit's index tree: an indicator, a component or the index itself.
 *
 * @param rawValue     indicator: its value before normalisation (a percent for ratios, points, …);
 *                     component and index: percent of their maximum, half-up to 0.01 (the portal's group ratio)
 * @param normalised   0–1 (z-scores are unbounded)
 * @param weight       the node's effective weight in its parent (points ÷ parent max in a points index)
 * @param score        points (indicator, component) or the total (index)
 * @param contribution points the node adds to the unit's index total
 */
public record NodeResult(
        String nodeType,
        String code,
        String name,
        String parent,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal rawValue,
        BigDecimal normalised,
        BigDecimal weight,
        BigDecimal maxPoints,
        BigDecimal score,
        BigDecimal contribution,
        String status,
        String note,
        BigDecimal publishedScore,
        BigDecimal publishedRatio,
        Boolean matchesPublished,
        String source) {

    public static final String INDEX = "index";
    public static final String COMPONENT = "component";
    public static final String INDICATOR = "indicator";
}
