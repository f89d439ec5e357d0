package vn.chiso.ingest.source;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.chiso.ingest.parse.Provinces;
import vn.chiso.ingest.parse.VnText;
import vn.chiso.ingest.source.PublishedHeaders.Role;
import vn.chiso.ingest.source.PublishedTable.Column;

/**
 * The records of a workbook of published index results (VCCI's PCI summary sheets): one record per
 * published score (province × component × year, the rank on the total), in the long form the
 * index_scores path reads ({@code index, year, province, component, score, rank, source}), with
 * the cell it came from ({@code _cell}, {@code _province_cell}: {@code file!sheet!C64}).
 *
 * <p>Rows that are not records are records with a problem, so they are counted and quarantined:
 * a statistic row (MIN, MAX) is {@code SUMMARY_ROW}, a row below the table (after its first blank
 * row: a lookup repeating one province with its ranks, medians …) {@code NOT_A_RECORD}. The same
 * score published in two tables of the workbook (2005: the ranking sheet and the summary) is one
 * record naming both cells; two different values for it are {@code CONFLICTING_VALUE}.
 */
public final class PublishedTableReader {

    /** One record: its fields, or the problem ("REASON: message") that makes it no record. */
    public record Record(String sheet, long line, Map<String, String> fields, String rawText, String problem) {}

    public static final String HINT = "layout";
    public static final String LAYOUT = "published_table";

    private PublishedTableReader() {}

    /** The summary tables among the first rows of each sheet (what the probe sees). */
    public static List<PublishedTable> tables(
            String fileName, Map<String, List<SourceRecord>> sheets, Integer yearInName) {
        List<PublishedTable> tables = new ArrayList<>();
        sheets.forEach((sheet, rows) -> {
            PublishedTable t = PublishedTable.locate(fileName, sheet, rows, yearInName);
            if (t != null) {
                tables.add(t);
            }
        });
        return tables;
    }

    /** Every record of the workbook's summary tables, in sheet and row order. */
    public static List<Record> read(String fileName, RecordReader in, Integer yearInName) throws IOException {
        Map<String, List<SourceRecord>> sheets = new LinkedHashMap<>();
        SourceRecord r;
        while ((r = in.next()) != null) {
            sheets.computeIfAbsent(r.sheet() == null ? "" : r.sheet(), k -> new ArrayList<>())
                    .add(r);
        }
        List<Record> out = new ArrayList<>();
        Map<String, Record> byKey = new LinkedHashMap<>();
        Map<String, String[]> ranks = new LinkedHashMap<>();
        for (Map.Entry<String, List<SourceRecord>> sheet : sheets.entrySet()) {
            PublishedTable t = PublishedTable.locate(fileName, sheet.getKey(), sheet.getValue(), yearInName);
            if (t != null) {
                readTable(fileName, t, sheet.getValue(), out, byKey, ranks);
            }
        }
        // the published rank goes on the total
        ranks.forEach((key, rank) -> {
            Record total = byKey.get(key + "|TOTAL");
            if (total != null && !total.fields().containsKey("rank")) {
                total.fields().put("rank", rank[0]);
                total.fields().put("_rank_cell", rank[1]);
            }
        });
        return out;
    }

    private static void readTable(
            String file,
            PublishedTable t,
            List<SourceRecord> rows,
            List<Record> out,
            Map<String, Record> byKey,
            Map<String, String[]> ranks) {
        new TableReading(file, t, out, byKey, ranks).read(rows);
    }

    /** One summary table being read: its records go to the workbook's out, byKey and ranks. */
    private static final class TableReading {
        private final String file;
        private final PublishedTable t;
        private final List<Record> out;
        private final Map<String, Record> byKey;
        private final Map<String, String[]> ranks;
        private final String where;
        private final String source;
        private final List<Integer> provinceColumns;
        private final Column order;
        private final List<String[]> totalsInOrder = new ArrayList<>(); // key, order number, score

