package vn.chiso.ingest.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import vn.chiso.contract.ReasonCode;
import vn.chiso.ingest.parse.VnText;

/**
 * The records of a file, each with the header mapping it is read with. For CSV and XLSX the
 * header is located in the first rows of each sheet (title lines above it are the sheet's
 * preamble; a merged group row above it is used to name sub-columns; a "(1) (2) (3)" column-number
 * row or a second header row in another language below it is skipped); sheets without a header of the kind are skipped and listed. A record
 * that is not data says why in {@code problem}: a totals row ("Tổng cộng"), a row whose field
 * count does not match its header, or undecodable bytes. An index table's average line at its bottom
 * ("Trung bình cả nước") is a totals row too.
 */
public final class TabularReader implements Closeable {

    /** One record to load, or to quarantine when {@code problem} ("REASON_CODE: message") is set. */
    public record Mapped(HeaderMapping mapping, SourceRecord record, String problem, String preamble) {}

    /** Where the header is in the first rows of a sheet, and how well it maps. */
    public record Located(int index, HeaderMapping mapping, List<String> missing) {
        boolean usable() {
            return missing.isEmpty() && mapping.knownColumns() > 0;
        }
    }

    public static final int SCAN_ROWS = 30;
    public static final String TOTALS_ROW = ReasonCode.TOTALS_ROW.code();
    public static final String MALFORMED_ROW = ReasonCode.MALFORMED_ROW.code();
    public static final String ENCODING_ERROR = ReasonCode.ENCODING_ERROR.code();
    private static final Set<String> TOTAL_WORDS =
            Set.of("tong", "tongcong", "tongso", "cong", "total", "grandtotal", "tongcongtoantinh", "sum");
    /** An index table's bottom line: "Trung bình cả nước", "Giá trị trung bình", "Bình quân", "Cả nước". */
    private static final List<String> AVERAGE_WORDS =
            List.of("trungbinh", "giatritrungbinh", "binhquan", "canuoc", "toanquoc");

    private final RecordReader in;
    private final FileKind kind;
    private final SourceFormat format;
    private final Deque<SourceRecord> buffered = new ArrayDeque<>();
    private final Map<List<String>, HeaderMapping> byNames = new HashMap<>();
    private final List<String> skippedSheets = new ArrayList<>();
    private SourceRecord lookahead;
    private String currentSheet = "\u0000";
    private HeaderMapping mapping;
    private String preamble = "";
    private boolean strictWidth;

    public TabularReader(RecordReader in, FileKind kind, SourceFormat format) {
        this.in = in;
        this.kind = kind;
        this.format = format;
        this.strictWidth = format == SourceFormat.CSV;
    }

    public List<String> skippedSheets() {
        return skippedSheets;
    }

    public Mapped next() throws IOException {
        while (true) {
            SourceRecord r = pull();
            if (r == null) {
                return null;
            }
            if (format.keyed()) {
                if (r.names() == null || r.names().isEmpty()) {
                    return new Mapped(null, r, MALFORMED_ROW + ": not a JSON object", "");
                }
                HeaderMapping m = byNames.computeIfAbsent(r.names(), n -> HeaderMapping.of(kind, n, null));
                return new Mapped(m, r, problem(r, m), "");
            }
            String sheet = r.sheet() == null ? "" : r.sheet();
            if (!sheet.equals(currentSheet)) {
                currentSheet = sheet;
                if (!startSheet(r)) {
                    continue;
                }
                continue; // the sheet's first data row is now at the head of the buffer
            }
            if (mapping == null) {
                continue; // a skipped sheet's rows
            }
            return new Mapped(mapping, r, problem(r, mapping), preamble);
        }
    }

    private SourceRecord pull() throws IOException {
        if (!buffered.isEmpty()) {
            return buffered.pollFirst();
        }
        if (lookahead != null) {
            SourceRecord r = lookahead;
            lookahead = null;
            return r;
        }
        return in.next();
    }

    /** Reads the sheet's first rows, finds its header; leaves the data rows in the buffer. */
    private boolean startSheet(SourceRecord first) throws IOException {
        List<SourceRecord> head = new ArrayList<>();
        head.add(first);
        while (head.size() < SCAN_ROWS) {
            SourceRecord r = in.next();
            if (r == null) {
                break;
            }
            if (!currentSheet.equals(r.sheet() == null ? "" : r.sheet())) {
                lookahead = r;
                break;
            }
            head.add(r);
        }
        Located located = locate(head, kind);
        if (located == null || !located.usable()) {
            mapping = null;
            skippedSheets.add(currentSheet.isEmpty() ? "(first sheet)" : currentSheet);
            // rows of a sheet without a header are not records of this kind
            return false;
        }
        mapping = located.mapping();
        StringBuilder pre = new StringBuilder();
        for (int i = 0; i < located.index(); i++) {
            pre.append(String.join(" ", head.get(i).values())).append('\n');
        }
        preamble = pre.toString();
        int start = located.index() + 1;
        if (start < head.size()
                && (columnNumbers(head.get(start).values())
                        || repeatsHeader(
                                head.get(located.index()).values(),
                                head.get(start).values(),
                                mapping))) {
            start++;
        }
        SourceRecord keep = lookahead;
        lookahead = null;
        for (int i = start; i < head.size(); i++) {
            buffered.addLast(head.get(i));
        }
        if (keep != null) {
            buffered.addLast(keep);
        }
        return true;
    }

