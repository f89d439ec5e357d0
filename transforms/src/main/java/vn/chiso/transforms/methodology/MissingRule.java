package vn.chiso.transforms.methodology;

/** What a parent does when a child has no value. */
public enum MissingRule {
    /** The child counts as zero (its max still counts): the portal's transparency group. */
    ZERO("zero"),
    /** The child is left out and the others' weights (or maxima) are scaled up to the whole. */
    REWEIGHT("reweight"),
    /** The parent has no value either: nothing is invented. */
    INVALIDATE("invalidate");

    private final String spelling;

    MissingRule(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