        TableReading(
                String file,
                PublishedTable t,
                List<Record> out,
                Map<String, Record> byKey,
                Map<String, String[]> ranks) {
            this.file = file;
            this.t = t;
            this.out = out;
            this.byKey = byKey;
            this.ranks = ranks;
            this.where = file + "!" + t.sheet() + "!";
            // the publisher, not the file: a table two workbooks carry (PCI 2013 in the 2015 and 2016 ones)
            // is one figure per province; the file and cell stay in each row's lineage
            this.source = PublishedHeaders.publisher(t.index()) + " " + t.index() + " workbook"
                    + (t.yearNote() == null ? "" : " (" + t.yearNote() + ")");
            this.provinceColumns = t.provinceColumns();
            this.order = t.columns().stream()
                    .filter(c -> c.role() == Role.ORDER)
                    .findFirst()
                    .orElse(null);
        }

        void read(List<SourceRecord> rows) {
            boolean inTable = true;
            long previous = rows.get(t.headerLast()).line();
            for (int i = t.headerLast() + 1; i < rows.size(); i++) {
                SourceRecord row = rows.get(i);
                String raw = "[" + t.sheet() + "] " + VnText.nfc(row.rawText());
                inTable &= row.line() == previous + 1;
                previous = row.line();
                String problem = inTable
                        ? notAProvinceRow(row)
                        : "NOT_A_RECORD: row " + row.line() + " lies below the table of " + file + "!" + t.sheet()
                                + " (after its first blank row), not a province's scores";
                if (problem != null) {
                    out.add(problem(t, row, raw, problem));
                    continue;
                }
                String orderNumber = order == null ? "" : cell(row.values(), order.position());
                for (int k = 0; k < provinceColumns.size(); k++) {
                    readProvince(row, k, orderNumber);
                }
            }
            boolean explicitRank = t.columns().stream().anyMatch(c -> c.role() == Role.RANK);
            if (!explicitRank && order != null && descending(totalsInOrder)) {
                rankByRunningNumber();
            }
        }

        /** Why a row inside the table is no record (a statistic, no province), or null. */
        private String notAProvinceRow(SourceRecord row) {
            String statistic = null;
            boolean anyProvince = false;
            for (int p : provinceColumns) {
                String name = cell(row.values(), p);
                anyProvince |= !name.isEmpty();
                if (!name.isEmpty() && PublishedHeaders.isStatistic(name)) {
                    statistic = name;
                }
            }
            if (statistic != null) {
                return "SUMMARY_ROW: '" + statistic + "' row " + where + row.line() + " is a statistic of the table";
            }
            return anyProvince ? null : "NOT_A_RECORD: row " + where + row.line() + " names no province";
        }

        /**
         * The scores and rank of the k-th province column of a row: in a wide table every column,
         * in a league table the columns up to the next province column.
         */
        private void readProvince(SourceRecord row, int k, String orderNumber) {
            List<String> v = row.values();
            int p = provinceColumns.get(k);
            String name = cell(v, p);
            if (name.isEmpty()) {
                return;
            }
            boolean wide = provinceColumns.size() == 1;
            int from = wide ? 0 : p + 1;
            int to = wide || k + 1 == provinceColumns.size() ? Integer.MAX_VALUE : provinceColumns.get(k + 1);
            String key = t.year() + "|" + provinceKey(name, t.year());
            for (Column c : t.columns()) {
                if (c.position() < from || c.position() >= to) {
                    continue;
                }
                String value = cell(v, c.position());
                String cellRef = where + PublishedTable.letter(c.position()) + row.line();
                if (value.isEmpty()) {
                    continue;
                }
                if (c.role() == Role.RANK) {
                    ranks.putIfAbsent(key, new String[] {value, cellRef});
                } else if (c.role() == Role.COMPONENT) {
                    String score = PublishedTable.numeric(value) ? exact(value) : value;
                    add(score(row, p, name, c, value, score, cellRef), key + "|" + c.code(), out, byKey);
                    if (c.code().equals("TOTAL")) {
                        totalsInOrder.add(new String[] {key, orderNumber, score});
                    }
                }
            }
        }

