package vn.chiso.transforms.methodology;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * A component (area, group, dimension, factor) of an index: its indicators, how they aggregate,
 * and its max points or weight in the index.
 *
 * @param maxPoints      points at full marks (sum of its indicators' maxima when they have them)
 * @param maxFromInput   the maxima come with the inputs (sum of the indicators' published maxima)
 * @param weight         weight in a weighted index; null in a points index
 * @param missing        what a missing indicator does to this component
 * @param publishedInput input code carrying the source's own figure for this component (checked, never used)
 */
public record Component(
        String code,
        String name,
        BigDecimal maxPoints,
        boolean maxFromInput,
        BigDecimal weight,
        Aggregation aggregation,
        MissingRule missing,
        String publishedInput,
        List<Indicator> indicators,
        String note)
        implements Serializable {

    /** Indicators that carry points or weight. */
    public List<Indicator> scored() {
        return indicators.stream().filter(i -> !i.informational()).toList();
    }
}
