package vn.chiso.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codes the enums write to the lake are the strings tests, notebooks, dashboards and the API read. */
class LakeCodesTest {

    @Test
    void fileOutcomesAreReconciliationStatuses() {
        assertEquals(
                List.of("loaded", "skipped_duplicate", "rejected", "reference", "skipped_in_progress"),
                Arrays.stream(FileOutcome.values()).map(FileOutcome::code).toList());
        assertEquals(
                FileOutcome.SKIPPED_DUPLICATE,
                FileOutcome.fromCode("skipped_duplicate").orElseThrow());
    }

    @Test
    void reasonCodesAreTheirNamesAndPrefixAParseError() {
        assertEquals("UNIT_NOT_VALID_ON_DATE", ReasonCode.UNIT_NOT_VALID_ON_DATE.code());
        assertEquals(
                "MALFORMED_ROW: expected 14 fields, found 3",
                ReasonCode.MALFORMED_ROW.problem("expected 14 fields, found 3"));
        assertEquals(ReasonCode.TOTALS_ROW, ReasonCode.fromCode("TOTALS_ROW").orElseThrow());
        assertTrue(ReasonCode.fromCode("missing_value").isEmpty(), "codes are upper case");
    }

    @Test
    void aCheckFailsWhenAnyRowFails() {
        assertEquals("passed", CheckStatus.of(0).code());
        assertEquals("failed", CheckStatus.of(3).code());
    }
}
