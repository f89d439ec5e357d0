package vn.chiso.api.crossindex;

import java.math.BigDecimal;

/**
 * Whether two indices agree in one year: rank correlation over the provinces ranked on both
 * (indexA before indexB alphabetically); null when undefined.
 */
public record IndexCorrelation(
        String indexA,
        String indexB,
        int provincesRankedA,
        int provincesRankedB,
        int provincesInCommon,
        BigDecimal spearmanRho,
        BigDecimal kendallTauB,
        String methodologyVersionA,
        String methodologyVersionB) {}
