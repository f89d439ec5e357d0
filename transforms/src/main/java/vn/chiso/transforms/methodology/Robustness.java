package vn.chiso.transforms.methodology;

import java.io.Serializable;

/**
 * Rank uncertainty analysis: {@code draws} Monte Carlo replications, each multiplying every
 * component weight by 1 + U(−noise, +noise) (COINr's get_noisy_weights) and, for survey inputs with
 * {@code bootstrap}, resampling respondents with replacement within each unit.
 */
public record Robustness(int draws, double weightNoise, long seed, boolean bootstrap) implements Serializable {

    public static final Robustness NONE = new Robustness(0, 0, 0, false);

    public boolean enabled() {
        return draws > 0;
    }

    public Robustness withNoise(double noise) {
        return new Robustness(draws, noise, seed, bootstrap);
    }

    public Robustness withDraws(int n) {
        return new Robustness(n, weightNoise, seed, bootstrap);
    }
}
