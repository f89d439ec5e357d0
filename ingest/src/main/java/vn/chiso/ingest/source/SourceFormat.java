package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** How a file is written, told from its first bytes (the name only breaks ties). */
public enum SourceFormat {
    CSV, XLSX, JSON, JSONL;

    /** From the first bytes (up to 64 KB) and the decoded head of the text. */
    public static SourceFormat detect(byte[] head, int n, String text, String path) {
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return XLSX;
        }
        String t = text.stripLeading();
        if (t.startsWith("[")) {
            return JSON;
        }
        if (t.startsWith("{")) {
            String[] lines = t.split("\n", 3);
            boolean jsonl = path.toLowerCase().endsWith(".jsonl") || path.toLowerCase().endsWith(".ndjson")
                    || (lines.length > 1 && lines[0].strip().endsWith("}") && lines[1].strip().startsWith("{"));
            return jsonl ? JSONL : JSON;
        }
        return CSV;
    }

    public RecordReader open(InputStream in, char delimiter) throws IOException {
        return switch (this) {
            case XLSX -> new XlsxRecordReader(in);
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
