package vn.chiso.transforms.robustness;

import java.util.SplittableRandom;

/**
 * Weight replications as COINr's get_noisy_weights: each weight is multiplied by 1 + U(−noise, +noise),
 * independently per component and draw. Draw {@code d} of an index is the same in every period
 * and universe (common random numbers), so intervals of different years are comparable.
 */
public final class NoisyWeights {

    private NoisyWeights() {}

    /** The multipliers of draw {@code d} (1-based) for {@code k} components. */
    public static double[] multipliers(long seed, String indexCode, int draw, int k, double noise) {
        SplittableRandom random = new SplittableRandom(Seeds.of(seed, "weights/" + indexCode, draw));
        double[] m = new double[k];
        for (int c = 0; c < k; c++) {
            m[c] = 1 + noise * (2 * random.nextDouble() - 1);
        }
        return m;
    }
}
