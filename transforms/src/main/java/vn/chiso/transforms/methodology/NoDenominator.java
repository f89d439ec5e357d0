package vn.chiso.transforms.methodology;

/** A ratio indicator whose denominator is zero (nothing received, no petitions…). */
public enum NoDenominator {
    /** Percent 0 and no points: the portal's processing progress. */
    ZERO("zero"),
    /** Full points: the portal's petition metrics ("no petitions → full points"). */
    FULL("full"),
    /** No value: the portal's transparency metrics; the parent's missing rule decides. */
    MISSING("missing");

    private final String spelling;

    NoDenominator(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
