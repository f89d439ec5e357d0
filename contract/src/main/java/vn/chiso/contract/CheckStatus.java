package vn.chiso.contract;

/** The {@code status} of an {@code ops/data_quality} row: whether any row failed the check. */
public enum CheckStatus {
    PASSED("passed"),
    FAILED("failed");

    private final String code;

    CheckStatus(String code) {
        this.code = code;
    }

    /** The status as written to the lake. */
    public String code() {
        return code;
    }

    public static CheckStatus of(long rowsFailed) {
        return rowsFailed == 0 ? PASSED : FAILED;
    }
}
