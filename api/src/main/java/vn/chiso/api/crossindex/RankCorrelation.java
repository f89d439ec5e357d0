package vn.chiso.api.crossindex;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Rank correlation of two indices' scores over the same provinces, as transforms' CrossIndex
 * computes it for gold/index_correlations: Spearman's rho on average ranks (tied scores share the
 * mean of their places), Kendall's tau-b. Empty when undefined (under two provinces, or one index
 * ties them all).
 */
final class RankCorrelation {

    private RankCorrelation() {}

    /** Places by score, best (highest) first, ties averaged: 10, 9, 9, 7 → 1, 2.5, 2.5, 4. */
    static double[] averageRanks(double[] scores) {
        double[] ranks = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int above = 0;
            int tied = 0;
            for (double other : scores) {
                if (other > scores[i]) {
                    above++;
                } else if (other == scores[i]) {
                    tied++;
                }
            }
            ranks[i] = above + 1 + (tied - 1) / 2.0;
        }
        return ranks;
    }

    static OptionalDouble spearman(double[] a, double[] b) {
        return pearson(averageRanks(a), averageRanks(b));
    }

    static OptionalDouble pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return OptionalDouble.empty();
        }
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            xy += (x[i] - meanX) * (y[i] - meanY);
            xx += (x[i] - meanX) * (x[i] - meanX);
            yy += (y[i] - meanY) * (y[i] - meanY);
        }
        return xx == 0 || yy == 0 ? OptionalDouble.empty() : OptionalDouble.of(xy / Math.sqrt(xx * yy));
    }

    /** (concordant − discordant pairs) / √(pairs not tied on a × pairs not tied on b). */
    static OptionalDouble kendallTauB(double[] a, double[] b) {
        long concordance = 0;
        long untiedA = 0;
        long untiedB = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                int orderA = Double.compare(a[i], a[j]);
                int orderB = Double.compare(b[i], b[j]);
                concordance += (long) Integer.signum(orderA) * Integer.signum(orderB);
                untiedA += orderA != 0 ? 1 : 0;
                untiedB += orderB != 0 ? 1 : 0;
            }
        }
        return untiedA == 0 || untiedB == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of(concordance / Math.sqrt((double) untiedA * untiedB));
    }
}
