package vn.chiso.ingest.parse;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column header that states its unit in parentheses, as the ministry's report annexes write score
 * columns: {@code "Cải cách thể chế (11,5 điểm)"} (points, with the column's maximum),
 * {@code "Chỉ số (%)"} (a percentage). Such a column holds a score, whatever its name.
 *
 * @param name      the header without its unit
 * @param maxPoints the maximum stated in the header, or null when none is ("(%)", "(điểm)")
 * @param percent   true for a percentage column
 */
public record ScoreHeader(String name, BigDecimal maxPoints, boolean percent) {

    private static final Pattern UNIT = Pattern.compile(
            "^(.+?)\\s*\\(\\s*(?:(?:tối đa|max)\\s*)?([0-9][0-9.,]*)?\\s*(điểm|%)\\s*\\)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The header's name and unit, or null when it states no unit in parentheses at its end. */
    public static ScoreHeader parse(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = UNIT.matcher(VnText.nfc(header).strip());
        if (!m.matches()) {
            return null;
        }
        boolean percent = m.group(3).equals("%");
        BigDecimal max = m.group(2) == null || percent ? null : VnNumbers.decimal(m.group(2));
        return new ScoreHeader(m.group(1).strip(), max, percent);
    }
}
