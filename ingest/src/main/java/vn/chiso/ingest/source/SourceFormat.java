package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** How a file is written, told from its first bytes (the name only breaks ties). */
public enum SourceFormat {
    CSV,
    XLSX,
    XLS,
    JSON,
    JSONL;

    /** The signature of an OLE2 compound document: an Excel 97–2003 workbook (.xls). */
    static boolean ole2(byte[] head, int n) {
        return n >= 8
                && (head[0] & 0xFF) == 0xD0
                && (head[1] & 0xFF) == 0xCF
                && (head[2] & 0xFF) == 0x11
                && (head[3] & 0xFF) == 0xE0
                && (head[4] & 0xFF) == 0xA1
                && (head[5] & 0xFF) == 0xB1
                && head[6] == 0x1A
                && (head[7] & 0xFF) == 0xE1;
    }

    /** From the first bytes (up to 64 KB) and the decoded head of the text. */
    public static SourceFormat detect(byte[] head, int n, String text, String path) {
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return XLSX;
        }
        if (ole2(head, n)) {
            return XLS;
        }
        String t = text.stripLeading();
        if (t.startsWith("[")) {
            return JSON;
        }
        if (t.startsWith("{")) {
            String[] lines = t.split("\n", 3);
            boolean jsonl = path.toLowerCase().endsWith(".jsonl")
                    || path.toLowerCase().endsWith(".ndjson")
                    || (lines.length > 1
                            && lines[0].strip().endsWith("}")
                            && lines[1].strip().startsWith("{"));
            return jsonl ? JSONL : JSON;
        }
        return CSV;
    }

    public RecordReader open(InputStream in, char delimiter) throws IOException {
        return switch (this) {
            case XLSX -> new XlsxRecordReader(in);
            case XLS -> new XlsRecordReader(in);
            case JSON -> new JsonRecordReader(in, false);
            case JSONL -> new JsonRecordReader(in, true);
            case CSV -> {
                CsvRecordReader csv = new CsvRecordReader(in, delimiter);
                yield new RecordReader() {
                    @Override
                    public SourceRecord next() throws IOException {
                        CsvRecordReader.Record r = csv.next();
                        return r == null ? null : new SourceRecord(r.fields(), r.line(), r.rawText(), null);
                    }

                    @Override
                    public void close() throws IOException {
                        csv.close();
                    }
                };
            }
        };
    }

    public boolean keyed() {
        return this == JSON || this == JSONL;
    }

    static final List<String> NONE = List.of();
}
