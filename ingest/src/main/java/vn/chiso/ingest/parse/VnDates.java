package vn.chiso.ingest.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as exports write them: {@code 25/05/2018}, {@code 25-5-2018}, {@code 25.5.2018},
 * with an optional time {@code 14:03}, {@code 14:03:59} or {@code 14h03}; ISO-like
 * {@code 2018-05-25}, {@code 2018-05-25 14:03}, {@code 2018-05-25T14:03:00}; and Excel serial
 * day numbers ({@code 43245}, {@code 43245,5833}), which an XLSX cell or a copy-paste can leave.
 */
public final class VnDates {

    private static final Pattern DMY = Pattern.compile(
            "^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})(?:[ T,]+(\\d{1,2})[:hg](\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?$");
    private static final Pattern YMD = Pattern.compile(
            "^(\\d{4})[/.-](\\d{1,2})[/.-](\\d{1,2})(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?(?:Z|[+-]\\d{2}:?\\d{2})?$");
    private static final Pattern SERIAL = Pattern.compile("^(\\d{5})(?:[.,](\\d+))?$");
    /** Day 0 of Excel's 1900 date system, past its 1900 leap-year bug (valid for serials ≥ 61). */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private VnDates() {}

    /** The date-time, or null when the text is none of the accepted spellings or not a real date. */
    public static LocalDateTime parse(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            Matcher m = DMY.matcher(s);
            if (m.matches()) {
                return at(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), m);
            }
            m = YMD.matcher(s);
            if (m.matches()) {
                return at(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m);
            }
            m = SERIAL.matcher(s);
            if (m.matches()) {
                return excelSerial(Long.parseLong(m.group(1)), m.group(2));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    public static LocalDate parseDate(String raw) {
        LocalDateTime t = parse(raw);
        return t == null ? null : t.toLocalDate();
    }

    private static LocalDateTime at(int year, int month, int day, Matcher m) {
        LocalDate date = LocalDate.of(year, month, day);
        if (m.group(4) == null) {
            return date.atStartOfDay();
        }
        int seconds = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        return date.atTime(LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), seconds));
    }

    private static LocalDateTime excelSerial(long days, String fraction) {
        LocalDateTime t = EXCEL_EPOCH.plusDays(days).atStartOfDay();
        if (fraction != null) {
            double f = Double.parseDouble("0." + fraction); // a fraction of a day, to the nearest second
            t = t.plusSeconds(Math.round(f * 86400));
        }
        return t;
    }
}
