package vn.chiso.transforms.index;

import java.math.BigDecimal;

/**
 * One node of a unit's index tree: an indicator, a component or the index itself. Built by
 * {@link #index}, {@link #component} and {@link #indicator}, which leave empty what a node of that
 * type never has.
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

    /** What the source published for a node (either may be null), and whether our figures equal it. */
    public record Published(BigDecimal score, BigDecimal ratio, Boolean matches) {}

    /** A node's figures: its value as a percent (or raw), normalised, weight, maximum, points, contribution. */
    public record Figures(
            BigDecimal rawValue,
            BigDecimal normalised,
            BigDecimal weight,
            BigDecimal maxPoints,
            BigDecimal score,
            BigDecimal contribution) {}

    /** The index node of a unit: its total is both its score and its contribution; it has no parent or weight. */
    public static NodeResult index(
            String code,
            String title,
            BigDecimal percent,
            BigDecimal normalised,
            BigDecimal scale,
            BigDecimal total,
            String status,
            String note,
            Published published) {
        return new NodeResult(
                INDEX,
                code,
                title,
                null,
                null,
                null,
                percent,
                normalised,
                null,
                scale,
                total,
                total,
                status,
                note,
                published.score(),
                published.ratio(),
                published.matches(),
                null);
    }

    /** A component node under the index {@code parent}; components have no counts of their own. */
    public static NodeResult component(
            String code, String name, String parent, Figures figures, String status, String note, Published published) {
        return new NodeResult(
                COMPONENT,
                code,
                name,
                parent,
                null,
                null,
                figures.rawValue(),
                figures.normalised(),
                figures.weight(),
                figures.maxPoints(),
                figures.score(),
                figures.contribution(),
                status,
                note,
                published.score(),
                published.ratio(),
                published.matches(),
                null);
    }

    /**
     * An indicator node under the component {@code parent}: counts, published figures and source come from
     * its input {@code in} (none when the unit has no such input).
     */
    public static NodeResult indicator(
            String code,
            String name,
            String parent,
            InputValue in,
            Figures figures,
            String status,
            String note,
            Boolean matchesPublished) {
        return new NodeResult(
                INDICATOR,
                code,
                name,
                parent,
                in == null ? null : in.numerator(),
                in == null ? null : in.denominator(),
                figures.rawValue(),
                figures.normalised(),
                figures.weight(),
                figures.maxPoints(),
                figures.score(),
                figures.contribution(),
                status,
                note,
                in == null ? null : in.publishedScore(),
                in == null ? null : in.publishedRatio(),
                matchesPublished,
                in == null ? null : in.source());
    }
}
