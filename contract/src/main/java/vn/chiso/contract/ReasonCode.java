package vn.chiso.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a row is quarantined: the {@code reason_code} of {@code ops/quarantine}, and the prefix of a
 * reader's parse error ({@code "MALFORMED_ROW: expected 14 fields, found 12"}). The code is the
 * constant's name, exactly as written to the lake.
 */
public enum ReasonCode {
    /** A required value is empty. */
    MISSING_VALUE,
    /** A value outside its vocabulary or range. */
    INVALID_VALUE,
    /** Text that is not a number. */
    INVALID_NUMBER,
    /** Text that is not a date. */
    INVALID_DATE,
    /** A number that does not fit its column exactly. */
    PRECISION_LOSS,
    /** Values of one record that contradict each other (a total below its parts). */
    INCONSISTENT_VALUES,
    /** A pending status with a resolved date. */
    INCONSISTENT_STATUS,
    /** A due date before the received date. */
    DUE_BEFORE_RECEIVED,
    /** A resolved date before the received date. */
    RESOLVED_BEFORE_RECEIVED,
    /** Neither an official province code nor a province's name. */
    UNKNOWN_PROVINCE,
    /** A unit that did not exist on the record's date (a merged province, an abolished district). */
    UNIT_NOT_VALID_ON_DATE,
    /** A province other than the one the file or its title names. */
    PROVINCE_MISMATCH,
    /** A survey question whose factor no codebook tells. */
    UNKNOWN_FACTOR,
    /** An index score column that is no component of the index. */
    UNKNOWN_COMPONENT,
    /** A row that cannot be split into the file's fields. */
    MALFORMED_ROW,
    /** Bytes that are not valid in the file's encoding. */
    ENCODING_ERROR,
    /** A totals row of a table, not a record. */
    TOTALS_ROW,
    /** A summary row of a published table (mean, median …), not a record. */
    SUMMARY_ROW,
    /** A row of a published table that is no record (below the table, no province). */
    NOT_A_RECORD,
    /** A value a published table gives twice, differently. */
    CONFLICTING_VALUE;

    /** The code as written to the lake. */
    public String code() {
        return name();
    }

    /** A reader's parse error for this reason: {@code "CODE: message"}. */
    public String problem(String message) {
        return name() + ": " + message;
    }

    public static Optional<ReasonCode> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }
}
