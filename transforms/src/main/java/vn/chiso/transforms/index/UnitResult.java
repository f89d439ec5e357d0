package vn.chiso.transforms.index;

import java.math.BigDecimal;
import java.util.List;

/**
 * A unit's index result.
 *
 * @param total           the index score rounded as the methodology says (null: incomplete, not ranked)
 * @param exactTotal      before rounding
 * @param componentValues each component's normalised value (NaN: missing), in methodology order
 * @param componentBase   each component's base weight for aggregation (its max points, or its weight)
 */
public record UnitResult(
        UnitKey key,
        String version,
        BigDecimal total,
        BigDecimal exactTotal,
        String band,
        String status,
        List<NodeResult> nodes,
        double[] componentValues,
        double[] componentBase) {}
