package vn.chiso.ingest.source;

import java.util.List;

/**
 * One record as read from a file of any format: its values in column order (for JSON, in the
 * order of {@code names}), the row or line a person would look for it at (1-based), its raw
 * text, and the sheet it came from (XLSX only).
 */
public record SourceRecord(List<String> values, long line, String rawText, String sheet, List<String> names) {

    public SourceRecord(List<String> values, long line, String rawText, String sheet) {
        this(values, line, rawText, sheet, null);
    }

    public boolean blank() {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
