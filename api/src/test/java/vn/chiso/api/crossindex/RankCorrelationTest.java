package vn.chiso.api.crossindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Worked by hand; the same cases as transforms' CrossIndexTest, so both implementations agree. */
class RankCorrelationTest {

    @Test
    void tiedScoresShareTheMeanOfTheirPlaces() {
        assertThat(RankCorrelation.averageRanks(new double[] {10, 9, 9, 7, 5})).containsExactly(1, 2.5, 2.5, 4, 5);
        assertThat(RankCorrelation.averageRanks(new double[] {30, 50, 30, 30})).containsExactly(3, 1, 3, 3);
    }

    @Test
    void spearmanAndKendallWithTiesOnBothSides() {
        double[] a = {10, 9, 9, 7, 5};
        double[] b = {50, 40, 45, 30, 30};
        assertThat(RankCorrelation.spearman(a, b).getAsDouble()).isCloseTo(9 / 9.5, within(1e-12));
        assertThat(RankCorrelation.kendallTauB(a, b).getAsDouble()).isCloseTo(8 / 9.0, within(1e-12));
        double[] c = {10, 9, 9, 7};
        double[] d = {1, 2, 3, 4};
        assertThat(RankCorrelation.spearman(c, d).getAsDouble()).isCloseTo(-4.5 / Math.sqrt(22.5), within(1e-12));
        assertThat(RankCorrelation.kendallTauB(c, d).getAsDouble()).isCloseTo(-5 / Math.sqrt(30), within(1e-12));
    }

    @Test
    void perfectAgreementAndUndefinedCases() {
        assertThat(RankCorrelation.spearman(new double[] {3, 2, 1}, new double[] {30, 20, 10})
                        .getAsDouble())
                .isCloseTo(1, within(1e-12));
        assertThat(RankCorrelation.kendallTauB(new double[] {3, 2, 1}, new double[] {10, 20, 30})
                        .getAsDouble())
                .isCloseTo(-1, within(1e-12));
        assertThat(RankCorrelation.spearman(new double[] {5, 5, 5}, new double[] {1, 2, 3}))
                .isEmpty();
        assertThat(RankCorrelation.kendallTauB(new double[] {5, 5, 5}, new double[] {1, 2, 3}))
                .isEmpty();
        assertThat(RankCorrelation.spearman(new double[] {1}, new double[] {2})).isEmpty();
        assertThat(RankCorrelation.kendallTauB(new double[] {1}, new double[] {2}))
                .isEmpty();
    }
}
