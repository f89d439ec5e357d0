package vn.chiso.contract;

import java.util.Arrays;
import java.util.Optional;

/** What an ingest did with one file: the {@code status} of {@code ops/reconciliation}. */
public enum FileOutcome {
    /** Read; its rows accepted or quarantined. */
    LOADED("loaded"),
    /** Same content as a file already ingested (or earlier in the batch): not read again. */
    SKIPPED_DUPLICATE("skipped_duplicate"),
    /** Not a file the ingest can read (unknown kind, unreadable): nothing loaded. */
    REJECTED("rejected"),
    /** A reference file (a codebook) the ingest reads for lookups, not as records. */
    REFERENCE("reference"),
    /** Another job is loading the same content: left to it. */
    SKIPPED_IN_PROGRESS("skipped_in_progress");

    private final String code;

    FileOutcome(String code) {
        this.code = code;
    }

    /** The status as written to the lake. */
    public String code() {
        return code;
    }

    public static Optional<FileOutcome> fromCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
    }
}