    /** The best header row among the first rows, or null if none maps a single column. */
    public static Located locate(List<SourceRecord> head, FileKind kind) {
        Located best = null;
        for (int i = 0; i < head.size(); i++) {
            List<String> row = head.get(i).values();
            List<List<String>> parents = new ArrayList<>();
            parents.add(null);
            if (i > 0 && head.get(i - 1).line() == head.get(i).line() - 1) {
                parents.add(head.get(i - 1).values());
            }
            for (List<String> parent : parents) {
                HeaderMapping m = HeaderMapping.of(kind, row, parent);
                Located l = new Located(i, m, m.missing(kind.required()));
                if (best == null || better(l, best)) {
                    best = l;
                }
            }
        }
        return best;
    }

    private static boolean better(Located a, Located b) {
        if (a.missing().size() != b.missing().size()) {
            return a.missing().size() < b.missing().size();
        }
        return a.mapping().knownColumns() > b.mapping().knownColumns();
    }

    /**
     * A second header row in another language (a bilingual table: English names above Vietnamese
     * ones) repeats the header's own text in the columns that are fields, as {@code tinhid} under
     * {@code tinhid}: it names columns, it is not a record.
     */
    static boolean repeatsHeader(List<String> header, List<String> row, HeaderMapping mapping) {
        int same = 0;
        for (int i = 0; i < header.size(); i++) {
            if (mapping.canonicalAt(i) == null) {
                continue;
            }
            String h = header.get(i) == null ? "" : VnText.key(header.get(i));
            String r = i < row.size() && row.get(i) != null ? VnText.key(row.get(i)) : "";
            if (h.isEmpty() || !h.equals(r)) {
                return false;
            }
            same++;
        }
        return same > 0;
    }

    private static boolean columnNumbers(List<String> values) {
        int numbers = 0;
        for (String v : values) {
            String s = v == null ? "" : v.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!s.matches("\\(?\\d{1,3}\\)?([=+\\-*/]\\(?\\d{1,3}\\)?)*")) {
                return false;
            }
            numbers++;
        }
        return numbers >= 2;
    }

    private String problem(SourceRecord r, HeaderMapping m) {
        for (String v : r.values()) {
            if (v != null && v.indexOf('\uFFFD') >= 0) {
                return ENCODING_ERROR + ": the row has bytes that are not valid in the file's encoding";
            }
        }
        if (isTotals(r.values())) {
            return TOTALS_ROW + ": a totals row ('" + firstText(r.values()) + "'), not a record";
        }
        if (!format.keyed()) {
            int width = m.width();
            int size = r.values().size();
            if (strictWidth ? size != width : size > width && !blankFrom(r.values(), width)) {
                return MALFORMED_ROW + ": expected " + width + " fields, found " + size;
            }
        }
        return null;
    }

    private static boolean blankFrom(List<String> values, int from) {
        for (int i = from; i < values.size(); i++) {
            if (values.get(i) != null && !values.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    static boolean isTotals(List<String> values) {
        int seen = 0;
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            char c = Character.toLowerCase(v.strip().charAt(0));
            if (c != 't' && c != 'c' && c != 's' && c != 'g' && c != 'b') {
                if (++seen >= 3) {
                    return false;
                }
                continue; // Tổng / Cộng / Total / Sum / Grand total / Bình quân start with these
            }
            String k = VnText.key(v);
            if (TOTAL_WORDS.contains(k)
                    || k.startsWith("tongcong")
                    || k.startsWith("tongsohoso")
                    || k.startsWith("tongso")
                    || AVERAGE_WORDS.stream().anyMatch(k::startsWith)) {
                return true;
            }
            if (++seen >= 3) {
                return false;
            }
        }
        return false;
    }

    private static String firstText(List<String> values) {
        for (String v : values) {
            if (v != null && !v.isBlank() && !v.strip().matches("[0-9.,%\\s]+")) {
                return v.strip();
            }
        }
        return "";
    }

    /**
     * The records still to read, each turned into {@code T} as it is taken: streams, never holds the
     * file; closes the reader after the last record. {@code path} names the file in errors.
     */
    public <T> Iterator<T> stream(String path, Function<Mapped, T> convert) {
        return new Iterator<>() {
            private Mapped next = advance();

            private Mapped advance() {
                try {
                    Mapped r = TabularReader.this.next();
                    if (r == null) {
                        close();
                    }
                    return r;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public T next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Mapped record = next;
                next = advance();
                return convert.apply(record);
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
