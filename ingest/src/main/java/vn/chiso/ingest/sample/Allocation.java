package vn.chiso.ingest.sample;

import java.util.Arrays;
import java.util.Comparator;

/** Exact integer splits of a total by weights (largest-remainder method, ties by position). */
final class Allocation {

    private Allocation() {}

    /**
     * Splits {@code total} over the weights so that the parts add up to exactly {@code total}; each part
     * gets at least {@code min} when the total allows it for all parts, otherwise no minimum applies.
     */
    static long[] largestRemainder(long total, double[] weights, long min) {
        int n = weights.length;
        long[] parts = new long[n];
        if (n == 0) {
            if (total != 0) {
                throw new IllegalArgumentException("nothing to split " + total + " over");
            }
            return parts;
        }
        long floor = total >= min * n ? min : 0;
        long rest = total - floor * n;
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("bad weight " + w);
            }
            sum += w;
        }
        double[] fraction = new double[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            double quota = sum > 0 ? rest * (weights[i] / sum) : (double) rest / n;
            long whole = (long) Math.floor(quota);
            parts[i] = floor + whole;
            fraction[i] = quota - whole;
            given += whole;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order, Comparator.<Integer>comparingDouble(i -> -fraction[i]).thenComparingInt(i -> i));
        long left = rest - given;
        // floating error can leave |left| slightly off n; cycle until exact
        for (int k = 0; left > 0; k = (k + 1) % n, left--) {
            parts[order[k]]++;
        }
        for (int k = n - 1; left < 0; k = (k - 1 + n) % n) {
            if (parts[order[k]] > floor) {
                parts[order[k]]--;
                left++;
            }
        }
        return parts;
    }

    static int[] largestRemainder(int total, double[] weights, int min) {
        long[] parts = largestRemainder((long) total, weights, (long) min);
        int[] result = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = (int) parts[i];
        }
        return result;
    }
}
