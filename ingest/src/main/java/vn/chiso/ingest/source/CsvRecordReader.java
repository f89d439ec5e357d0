package vn.chiso.ingest.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 reader for the CSV files provinces send: comma or semicolon, quoted fields
 * with embedded delimiters, quotes and line breaks; UTF-8 (with or without BOM) or UTF-16 by BOM.
 * Each record remembers the line it starts on, so errors can name the row a person sees.
 */
public final class CsvRecordReader implements Closeable {

    /** One record: its fields, the physical line it starts on (1-based) and its raw text. */
    public record Record(List<String> fields, long line, String rawText) {}

    private final Reader in;
    private char delimiter;
    private long nextLine = 1;
    private final StringBuilder raw = new StringBuilder(256);
    private final StringBuilder field = new StringBuilder(64);
    // Our own buffer, scanned in runs: BufferedReader.read() takes a lock per character.
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean eof;

    public CsvRecordReader(InputStream stream) throws IOException {
        this(stream, (char) 0);
    }

    /**
     * A reader over the stream in its detected encoding ({@link TextDecoding}); {@code delimiter}
     * 0 lets the first comma or semicolon outside quotes decide.
     */
    public CsvRecordReader(InputStream stream, char delimiter) throws IOException {
        this.in = TextDecoding.reader(stream);
        this.delimiter = delimiter;
    }

    /** Comma or semicolon: whichever the first lines of the text use more. */
    public static char guessDelimiter(String head) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    /** The next record, or null at end of input. Blank lines are skipped. */
    public Record next() throws IOException {
        while (true) {
            long startLine = nextLine;
            List<String> fields = readRecord();
            if (fields == null) {
                return null;
            }
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            return new Record(fields, startLine, raw.toString());
        }
    }

    /** True if a character is available at {@code pos} (refilling the buffer when needed). */
    private boolean available() throws IOException {
        while (pos >= len) {
            if (eof) {
                return false;
            }
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            len = n;
        }
        return true;
    }

    /** Takes the characters from {@code pos} up to {@code end} (none of them special) into the field and the raw text. */
    private void takeRun(int end) {
        field.append(buf, pos, end - pos);
        raw.append(buf, pos, end - pos);
        pos = end;
    }

    private List<String> readRecord() throws IOException {
        raw.setLength(0);
        field.setLength(0);
        List<String> fields = new ArrayList<>(16);
        boolean any = false;
        while (available()) {
            any = true;
            int i = plainRunEnd();
            if (i > pos) {
                takeRun(i);
                continue;
            }
            char ch = buf[pos++];
            if (ch == '\r') {
                continue;
            }
            if (ch == '\n') {
                nextLine++;
                fields.add(field.toString());
                return fields;
            }
            if (delimiter == 0 && (ch == ',' || ch == ';')) {
                delimiter = ch; // the first delimiter of the header decides the file's dialect
            }
            if (ch == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                raw.append(ch);
                continue;
            }
            if (ch == '"' && field.isEmpty()) {
                raw.append('"');
                readQuoted();
                continue;
            }
            field.append(ch);
            raw.append(ch);
        }
        if (!any) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }

    /**
     * The end of the run of plain characters outside quotes from {@code pos} within the buffer: up
     * to a line break or delimiter. A quote inside a field is plain; one opening a field is not.
     */
    private int plainRunEnd() {
        int i = pos;
        char d = delimiter;
        if (!field.isEmpty() || buf[i] != '"') {
            while (i < len) {
                char c = buf[i];
                if (c == '\n' || c == '\r' || c == d || (d == 0 && (c == ',' || c == ';'))) {
                    break;
                }
                i++;
            }
        }
        return i;
    }

    /**
     * Reads a quoted field after its opening quote, up to its closing quote or the end of input:
     * a doubled quote is one quote, line breaks belong to the field.
     */
    private void readQuoted() throws IOException {
        while (available()) {
            int i = pos;
            while (i < len && buf[i] != '"' && buf[i] != '\n') {
                i++;
            }
            if (i > pos) {
                takeRun(i);
                continue;
            }
            char ch = buf[pos++];
            if (ch == '"') {
                if (available() && buf[pos] == '"') {
                    pos++;
                    field.append('"');
                    raw.append("\"\"");
                    continue;
                }
                raw.append('"');
                return;
            }
            nextLine++; // ch == '\n'
            field.append(ch);
            raw.append(ch);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
