package vn.chiso.ingest.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import vn.chiso.ingest.parse.VnText;

/**
 * Runs in a task, once per file: checksums the content (the identity of a file, whatever its
 * name), tells its format from its bytes and its kind from its content (header or JSON shape;
 * {@code --kind} forces one), and decides whether the file can be read at all. A file that
 * cannot (empty, truncated XLSX, binary or mis-encoded text, a header with no known column, a
 * portal capture without a period) is rejected with the reason; nothing of it will be written.
 */
public final class FileProbe {

    private static final Pattern YEAR_IN_NAME = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])");

    private FileProbe() {}

    /** Options of the whole batch that a probe needs: a forced kind, a period for captures. */
    public record Options(FileKind kind, String period) implements java.io.Serializable {
        public static final Options NONE = new Options(null, null);
    }

    public static SourceFile probe(String path, HadoopConf conf) {
        return probe(path, conf, Options.NONE);
    }

    public static SourceFile probe(String path, HadoopConf conf, Options options) {
        String checksum;
        long bytes;
        byte[] head = new byte[TextDecoding.SAMPLE];
        int headBytes = 0;
        try (InputStream in = conf.open(path)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            DigestInputStream digest = new DigestInputStream(in, sha);
            headBytes = digest.readNBytes(head, 0, head.length);
            byte[] buffer = new byte[1 << 16];
            long total = headBytes;
            int n;
            while ((n = digest.read(buffer)) != -1) {
                total += n;
            }
            checksum = HexFormat.of().formatHex(sha.digest());
            bytes = total;
        } catch (IOException e) {
            return SourceFile.rejected(path, "unreadable:" + path, 0, "cannot read file: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (bytes == 0) {
            return SourceFile.rejected(path, checksum, 0, "empty file");
        }
        try {
            return classify(path, checksum, bytes, head, headBytes, conf, options);
        } catch (IOException | RuntimeException e) {
            return SourceFile.rejected(path, checksum, bytes, "cannot parse: " + e.getMessage());
        }
    }

    /** The identity of a probed file: what every verdict, accepted or rejected, carries. */
    private record Probed(String path, String checksum, long bytes) {
        SourceFile reject(String why) {
            return SourceFile.rejected(path, checksum, bytes, why);
        }

        SourceFile accept(
                HeaderMapping mapping,
                FileKind kind,
                SourceFormat format,
                char delimiter,
                Map<String, String> hints,
                String note) {
            return new SourceFile(path, checksum, bytes, mapping, null, kind, format, delimiter, hints, note);
        }
    }

    /** The head decoded as text (empty for a workbook), or why it cannot be read. */
    private record DecodedHead(String text, String problem) {}

    /** The header that fits best: where it was found, for which kind, in which sheet's rows. */
    private record HeaderMatch(TabularReader.Located located, FileKind kind, List<SourceRecord> table) {}

    private static SourceFile classify(
            String path, String checksum, long bytes, byte[] head, int n, HadoopConf conf, Options options)
            throws IOException {
        Probed file = new Probed(path, checksum, bytes);
        DecodedHead decoded = decodeHead(path, head, n);
        if (decoded.problem() != null) {
            return file.reject(decoded.problem());
        }
        String text = decoded.text();
        SourceFormat format = SourceFormat.detect(head, n, text, path);
        Map<String, String> hints = nameHints(path);
        if (format == SourceFormat.JSON
                && (options.kind() == null || options.kind() == FileKind.PORTAL_EVALUATIONS)
                && PortalCapture.looksLike(text)) {
            return portalCapture(file, format, hints, conf, options);
        }
        if (options.period() != null) {
            hints.put("period", options.period());
        }
        char delimiter = format == SourceFormat.CSV ? CsvRecordReader.guessDelimiter(firstLines(text, 20)) : 0;
        Map<String, List<SourceRecord>> sheets;
        try {
            sheets = firstRowsOfSheets(path, conf, format, delimiter);
        } catch (IOException e) {
            String what = format == SourceFormat.XLSX || format == SourceFormat.XLS
                    ? "cannot open " + format + " (truncated or corrupt): "
                    : "cannot parse " + format + ": ";
            return file.reject(what + e.getMessage());
        }
        List<SourceRecord> first =
                sheets.isEmpty() ? List.of() : sheets.values().iterator().next();
        if (first.isEmpty()) {
            return file.reject(format == SourceFormat.CSV ? "no header line" : "no records");
        }
        if ((format == SourceFormat.XLSX || format == SourceFormat.XLS)
                && (options.kind() == null || options.kind() == FileKind.INDEX_SCORES)) {
            SourceFile published = publishedResults(file, format, sheets, hints);
            if (published != null) {
                return published;
            }
        }
        if (isCodebook(path, first)) {
            return file.accept(
                    null, null, format, delimiter, hints, "a codebook (read by the data files beside it), not data");
        }
        return decideKind(file, format, delimiter, sheets, first, hints, conf, options);
    }

    /**
     * Decodes the head of a text file (charset, BOM, NFC); a workbook's head stays binary. A
     * zip too short to hold a workbook is refused here unless its name says XLSX.
     */
    private static DecodedHead decodeHead(String path, byte[] head, int n) {
        boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        if (!zip && !SourceFormat.ole2(head, n)) {
            TextDecoding.Detected d = TextDecoding.detect(head, n);
            String text = new String(head, d.bomBytes(), n - d.bomBytes(), d.charset());
            String problem = TextDecoding.problem(text, d.charset());
            if (problem != null) {
                return new DecodedHead(null, problem);
            }
            return new DecodedHead(VnText.nfc(text), null);
        }
        if (!path.toLowerCase().endsWith(".xlsx") && !path.toLowerCase().endsWith(".xlsm") && n < 30) {
            return new DecodedHead(null, "a zip file too short to be an XLSX workbook");
        }
        return new DecodedHead("", null);
    }

    /** What the file's name and folder tell: a year in the name, the folder it sits in. */
    private static Map<String, String> nameHints(String path) {
        Map<String, String> hints = new LinkedHashMap<>();
        Matcher year = YEAR_IN_NAME.matcher(new Path(path).getName());
        if (year.find()) {
            hints.put("year_in_name", year.group(1));
        }
        hints.put("folder", new Path(path).getParent().getName());
        return hints;
    }

    /** A portal capture: needs a period (manifest or --period) and must yield its records. */
    private static SourceFile portalCapture(
            Probed file, SourceFormat format, Map<String, String> hints, HadoopConf conf, Options options) {
        hints.putAll(PortalCapture.manifestHints(file.path(), file.checksum(), conf));
        if (options.period() != null) {
            hints.put("period", options.period());
        }
        if (!hints.containsKey("period") && !hints.containsKey("from_date")) {
            return file.reject("portal capture without a period: the response "
                    + "does not say which period it covers; put its capture manifest (manifest*.json with "
                    + "this file's sha256) beside it or pass --period (e.g. 2026-08)");
        }
        try (InputStream in = conf.open(file.path())) {
            List<Map<String, String>> records = PortalCapture.records(in, hints.get("group"));
            hints.putIfAbsent("group", records.get(0).get("group"));
        } catch (IOException | RuntimeException e) {
            return file.reject("portal capture cannot be read: " + e.getMessage());
        }
        return file.accept(null, FileKind.PORTAL_EVALUATIONS, format, (char) 0, hints, null);
    }

    /** The first rows of each sheet (a workbook may open with an instructions sheet). */
    private static Map<String, List<SourceRecord>> firstRowsOfSheets(
            String path, HadoopConf conf, SourceFormat format, char delimiter) throws IOException {
        Map<String, List<SourceRecord>> sheets = new LinkedHashMap<>();
        try (InputStream in = conf.open(path);
                RecordReader reader = format.open(in, delimiter)) {
            SourceRecord r;
            int read = 0;
            while ((r = reader.next()) != null && read++ < 20 * TabularReader.SCAN_ROWS) {
                String sheet = r.sheet() == null ? "" : r.sheet();
                if (!sheets.containsKey(sheet) && sheets.size() >= 20) {
                    break;
                }
                List<SourceRecord> rows = sheets.computeIfAbsent(sheet, k -> new ArrayList<>());
                if (rows.size() < TabularReader.SCAN_ROWS) {
                    rows.add(r);
                } else if (format != SourceFormat.XLSX && format != SourceFormat.XLS) {
                    break;
                }
            }
        }
        return sheets;
    }

    /**
     * A workbook of published results (summary sheets, wide or league tables) is read as such;
     * null when no sheet holds one.
     */
    private static SourceFile publishedResults(
            Probed file, SourceFormat format, Map<String, List<SourceRecord>> sheets, Map<String, String> hints) {
        List<PublishedTable> tables;
        try {
            tables = PublishedTableReader.tables(
                    new Path(file.path()).getName(),
                    sheets,
                    hints.containsKey("year_in_name") ? Integer.valueOf(hints.get("year_in_name")) : null);
        } catch (IllegalArgumentException e) {
            return file.reject(e.getMessage());
        }
        if (tables.isEmpty()) {
            return null;
        }
        hints.put(PublishedTableReader.HINT, PublishedTableReader.LAYOUT);
        hints.put(
                "tables",
                String.join(
                        "; ",
                        tables.stream()
                                .map(t -> t.index() + " " + t.year() + " in '" + t.sheet() + "'"
                                        + (t.yearNote() == null ? "" : " (" + t.yearNote() + ")"))
                                .toList()));
        return file.accept(null, FileKind.INDEX_SCORES, format, (char) 0, hints, null);
    }

    /** Decides the kind from the header that fits best; rejects a header that fits none. */
    private static SourceFile decideKind(
            Probed file,
            SourceFormat format,
            char delimiter,
            Map<String, List<SourceRecord>> sheets,
            List<SourceRecord> first,
            Map<String, String> hints,
            HadoopConf conf,
            Options options) {
        HeaderMatch match = findHeader(format, sheets, first, options);
        TabularReader.Located best = match.located();
        List<String> shown = match.table().get(best == null ? 0 : best.index()).values();
        if (best == null || best.mapping().knownColumns() == 0) {
            return file.reject("header has no known column: " + String.join(" | ", shown));
        }
        if (!best.missing().isEmpty()) {
            return file.reject("header lacks required column(s) " + best.missing() + " for "
                    + match.kind().code() + "; found " + shown);
        }
        if (match.kind() == FileKind.INDEX_SCORES) {
            hints.putAll(codebookBeside(file.path(), conf));
            hints.putAll(IndexSources.hints(file.path()));
        }
        return file.accept(best.mapping(), match.kind(), format, delimiter, hints, null);
    }

    /**
     * Finds the header row: for JSON the keys of the first records, for tables the row located
     * in the first rows of a sheet. A header with every required column wins, then the one that
     * knows the most columns.
     */
    private static HeaderMatch findHeader(
            SourceFormat format, Map<String, List<SourceRecord>> sheets, List<SourceRecord> first, Options options) {
        List<SourceRecord> candidates = format.keyed() ? List.of(keysAsHeader(first)) : first;
        TabularReader.Located best = null;
        FileKind bestKind = null;
        List<SourceRecord> bestTable = candidates;
        List<List<SourceRecord>> tables = format.keyed() ? List.of(candidates) : new ArrayList<>(sheets.values());
        for (FileKind kind : FileKind.values()) {
            if (!kind.tabular() || (options.kind() != null && options.kind() != kind)) {
                continue;
            }
            for (List<SourceRecord> table : tables) {
                TabularReader.Located l = TabularReader.locate(table, kind);
                if (l != null && fitsBetter(l, best)) {
                    best = l;
                    bestKind = kind;
                    bestTable = table;
                }
            }
        }
        return new HeaderMatch(best, bestKind, bestTable);
    }

    private static boolean fitsBetter(TabularReader.Located l, TabularReader.Located best) {
        if (best == null) {
            return true;
        }
        boolean usable = l.missing().isEmpty() && l.mapping().knownColumns() > 0;
        boolean bestUsable = best.missing().isEmpty() && best.mapping().knownColumns() > 0;
        return (usable && !bestUsable)
                || (usable == bestUsable
                        && l.mapping().knownColumns() > best.mapping().knownColumns());
    }

    /** The keys of the first JSON records, in order of first appearance, as one header row. */
    private static SourceRecord keysAsHeader(List<SourceRecord> first) {
        List<String> names = new ArrayList<>();
        for (SourceRecord r : first) {
            if (r.names() != null) {
                r.names().stream().filter(k -> !names.contains(k)).forEach(names::add);
            }
        }
        return new SourceRecord(names, 1, String.join(",", names), null);
    }

    private static String firstLines(String text, int lines) {
        int at = 0;
        for (int i = 0; i < lines && at >= 0; i++) {
            at = text.indexOf('\n', at + 1);
        }
        return at < 0 ? text : text.substring(0, at);
    }

    /** A compilation's codebook (Variable_Code,Variable_Name): used by its data files, not loaded. */
    private static boolean isCodebook(String path, List<SourceRecord> first) {
        List<String> header = first.get(0).values();
        return new Path(path).getName().toLowerCase().startsWith("codebook")
                || (header.size() >= 2 && VnText.key(header.get(0)).equals("variablecode"));
    }

    /** Province ids of a compilation (P01 → Hanoi) from codebook_provinces.csv in the same folder. */
    static Map<String, String> codebookBeside(String path, HadoopConf conf) {
        Map<String, String> hints = new HashMap<>();
        Path book = new Path(new Path(path).getParent(), "codebook_provinces.csv");
        try {
            FileSystem fs = book.getFileSystem(conf.get());
            if (!fs.exists(book)) {
                return hints;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(book), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String[] f = line.split(",", 2);
                    if (f.length == 2 && !f[0].startsWith("Variable")) {
                        hints.put("codebook:" + f[0].strip(), f[1].strip());
                    }
                }
            }
        } catch (IOException e) {
            return hints;
        }
        return hints;
    }
}
