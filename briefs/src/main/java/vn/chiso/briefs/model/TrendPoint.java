package vn.chiso.briefs.model;

import java.math.BigDecimal;

/** The province on one index in one year. */
public record TrendPoint(String year, BigDecimal score, int rank, int unitsRanked) {}
