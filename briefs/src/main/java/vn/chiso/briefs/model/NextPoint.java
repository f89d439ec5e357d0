package vn.chiso.briefs.model;

import java.math.BigDecimal;

/**
 * One component's room to grow: {@code available} = max − score; {@code perPoint} = index points a
 * point of the component brings, as the methodology weights it; {@code weightedAvailable} =
 * available × perPoint; {@code toPassAbove} / {@code toNextBand}: the component score that alone
 * would pass the province above / reach the next band (null when the component alone cannot).
 */
public record NextPoint(
        String code,
        String name,
        BigDecimal score,
        BigDecimal max,
        BigDecimal available,
        BigDecimal perPoint,
        BigDecimal weightedAvailable,
        BigDecimal toPassAbove,
        BigDecimal toNextBand) {}
