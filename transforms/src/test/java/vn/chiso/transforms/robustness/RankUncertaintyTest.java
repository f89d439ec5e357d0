package vn.chiso.transforms.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.chiso.transforms.index.IndexEngine;
import vn.chiso.transforms.index.ReferenceData;
import vn.chiso.transforms.index.UnitResult;
import vn.chiso.transforms.methodology.Methodology;
import vn.chiso.transforms.methodology.MethodologyCatalog;

/** Rank intervals on the real PAPI 2024 compilation (61 provinces with every sub-dimension). */
class RankUncertaintyTest {

    private final Methodology papi2024 =
            MethodologyCatalog.bundled().forYear("papi", 2024).orElseThrow();
    private final List<UnitResult> nominal = IndexEngine.score(papi2024, ReferenceData.papiInputs(2024));

    @Test
    void competitionRanksTie() {
        assertArrayEquals(
                new int[] {1, 2, 2, 4, 4}, RankUncertainty.competitionRanks(new double[] {19.5, 18, 18, 17.25, 17.25}));
        assertArrayEquals(new int[] {3, 1, 2}, RankUncertainty.competitionRanks(new double[] {1, 3, 2}));
    }

    @Test
    void unperturbedWeightsGiveTheNominalTotal() {
        double[] ones = new double[papi2024.components().size()];
        java.util.Arrays.fill(ones, 1);
        for (UnitResult r : nominal) {
            if (r.total() != null) {
                assertEquals(
                        r.exactTotal().doubleValue(),
                        RankUncertainty.aggregate(papi2024, r.componentValues(), r.componentBase(), ones),
                        1e-9,
                        r.key().unitCode());
            }
        }
    }

    private Map<String, RankInterval> simulate(double noise, long seed) {
        Methodology m =
                papi2024.withRobustness(papi2024.robustness().withNoise(noise).withDraws(1000));
        m = m.withRobustness(new vn.chiso.transforms.methodology.Robustness(1000, noise, seed, false));
        return RankUncertainty.simulate(m, nominal, null);
    }

    static double meanWidth(Map<String, RankInterval> intervals) {
        return intervals.values().stream()
                .mapToInt(i -> i.high() - i.low())
                .average()
                .orElseThrow();
    }

    @Test
    void intervalsAreStableWithAFixedSeedAndWidenWithMoreNoise() {
        Map<String, RankInterval> a = simulate(0.25, 7);
        assertEquals(a, simulate(0.25, 7), "same seed, same intervals");
        assertEquals(61, a.size(), "P17 Vĩnh Phúc and P52 Tiền Giang lack 2024 data: not ranked");
        assertNotEquals(a, simulate(0.25, 8), "another seed draws other weights");

        double none = meanWidth(simulate(0.0, 7));
        double small = meanWidth(simulate(0.1, 7));
        double medium = meanWidth(simulate(0.25, 7));
        double large = meanWidth(simulate(0.5, 7));
        System.out.printf(
                "PAPI 2024, 1000 draws: mean 5–95%% rank interval width %.2f (±0), %.2f (±10%%), "
                        + "%.2f (±25%%), %.2f (±50%%)%n",
                none, small, medium, large);
        assertEquals(0.0, none, "no noise: every draw is the nominal ranking");
        assertTrue(small < medium && medium < large, small + " < " + medium + " < " + large);
        // a seed changes the widths only a little
        assertEquals(medium, meanWidth(simulate(0.25, 99)), 0.5);
        for (RankInterval i : a.values()) {
            assertTrue(i.low() <= i.median() && i.median() <= i.high() && i.draws() == 1000);
        }
    }

    @Test
    void weightDrawsDependOnlyOnSeedIndexAndDraw() {
        double[] a = NoisyWeights.multipliers(4, "papi", 17, 8, 0.25);
        assertArrayEquals(a, NoisyWeights.multipliers(4, "papi", 17, 8, 0.25));
        for (double m : a) {
            assertTrue(m >= 0.75 && m <= 1.25);
        }
        assertNotEquals(a[0], NoisyWeights.multipliers(4, "papi", 18, 8, 0.25)[0]);
    }
}
