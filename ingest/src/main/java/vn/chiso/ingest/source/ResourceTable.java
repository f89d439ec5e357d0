package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file bundled with the ingest (vocabularies, synonyms, codebooks under {@code /ingest/}): its
 * rows after the header line, fields stripped, with the line each came from for error messages.
 * Lines starting with {@code #} and blank lines are comments.
 */
public final class ResourceTable {

    /** One data row: its fields and its line in the file. */
    public record Row(List<String> fields, long line) {

        public String get(int i) {
            return i < fields.size() ? fields.get(i) : "";
        }
    }

    private ResourceTable() {}

    public static List<Row> read(String resource) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = ResourceTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            CsvRecordReader csv = new CsvRecordReader(in, ',');
            CsvRecordReader.Record r;
            boolean header = true;
            while ((r = csv.next()) != null) {
                List<String> f = r.fields().stream().map(String::strip).toList();
                if (f.get(0).startsWith("#") || f.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(new Row(f, r.line()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rows);
    }
}
