package vn.chiso.transforms.methodology;

/** How children combine into their parent (COINr's "aggregate" step). */
public enum Aggregation {
    /** Sum of points; each child has its max points (the Vietnamese indices). */
    SUM("sum"),
    /** Weighted arithmetic mean of normalised values. */
    WEIGHTED_MEAN("weighted_mean"),
    /** Weighted geometric mean of normalised values (a zero child gives zero). */
    GEOMETRIC_MEAN("geometric_mean");

    private final String spelling;

    Aggregation(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
