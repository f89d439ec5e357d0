package vn.chiso.ingest.sample;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Days from 1 January of the first year to 31 December of the last covered year, indexed from 0, with
 * Vietnam's working days (Monday to Friday except public holidays: New Year, Tết, Hùng Kings, 30/4, 1/5,
 * National Day) and the pre-formatted date text the CSV needs. Times are minutes from day 0, 00:00.
 */
final class WorkCalendar {

    static final int MINUTES_PER_DAY = 1440;
    /** Office hours of one-stop shops: 07:30-11:30 and 13:30-17:00. */
    static final int OPEN = 7 * 60 + 30;

    static final int NOON_CLOSE = 11 * 60 + 30;
    static final int NOON_OPEN = 13 * 60 + 30;
    static final int CLOSE = 17 * 60;

    static final byte WORKDAY = 0;
    static final byte SATURDAY = 1;
    static final byte SUNDAY = 2;
    static final byte HOLIDAY = 3;

    /** First day of the lunar new year; the holiday runs from two days before to four days after. */
    private static final int[][] TET = {
        {2015, 2, 19}, {2016, 2, 8}, {2017, 1, 28}, {2018, 2, 16}, {2019, 2, 5}, {2020, 1, 25},
        {2021, 2, 12}, {2022, 2, 1}, {2023, 1, 22}, {2024, 2, 10}, {2025, 1, 29}, {2026, 2, 17},
        {2027, 2, 6}, {2028, 1, 26}
    };
    /** Hùng Kings' commemoration (10th day of the 3rd lunar month). */
    private static final int[][] HUNG_KINGS = {
        {2015, 4, 28}, {2016, 4, 16}, {2017, 4, 6}, {2018, 4, 25}, {2019, 4, 14}, {2020, 4, 2},
        {2021, 4, 21}, {2022, 4, 10}, {2023, 4, 29}, {2024, 4, 18}, {2025, 4, 7}, {2026, 4, 26},
        {2027, 4, 16}, {2028, 4, 5}
    };

    static final int MIN_YEAR = TET[0][0];
    static final int MAX_YEAR = TET[TET.length - 1][0];

    final int firstYear;
    final int lastYear;
    final int days;
    final LocalDate origin;
    private final byte[] kind;
    private final int[] yearStart;
    /** Index into {@link #workDays} of the first working day on or after each day (size days + 1). */
    private final int[] workIndexOnOrAfter;

    private final int[] workDays;
    /** "dd/MM/yyyy" per day, 10 bytes each. */
    private final byte[] dmy;
    /** "yyMMdd" per day, 6 bytes each. */
    private final byte[] ymd;

    WorkCalendar(int firstYear, int lastYear) {
        if (firstYear < MIN_YEAR || lastYear > MAX_YEAR || firstYear > lastYear) {
            throw new IllegalArgumentException("calendar covers " + MIN_YEAR + "-" + MAX_YEAR);
        }
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        this.origin = LocalDate.of(firstYear, 1, 1);
        LocalDate end = LocalDate.of(lastYear + 1, 1, 1);
        this.days = (int) (end.toEpochDay() - origin.toEpochDay());
        Set<LocalDate> holidays = holidays(firstYear, lastYear);
        kind = new byte[days];
        dmy = new byte[days * 10];
        ymd = new byte[days * 6];
        yearStart = new int[lastYear - firstYear + 2];
        int[] work = new int[days];
        int workCount = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = origin.plusDays(d);
            if (date.getDayOfYear() == 1) {
                yearStart[date.getYear() - firstYear] = d;
            }
            DayOfWeek dow = date.getDayOfWeek();
            if (holidays.contains(date)) {
                kind[d] = HOLIDAY;
            } else if (dow == DayOfWeek.SATURDAY) {
                kind[d] = SATURDAY;
            } else if (dow == DayOfWeek.SUNDAY) {
                kind[d] = SUNDAY;
            } else {
                kind[d] = WORKDAY;
                work[workCount++] = d;
            }
            String dd = two(date.getDayOfMonth());
            String mm = two(date.getMonthValue());
            String text = dd + "/" + mm + "/" + date.getYear();
            System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, dmy, d * 10, 10);
            String compact = two(date.getYear() % 100) + mm + dd;
            System.arraycopy(compact.getBytes(StandardCharsets.US_ASCII), 0, ymd, d * 6, 6);
        }
        yearStart[lastYear - firstYear + 1] = days;
        workDays = java.util.Arrays.copyOf(work, workCount);
        workIndexOnOrAfter = new int[days + 1];
        int next = workCount;
        for (int d = days; d >= 0; d--) {
            if (d < days && kind[d] == WORKDAY) {
                next--;
            }
            workIndexOnOrAfter[d] = next;
        }
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static Set<LocalDate> holidays(int firstYear, int lastYear) {
        Set<LocalDate> set = new HashSet<>();
        for (int y = firstYear; y <= lastYear; y++) {
            set.add(LocalDate.of(y, 1, 1));
            set.add(LocalDate.of(y, 4, 30));
            set.add(LocalDate.of(y, 5, 1));
            set.add(LocalDate.of(y, 9, 2));
            if (y >= 2021) {
                set.add(LocalDate.of(y, 9, 3)); // two days for National Day since 2021
            }
        }
        for (int[] t : TET) {
            if (t[0] >= firstYear && t[0] <= lastYear) {
                LocalDate first = LocalDate.of(t[0], t[1], t[2]);
                for (int i = -2; i <= 4; i++) {
                    set.add(first.plusDays(i));
                }
            }
        }
        for (int[] h : HUNG_KINGS) {
            if (h[0] >= firstYear && h[0] <= lastYear) {
                set.add(LocalDate.of(h[0], h[1], h[2]));
            }
        }
        return set;
    }

    byte kind(int day) {
        return kind[day];
    }

    int yearStart(int year) {
        return yearStart[year - firstYear];
    }

    int yearLength(int year) {
        return yearStart[year - firstYear + 1] - yearStart[year - firstYear];
    }

    LocalDate date(int day) {
        return origin.plusDays(day);
    }

    /** Index (into the working-day list) of the first working day on or after {@code day}. */
    int workIndexOnOrAfter(int day) {
        return workIndexOnOrAfter[Math.min(day, days)];
    }

    /**
     * The working day with the given index. Past the end of the table the days continue at 7/5 calendar
     * days per working day: only ever used for instants after the snapshot, which are never printed.
     */
    int workDay(int index) {
        if (index < workDays.length) {
            return workDays[index];
        }
        return days + (index - workDays.length) * 7 / 5 + 1;
    }

    void writeDate(CsvOut out, int day) {
        out.put(dmy, day * 10, 10);
    }

    void writeCompactDate(CsvOut out, int day) {
        out.put(ymd, day * 6, 6);
    }

    /** Writes {@code dd/MM/yyyy HH:mm} for a minute count from day 0. */
    void writeDateTime(CsvOut out, int minutes) {
        int day = minutes / MINUTES_PER_DAY;
        int m = minutes - day * MINUTES_PER_DAY;
        if (day >= days) {
            throw new IllegalStateException("instant beyond the calendar: day " + day);
        }
        writeDate(out, day);
        out.put((byte) ' ');
        out.twoDigits(m / 60);
        out.put((byte) ':');
        out.twoDigits(m % 60);
    }
}
