package vn.chiso.ingest.parse;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period with gold's spelling ({@code 2024}, {@code 2024-H1}, {@code 2024-Q3},
 * {@code 2024-08}) and its first and last day, parsed from how reports name it:
 * "Năm 2024", "Quý II/2024", "Q2 2024", "6 tháng đầu năm 2024", "Tháng 5/2024", "T05-2024",
 * "05/2024", "2024-05", or a date range that covers exactly one month, quarter, half or year.
 */
public record ReportingPeriod(String type, String label, LocalDate start, LocalDate end) implements Serializable {

    public static final String YEAR = "year";
    public static final String HALF = "half";
    public static final String QUARTER = "quarter";
    public static final String MONTH = "month";

    private static final String Y = "((?:19|20)\\d{2})";
    private static final Pattern[] MONTHS = {
        Pattern.compile("^(?:thang|t|month)\\s*(\\d{1,2})\\s*(?:nam)?\\s*" + Y + "$"),
        Pattern.compile("^(\\d{1,2})\\s+" + Y + "$"),
        Pattern.compile("^" + Y + "\\s+(\\d{1,2})$"),
    };
    private static final Pattern QUARTER_P =
            Pattern.compile("^(?:quy|q|quarter)\\s*(i{1,3}|iv|[1-4])\\s*(?:nam)?\\s*" + Y + "$");
    private static final Pattern QUARTER_ISO = Pattern.compile("^" + Y + "\\s*q\\s*([1-4])$");
    private static final Pattern HALF_P =
            Pattern.compile("^(?:6 thang|sau thang)\\s*(dau|cuoi)?\\s*(?:nam)?\\s*" + Y + "$");
    private static final Pattern HALF_ISO = Pattern.compile("^(?:" + Y + "\\s*h\\s*([12])|h\\s*([12])\\s*" + Y + ")$");
    private static final Pattern YEAR_P = Pattern.compile("^(?:nam|year)?\\s*" + Y + "$");

    public int year() {
        return start.getYear();
    }

    public static ReportingPeriod year(int year) {
        return new ReportingPeriod(YEAR, String.valueOf(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public static ReportingPeriod half(int year, int half) {
        LocalDate start = LocalDate.of(year, half == 1 ? 1 : 7, 1);
        return new ReportingPeriod(
                HALF, year + "-H" + half, start, start.plusMonths(6).minusDays(1));
    }

    public static ReportingPeriod quarter(int year, int quarter) {
        LocalDate start = LocalDate.of(year, 3 * quarter - 2, 1);
        return new ReportingPeriod(
                QUARTER, year + "-Q" + quarter, start, start.plusMonths(3).minusDays(1));
    }

    public static ReportingPeriod month(int year, int month) {
        LocalDate start = LocalDate.of(year, month, 1);
        return new ReportingPeriod(
                MONTH,
                String.format("%04d-%02d", year, month),
                start,
                start.plusMonths(1).minusDays(1));
    }

    /** The period named by the text, or null. */
    public static ReportingPeriod parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        // "Tháng 5/2024" → "thang 5 2024"; "2024-Q3" → "2024 q3"
        String s = VnText.words(raw);
        try {
            Matcher m = QUARTER_P.matcher(s);
            if (m.matches()) {
                return quarter(Integer.parseInt(m.group(2)), roman(m.group(1)));
            }
            m = QUARTER_ISO.matcher(s);
            if (m.matches()) {
                return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            m = HALF_P.matcher(s);
            if (m.matches()) {
                return half(Integer.parseInt(m.group(2)), "cuoi".equals(m.group(1)) ? 2 : 1);
            }
            m = HALF_ISO.matcher(s);
            if (m.matches()) {
                return m.group(1) != null
                        ? half(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                        : half(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(3)));
            }
            for (int i = 0; i < MONTHS.length; i++) {
                m = MONTHS[i].matcher(s);
                if (m.matches()) {
                    boolean yearFirst = i == 2;
                    int month = Integer.parseInt(m.group(yearFirst ? 2 : 1));
                    int year = Integer.parseInt(m.group(yearFirst ? 1 : 2));
                    return month >= 1 && month <= 12 ? month(year, month) : null;
                }
            }
            m = YEAR_P.matcher(s);
            if (m.matches()) {
                return year(Integer.parseInt(m.group(1)));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The period a from–to range covers exactly, or null if it is not a whole month, quarter, half or year. */
    public static ReportingPeriod ofRange(LocalDate from, LocalDate to) {
        if (from == null || to == null || from.getDayOfMonth() != 1 || from.getYear() != to.getYear()) {
            return null;
        }
        int months = to.getMonthValue() - from.getMonthValue() + 1;
        if (!to.equals(from.plusMonths(months).minusDays(1))) {
            return null;
        }
        int m = from.getMonthValue();
        if (months == 1) {
            return month(from.getYear(), m);
        } else if (months == 3 && (m - 1) % 3 == 0) {
            return quarter(from.getYear(), (m - 1) / 3 + 1);
        } else if (months == 6 && (m == 1 || m == 7)) {
            return half(from.getYear(), m == 1 ? 1 : 2);
        } else if (months == 12) {
            return year(from.getYear());
        }
        return null;
    }

    /** Finds a period inside free text such as a report's title: "BÁO CÁO ... QUÝ II NĂM 2024". */
    public static ReportingPeriod find(String text) {
        if (text == null) {
            return null;
        }
        String s = VnText.words(text);
        Pattern[] patterns = {
            Pattern.compile("(6 thang (?:dau |cuoi )?(?:nam )?" + Y + ")"),
            Pattern.compile("((?:quy) (?:i{1,3}|iv|[1-4]) (?:nam )?" + Y + ")"),
            Pattern.compile("((?:thang) \\d{1,2} (?:nam )?" + Y + ")"),
            Pattern.compile("((?:nam) " + Y + ")"),
        };
        for (Pattern p : patterns) {
            Matcher m = p.matcher(s);
            if (m.find()) {
                ReportingPeriod period = parse(m.group(1));
                if (period != null) {
                    return period;
                }
            }
        }
        return null;
    }

    private static int roman(String q) {
        return switch (q) {
            case "i" -> 1;
            case "ii" -> 2;
            case "iii" -> 3;
            case "iv" -> 4;
            default -> Integer.parseInt(q);
        };
    }
}
