package vn.chiso.briefs.model;

import java.math.BigDecimal;

/**
 * One dossier figure: the province's value, the median over the provinces of the country, and the
 * best value in the region with the province holding it ({@code higherIsBetter} says which is best).
 */
public record KpiRow(
        String label,
        String unit,
        BigDecimal value,
        BigDecimal nationalMedian,
        BigDecimal regionalBest,
        String regionalBestName,
        boolean higherIsBetter) {}
