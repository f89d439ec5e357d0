package vn.chiso.api.briefs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import vn.chiso.api.indices.IndexScore;
import vn.chiso.briefs.model.NextPoint;
import vn.chiso.briefs.model.NextPoints;

/**
 * Where an index's next points are, from the province's component rows of gold/index_scores: the
 * index points one point of a component brings is its contribution ÷ its score (the methodology's
 * weight as the engine applied it: 1 for a sum of points, w for a weighted sum, 1/n for a mean),
 * or its weight when the score is 0.
 */
final class NextPointsCalculator {

    private static final int SCALE = 6;

    /** A target above the province's total: a score to exceed (the province above) or to reach (a band). */
    record Target(String name, BigDecimal score, boolean strictlyAbove) {}

    private NextPointsCalculator() {}

    static NextPoints compute(List<IndexScore> components, BigDecimal total, Target above, Target band) {
        BigDecimal gapAbove = above == null ? null : gap(total, above);
        BigDecimal gapBand = band == null ? null : gap(total, band);
        List<NextPoint> rows = components.stream()
                .filter(c -> c.score() != null && c.maxPoints() != null)
                .map(c -> row(c, gapAbove, gapBand))
                .sorted(Comparator.comparing(NextPoint::perPoint)
                        .reversed()
                        .thenComparing(Comparator.comparing(NextPoint::weightedAvailable)
                                .reversed())
                        .thenComparing(NextPoint::code))
                .toList();
        return new NextPoints(
                above == null ? null : above.name(),
                gapAbove,
                band == null ? null : band.name(),
                band == null ? null : band.score(),
                gapBand,
                rows);
    }

    /** Index points still needed: to reach a band's floor, or to exceed a score by the total's last digit. */
    static BigDecimal gap(BigDecimal total, Target target) {
        BigDecimal gap = target.score().subtract(total);
        if (target.strictlyAbove()) {
            gap = gap.add(BigDecimal.ONE.movePointLeft(
                    Math.max(total.scale(), target.score().scale())));
        }
        return gap.max(BigDecimal.ZERO);
    }

    private static NextPoint row(IndexScore c, BigDecimal gapAbove, BigDecimal gapBand) {
        BigDecimal available = c.maxPoints().subtract(c.score()).max(BigDecimal.ZERO);
        BigDecimal perPoint = perPoint(c);
        return new NextPoint(
                c.nodeCode(),
                c.nodeName(),
                c.score(),
                c.maxPoints(),
                available,
                perPoint,
                available.multiply(perPoint),
                needed(c, perPoint, gapAbove),
                needed(c, perPoint, gapBand));
    }

    static BigDecimal perPoint(IndexScore c) {
        if (c.contribution() != null && c.score().signum() != 0) {
            return c.contribution()
                    .divide(c.score(), SCALE, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
        }
        return c.weight() == null ? BigDecimal.ONE : c.weight().stripTrailingZeros();
    }

    /** The component score that alone closes {@code gap}, rounded up to two decimals; null if above its maximum. */
    private static BigDecimal needed(IndexScore c, BigDecimal perPoint, BigDecimal gap) {
        if (gap == null || perPoint.signum() <= 0) {
            return null;
        }
        BigDecimal score = c.score().add(gap.divide(perPoint, 2, RoundingMode.CEILING));
        return score.compareTo(c.maxPoints()) > 0 ? null : score;
    }
}
