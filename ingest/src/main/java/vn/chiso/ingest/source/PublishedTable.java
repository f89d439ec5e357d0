package vn.chiso.ingest.source;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.chiso.ingest.source.PublishedHeaders.Role;

/**
 * A summary table of a published index found at the top of a sheet: its header rows (one or two,
 * often English over Vietnamese, or a group row over the names), what each column holds, and the
 * year the header itself names. Two shapes are read alike: a wide table (one province column, one
 * column per component) and a league table (each component its own province and score pair, each
 * pair sorted by its own score), where a value belongs to the nearest province column on its left.
 *
 * @param headerLast index (in the sheet's rows) of the last header row; data rows follow it
 * @param year       the year the header names (the total's label first), or the file name's
 * @param yearNote   null when the header names the year; else why the file name's year was taken
 */
record PublishedTable(String sheet, int headerLast, List<Column> columns, String index, int year, String yearNote) {

    /** One column: its 0-based position, label (header rows joined), role and component code. */
    record Column(int position, String label, Role role, String code) {}

    private static final Pattern YEAR = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(?:,[0-9]+)?");
    /** A header row is at most this far from the top of the sheet. */
    static final int SCAN_ROWS = 12;

    static boolean numeric(String v) {
        return v != null && NUMBER.matcher(v.strip()).matches();
    }

    /** Columns holding province names (each one starts a league pair). */
    List<Integer> provinceColumns() {
        return columns.stream()
                .filter(c -> c.role() == Role.PROVINCE)
                .map(Column::position)
                .toList();
    }

    Column column(int position) {
        for (Column c : columns) {
            if (c.position() == position) {
                return c;
            }
        }
        return null;
    }

    /** The columns under a located header, the index its components name and whether it has the total. */
    private record HeaderColumns(List<Column> columns, String index, boolean total, List<String> unknown) {}

    /**
     * The summary table at the top of a sheet's rows, or null when the sheet has none (an
     * indicator sheet, a chart sheet): a table needs a province column and the index's total.
     *
     * @throws IllegalArgumentException when a column with numbers has a header that names nothing known
     */
    static PublishedTable locate(String fileName, String sheet, List<SourceRecord> rows, Integer yearInName) {
        int provinceRow = provinceRow(rows);
        if (provinceRow < 0) {
            return null;
        }
        int first = provinceRow;
        while (first > 0
                && first > provinceRow - 2
                && rows.get(first - 1).line() == rows.get(first).line() - 1
                && noNumbers(rows.get(first - 1))) {
            first--;
        }
        int last = provinceRow;
        while (last + 1 < rows.size()
                && rows.get(last + 1).line() == rows.get(last).line() + 1
                && noNumbers(rows.get(last + 1))) {
            last++;
        }
        if (last + 1 >= rows.size()) {
            return null; // no data under the header
        }
        HeaderColumns header = readColumns(rows, first, last);
        if (!header.total()) {
            return null; // not a summary table: an indicator sheet
        }
        if (!header.unknown().isEmpty()) {
            throw new IllegalArgumentException(fileName + "!" + sheet + ": " + String.join(", ", header.unknown())
                    + " hold numbers under a header that names no known column; add the name to "
                    + "ingest/published-table-headers.csv");
        }
        List<Column> columns = List.copyOf(header.columns());
        List<String> years = headerYears(fileName, sheet, columns);
        if (!years.isEmpty()) {
            return new PublishedTable(sheet, last, columns, header.index(), Integer.parseInt(years.get(0)), null);
        }
        if (yearInName == null) {
            throw new IllegalArgumentException(
                    fileName + "!" + sheet + ": neither the header nor the file name " + "names a year");
        }
        return new PublishedTable(
                sheet,
                last,
                columns,
                header.index(),
                yearInName,
                "year " + yearInName + " from the file name: the table's header names no year");
    }

