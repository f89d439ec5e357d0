package vn.chiso.transforms.methodology;

import java.io.Serializable;

/**
 * Whether the index can be re-expressed on the 34 provinces of 1 July 2025 for periods before the
 * reform: {@code additive} (it is a ratio of counts, and counts can be summed over the merged
 * provinces) or {@code none} (the table says so, with {@code note}, instead of inventing a value).
 */
public record ReExpression(String rule, String note) implements Serializable {

    public static final String ADDITIVE = "additive";
    public static final String NONE = "none";

    public boolean additive() {
        return ADDITIVE.equals(rule);
    }
}
