package vn.chiso.transforms.robustness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import vn.chiso.transforms.index.UnitResult;
import vn.chiso.transforms.methodology.Aggregation;
import vn.chiso.transforms.methodology.Methodology;
import vn.chiso.transforms.methodology.MissingRule;

/**
 * Uncertainty analysis of ranks (COINr's get_sensitivity with SA_type "UA"): the index is
 * re-aggregated {@code draws} times with noisy component weights (and, for survey indices, on a
 * bootstrap resample of respondents); each draw ranks the units by competition ranking, and each
 * unit gets its median rank and the 5th and 95th percentiles of its ranks (nearest-rank method, so
 * the bounds are ranks that occurred).
 *
 * <p>Works on one universe (the units ranked together in one period) in memory: at most a few
 * hundred units × tens of components, so a thousand draws take milliseconds. The Spark job runs it
 * inside the task that scored the universe; seeds come from {@link Seeds}, never from task order.
 */
public final class RankUncertainty {

    private RankUncertainty() {}

    /**
     * @param nominal   the universe's nominal results; units with no total are not ranked
     * @param bootstrap the results of draw d on resampled inputs (null: the nominal values every draw)
     */
    public static Map<String, RankInterval> simulate(
            Methodology m, List<UnitResult> nominal, IntFunction<List<UnitResult>> bootstrap) {
        int draws = m.robustness().draws();
        Map<String, int[]> ranks = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (UnitResult r : nominal) {
            if (r.total() != null) {
                ranks.put(r.key().unitCode(), new int[draws]);
                counts.put(r.key().unitCode(), 0);
            }
        }
        if (ranks.isEmpty() || draws == 0) {
            return Map.of();
        }
        int k = m.components().size();
        for (int d = 1; d <= draws; d++) {
            List<UnitResult> results = bootstrap == null ? nominal : bootstrap.apply(d);
            double[] multipliers = NoisyWeights.multipliers(
                    m.robustness().seed(), m.indexCode(), d, k, m.robustness().weightNoise());
            List<String> units = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (UnitResult r : results) {
                if (!ranks.containsKey(r.key().unitCode())) {
                    continue;
                }
                double score = aggregate(m, r.componentValues(), r.componentBase(), multipliers);
                if (!Double.isNaN(score)) {
                    units.add(r.key().unitCode());
                    scores.add(score);
                }
            }
            int[] drawRanks = competitionRanks(
                    scores.stream().mapToDouble(Double::doubleValue).toArray());
            for (int u = 0; u < units.size(); u++) {
                String unit = units.get(u);
                int n = counts.get(unit);
                ranks.get(unit)[n] = drawRanks[u];
                counts.put(unit, n + 1);
            }
        }
        Map<String, RankInterval> out = new HashMap<>();
        for (Map.Entry<String, int[]> e : ranks.entrySet()) {
            int n = counts.get(e.getKey());
            if (n == 0) {
                continue;
            }
            int[] sorted = Arrays.copyOf(e.getValue(), n);
            Arrays.sort(sorted);
            out.put(
                    e.getKey(),
                    new RankInterval(quantile(sorted, 0.5), quantile(sorted, 0.05), quantile(sorted, 0.95), n));
        }
        return out;
    }

    /**
     * The total from normalised component values and base weights (max points, or weights), each
     * weight multiplied by its draw's multiplier; NaN when the unit has no total under the
     * methodology's missing rule. A points index keeps its scale: perturbed maxima are rescaled to
     * add up to the same total.
     */
    public static double aggregate(Methodology m, double[] values, double[] base, double[] multipliers) {
        int k = values.length;
        double all = 0;
        double present = 0;
        double weighted = 0;
        double logs = 0;
        double baseSum = 0;
        double perturbedSum = 0;
        boolean zero = false;
        MissingRule rule = m.missingComponent();
        for (int c = 0; c < k; c++) {
            double w = base[c] * multipliers[c];
            baseSum += base[c];
            perturbedSum += w;
            all += w;
            double v = values[c];
            if (Double.isNaN(v)) {
                if (rule == MissingRule.INVALIDATE) {
                    return Double.NaN;
                }
                if (rule == MissingRule.ZERO) {
                    present += w;
                    zero = true;
                }
                continue;
            }
            present += w;
            weighted += w * v;
            if (v <= 0) {
                zero = true;
            } else {
                logs += w * Math.log(v);
            }
        }
        if (present == 0) {
            return Double.NaN;
        }
        double scale = m.aggregation() == Aggregation.SUM ? baseSum : m.scale().doubleValue();
        return switch (m.aggregation()) {
            // Σ (w'·s/Σw')·v over all components = scale·Σw'v/Σw' ; reweight: over the present ones
            case SUM, WEIGHTED_MEAN -> scale * weighted / (rule == MissingRule.REWEIGHT ? present : all);
            case GEOMETRIC_MEAN -> zero ? 0 : scale * Math.exp(logs / present);
        };
    }

    /** Competition ranks (1, 2, 2, 4) of scores, higher is better; scores within 1e-9 tie. */
    public static int[] competitionRanks(double[] scores) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int[] ranks = new int[n];
        for (int p = 0; p < n; p++) {
            int i = order[p];
            if (p > 0 && scores[order[p - 1]] - scores[i] <= 1e-9) {
                ranks[i] = ranks[order[p - 1]];
            } else {
                ranks[i] = p + 1;
            }
        }
        return ranks;
    }

    /** Nearest-rank quantile of sorted values. */
    static int quantile(int[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
