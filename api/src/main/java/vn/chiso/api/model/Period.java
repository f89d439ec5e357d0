package vn.chiso.api.model;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period as the gold tables write it: {@code 2024} (year), {@code 2024-H1} (half year),
 * {@code 2024-Q3} (quarter) or {@code 2024-08} (month).
 */
public record Period(String code, PeriodType type, int year, YearMonth lastMonth) implements Comparable<Period> {

    private static final Pattern SYNTAX = Pattern.compile("(\\d{4})(?:-H([12])|-Q([1-4])|-(0[1-9]|1[0-2]))?");

    /** Later end is later; at the same end the longer period wins (2024 after 2024-H2, 2024-Q4, 2024-12). */
    private static final Comparator<Period> ORDER =
            Comparator.comparing(Period::lastMonth).thenComparing(p -> p.type().months());

    public static Optional<Period> parse(String text) {
        Matcher m = text == null ? null : SYNTAX.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return Optional.of(
                    new Period(text, PeriodType.HALF, year, YearMonth.of(year, Integer.parseInt(m.group(2)) * 6)));
        }
        if (m.group(3) != null) {
            return Optional.of(
                    new Period(text, PeriodType.QUARTER, year, YearMonth.of(year, Integer.parseInt(m.group(3)) * 3)));
        }
        if (m.group(4) != null) {
            return Optional.of(
                    new Period(text, PeriodType.MONTH, year, YearMonth.of(year, Integer.parseInt(m.group(4)))));
        }
        return Optional.of(new Period(text, PeriodType.YEAR, year, YearMonth.of(year, 12)));
    }

    /** For periods read from the lake, where a malformed one is a pipeline bug. */
    public static Period of(String text) {
        return parse(text)
                .orElseThrow(() ->
                        new IllegalStateException("period '" + text + "' is not yyyy, yyyy-Hn, yyyy-Qn or yyyy-MM"));
    }

    @Override
    public int compareTo(Period other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return code;
    }
}