        /** The record of one published score, with the cells of its value and its province. */
        private Record score(SourceRecord row, int p, String name, Column c, String value, String score, String at) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("index", t.index());
            f.put("year", String.valueOf(t.year()));
            f.put("province", name);
            f.put("component", c.code());
            f.put("score", score);
            f.put("source", source);
            f.put("_cell", at);
            f.put("_province_cell", where + PublishedTable.letter(p) + row.line());
            f.put("_sheet", t.sheet());
            String text = "[" + t.sheet() + "] " + PublishedTable.letter(p) + row.line() + "=" + name + " "
                    + PublishedTable.letter(c.position()) + row.line() + "=" + value + " (" + c.label() + ")";
            return new Record(t.sheet(), row.line(), f, text, null);
        }

        /** A table sorted by its total: the running number is the published rank. */
        private void rankByRunningNumber() {
            for (String[] total : totalsInOrder) {
                if (PublishedTable.numeric(total[1])) {
                    ranks.putIfAbsent(total[0], new String[] {
                        total[1],
                        where + PublishedTable.letter(order.position())
                                + " (running number of a table sorted by its total)"
                    });
                }
            }
        }
    }

    /** Adds a record, or folds it into the same score published elsewhere in the workbook. */
    private static void add(Record r, String key, List<Record> out, Map<String, Record> byKey) {
        Record earlier = byKey.get(key);
        if (earlier == null) {
            byKey.put(key, r);
            out.add(r);
            return;
        }
        String a = earlier.fields().get("score");
        String b = r.fields().get("score");
        if (PublishedTable.numeric(a) && PublishedTable.numeric(b) && number(a).compareTo(number(b)) == 0) {
            earlier.fields().merge("_also", r.fields().get("_cell"), (x, y) -> x + ", " + y);
            return;
        }
        out.add(new Record(
                r.sheet(),
                r.line(),
                r.fields(),
                r.rawText(),
                "CONFLICTING_VALUE: "
                        + r.fields().get("component") + " of '" + r.fields().get("province") + "' is " + b + " at "
                        + r.fields().get("_cell") + " but " + a + " at "
                        + earlier.fields().get("_cell")));
    }

    private static Record problem(PublishedTable t, SourceRecord row, String raw, String problem) {
        return new Record(t.sheet(), row.line(), null, raw, problem);
    }

    /** Province names of one record key: the official code when the name resolves, else the name's key. */
    private static String provinceKey(String name, int year) {
        Provinces.Resolution r = Provinces.get().resolve(name, LocalDate.of(year, 1, 1));
        return r.ok() ? r.unit().code() : "?" + Provinces.nameKey(name);
    }

    private static boolean descending(List<String[]> totals) {
        for (int i = 1; i < totals.size(); i++) {
            if (!PublishedTable.numeric(totals.get(i)[2])
                    || !PublishedTable.numeric(totals.get(i - 1)[2])
                    || number(totals.get(i)[2]).compareTo(number(totals.get(i - 1)[2])) > 0) {
                return false;
            }
        }
        return !totals.isEmpty();
    }

    private static String cell(List<String> values, int position) {
        return position < values.size() && values.get(position) != null
                ? VnText.nfc(values.get(position).strip())
                : "";
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text.strip().replace(',', '.'));
    }

    /**
     * A score as the workbook holds it: the cell is a double, so its value is the shortest decimal
     * that reads back as that double (63.79096, not 63.790959999999998), kept to 9 decimals.
     */
    static String exact(String text) {
        BigDecimal shortest = new BigDecimal(Double.toString(number(text).doubleValue()));
        if (shortest.scale() > 9) {
            shortest = shortest.setScale(9, RoundingMode.HALF_UP);
        }
        return XlsxRecordReader.plain(shortest);
    }
}
