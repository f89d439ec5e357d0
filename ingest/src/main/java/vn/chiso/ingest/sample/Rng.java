package vn.chiso.ingest.sample;

/**
 * SplitMix64: a tiny, fully specified generator, so that the same seed gives the same bytes on every
 * JVM (java.util.Random/SplittableRandom are not promised to stay the same). Transcendental functions
 * go through {@link StrictMath} for the same reason.
 */
final class Rng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    private Rng(long state) {
        this.state = state;
    }

    /** A generator keyed by a path of values (seed, purpose, province, year, ...). */
    static Rng of(long... keys) {
        long h = 0x243F6A8885A308D3L;
        for (long k : keys) {
            h = mix(h ^ mix(k + GOLDEN));
        }
        return new Rng(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound); bound must be positive. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [0, bound); bound must be positive. */
    long nextLong(long bound) {
        return Long.remainderUnsigned(nextLong(), bound);
    }

    double between(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal (Box-Muller, StrictMath). */
    double gaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** exp(N(0, sigma)), clamped to [lo, hi]. */
    double logNormal(double sigma, double lo, double hi) {
        return Math.max(lo, Math.min(hi, StrictMath.exp(sigma * gaussian())));
    }

    private static final int EXP_STEPS = 4096;
    /** -ln(1 - i / EXP_STEPS), built once with StrictMath: fast and the same on every JVM. */
    private static final double[] EXP_TABLE = new double[EXP_STEPS + 1];

    static {
        for (int i = 0; i < EXP_STEPS; i++) {
            EXP_TABLE[i] = -StrictMath.log(1.0 - (double) i / EXP_STEPS);
        }
        EXP_TABLE[EXP_STEPS] = EXP_TABLE[EXP_STEPS - 1] + StrictMath.log(2.0) * 2; // tail, capped
    }

    /** Exponential with the given mean (inverse CDF by table interpolation; the far tail is capped near 9.7 x mean). */
    double exponential(double mean) {
        double x = nextDouble() * EXP_STEPS;
        int i = (int) x;
        double f = x - i;
        return mean * (EXP_TABLE[i] + f * (EXP_TABLE[i + 1] - EXP_TABLE[i]));
    }
}
