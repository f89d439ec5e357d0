package vn.chiso.transforms.methodology;

import java.io.Serializable;
import java.math.BigDecimal;

/** A grouping band on the index score: {@code min ≤ score < below} (no upper bound when below is null). */
public record Band(String code, BigDecimal min, BigDecimal below) implements Serializable {

    public boolean contains(BigDecimal score) {
        return score.compareTo(min) >= 0 && (below == null || score.compareTo(below) < 0);
    }
}
