package vn.chiso.briefs.model;

import java.math.BigDecimal;

/**
 * A component of an index for the province: score, maximum, points lost (max − score) and the change
 * of its contribution to the total since the previous year (null without a comparable year).
 */
public record ComponentRow(
        String code, String name, BigDecimal score, BigDecimal max, BigDecimal lost, BigDecimal change) {}