    /** The first row (near the top) with a province header, or -1. */
    private static int provinceRow(List<SourceRecord> rows) {
        for (int i = 0; i < Math.min(rows.size(), SCAN_ROWS); i++) {
            for (String v : rows.get(i).values()) {
                PublishedHeaders.Term t = PublishedHeaders.classify(v);
                if (t != null && t.role() == Role.PROVINCE) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Reads what each column holds from header rows first..last and the first data row under them. */
    private static HeaderColumns readColumns(List<SourceRecord> rows, int first, int last) {
        List<String> firstData = rows.get(last + 1).values();
        int width = 0;
        for (int i = first; i <= last + 1; i++) {
            width = Math.max(width, rows.get(i).values().size());
        }
        List<Column> columns = new ArrayList<>();
        String index = null;
        boolean total = false;
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            Set<String> parts = labelParts(rows, first, last, c);
            String label = String.join(" | ", parts);
            String data = c < firstData.size() ? firstData.get(c) : "";
            PublishedHeaders.Term term = PublishedHeaders.classify(new ArrayList<>(parts));
            Role role;
            String code = null;
            if (term == null) {
                role = unnamedRole(label, data);
                if (!label.isEmpty() && numeric(data)) {
                    unknown.add("column " + letter(c) + " ('" + label + "')");
                }
            } else {
                role = term.role();
                code = term.code();
                if (role == Role.COMPONENT) {
                    index = term.index();
                    total |= code.equals("TOTAL");
                }
            }
            if (!label.isEmpty() || !data.isBlank()) {
                columns.add(new Column(c, label, role, code));
            }
        }
        return new HeaderColumns(columns, index, total, unknown);
    }

    /** The distinct non-blank header cells of one column, whitespace collapsed, top to bottom. */
    private static Set<String> labelParts(List<SourceRecord> rows, int first, int last, int c) {
        Set<String> parts = new LinkedHashSet<>();
        for (int i = first; i <= last; i++) {
            List<String> v = rows.get(i).values();
            if (c < v.size() && !v.get(c).isBlank()) {
                parts.add(v.get(c).strip().replaceAll("\\s+", " "));
            }
        }
        return parts;
    }

    /** The role of a column whose header names nothing known, told by its label and first value. */
    private static Role unnamedRole(String label, String data) {
        if (label.isEmpty() && !data.isBlank() && !numeric(data)) {
            return Role.PROVINCE; // a league pair's province column has no header
        }
        if (label.isEmpty() && numeric(data)) {
            return Role.ORDER; // an unnamed running number (1, 2, 3 …)
        }
        return Role.IGNORE; // numbers under an unknown header are reported; text (e.g. a tier in English) is not
    }

    /**
     * The years the header names: the total's own label first, then any header label (at most
     * one year); empty when none does.
     */
    private static List<String> headerYears(String fileName, String sheet, List<Column> columns) {
        List<String> years = new ArrayList<>();
        for (Column c : columns) {
            if ("TOTAL".equals(c.code())) {
                years.addAll(yearsIn(c.label()));
            }
        }
        if (years.isEmpty()) {
            for (Column c : columns) {
                for (String y : yearsIn(c.label())) {
                    if (!years.contains(y)) {
                        years.add(y);
                    }
                }
            }
            if (years.size() > 1) {
                throw new IllegalArgumentException(fileName + "!" + sheet + ": the header names years " + years
                        + " and its total none; cannot tell the table's year");
            }
        }
        return years;
    }

    private static List<String> yearsIn(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = YEAR.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static boolean noNumbers(SourceRecord r) {
        for (String v : r.values()) {
            if (numeric(v)) {
                return false;
            }
        }
        return true;
    }

    /** Excel's column letters: 0 → A, 26 → AA. */
    static String letter(int column) {
        StringBuilder s = new StringBuilder();
        int c = column + 1;
        while (c > 0) {
            int r = (c - 1) % 26;
            s.insert(0, (char) ('A' + r));
            c = (c - 1) / 26;
        }
        return s.toString();
    }
}
