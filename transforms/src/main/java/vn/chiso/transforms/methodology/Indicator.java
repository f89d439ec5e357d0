package vn.chiso.transforms.methodology;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One indicator of a component: where its input comes from, how it is normalised and how many
 * points (or what weight) it carries.
 *
 * @param input        code of the input row (e.g. {@code transparency/PUBLISH_ON_TIME}, {@code SC11}, {@code access})
 * @param maxPoints    points at full marks; null when the component uses weights, or when {@code maxFromInput}
 * @param maxFromInput the maximum is published with each input row (e.g. PAR Index areas under Decision 876)
 * @param direction    1: higher is better; -1: lower is better
 * @param fullAt       ratio only: full points from this percent (the portal's "full marks at 90%"), default 100
 * @param rounding     decimals of the percent and of the points, rounded half-up; null = exact
 * @param pointsFromExactRatio ratio only: points from the exact share, not from the percent rounded to
 *                     {@code rounding} (the portal's digitisation metrics: 133609/184503 → 72.42 %, 4.34 points)
 * @param informational computed and shown, carries no points
 * @param ruleKnown    false when the source's scoring rule is not known (documented in {@code note})
 */
public record Indicator(
        String code,
        String name,
        String input,
        Method method,
        BigDecimal maxPoints,
        boolean maxFromInput,
        BigDecimal weight,
        int direction,
        BigDecimal fullAt,
        Integer rounding,
        NoDenominator ifNoDenominator,
        boolean pointsFromExactRatio,
        BigDecimal goalLow,
        BigDecimal goalHigh,
        BigDecimal target,
        BigDecimal zMean,
        BigDecimal zSd,
        boolean informational,
        boolean ruleKnown,
        String note)
        implements Serializable {}
