package vn.chiso.transforms.methodology;

/**
 * How an indicator's raw value becomes a normalised value (0–1) and points (COINr's "normalise"
 * step, plus the point rules of Vietnamese indices).
 */
public enum Method {
    /** The input is already points (e.g. an official area score); normalised = points ÷ max. */
    POINTS("points"),
    /**
     * Percent = 100 × numerator ÷ denominator (or a percent as given); points = max × min(percent,
     * full_at) ÷ full_at. The national portal's rule, with its rounding and zero-denominator rules.
     */
    RATIO("ratio"),
    /** The source's own points, used because the rule that produced them is not known. */
    AS_PUBLISHED("as_published"),
    /** (x − min) ÷ (max − min) across the units of the period. */
    MIN_MAX("min_max"),
    /** mean + sd × (x − mean of units) ÷ (sample sd of units); parameters mean 0, sd 1 by default. */
    Z_SCORE("z_score"),
    /** (x − low) ÷ (high − low), clamped to 0–1: fixed goalposts. */
    GOALPOSTS("goalposts"),
    /** (x − min) ÷ (target − min), clamped to 0–1: distance to a target. */
    DISTANCE_TO_TARGET("distance_to_target"),
    /** Share of the other units with a lower value (0 worst, 1 best). */
    RANK("rank");

    private final String spelling;

    Method(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    /** Methods whose result depends on the other units of the period. */
    public boolean relative() {
        return this == MIN_MAX || this == Z_SCORE || this == DISTANCE_TO_TARGET || this == RANK;
    }
}
