package vn.chiso.transforms.index;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One input of a unit (e.g. the portal's transparency/PUBLISH_ON_TIME row, a PAPI sub-dimension,
 * a survey factor's satisfied/valid answers), with the source's own figures when it has them.
 *
 * @param published whether the source publishes its own score/ratio for this input (then null
 *                  published figures mean the source published none, and ours must be none too)
 */
public record InputValue(
        BigDecimal value,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal maxPoints,
        boolean published,
        BigDecimal publishedScore,
        BigDecimal publishedRatio,
        String source)
        implements Serializable {

    public static InputValue ofValue(BigDecimal value) {
        return new InputValue(value, null, null, null, false, null, null, null);
    }

    public static InputValue ofCounts(long numerator, long denominator) {
        return new InputValue(
                null, BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator), null, false, null, null, null);
    }

    /** A value the source published as its own figure (checked against ours where we recompute it). */
    public static InputValue ofPublished(BigDecimal value) {
        return new InputValue(value, null, null, null, true, value, null, null);
    }
}
