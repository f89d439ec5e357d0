package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.chiso.ingest.parse.VnText;

/**
 * Runs in a task: streams one accepted report, survey, index or portal file into bronze/records
 * rows: canonical fields and unknown columns as text, the raw text of every record, lineage. The
 * title lines above a table's header go along as {@code _preamble} (a report's period and province
 * are often only there).
 */
public final class RecordFileReader {

    private RecordFileReader() {}

    public static Iterator<Row> read(SourceFile file, String batchId, Timestamp ingestedAt, HadoopConf conf) {
        try {
            if (file.kind() == FileKind.PORTAL_EVALUATIONS) {
                return portal(file, batchId, ingestedAt, conf);
            }
            if (PublishedTableReader.LAYOUT.equals(file.hint(PublishedTableReader.HINT))) {
                return published(file, batchId, ingestedAt, conf);
            }
            return tabular(file, batchId, ingestedAt, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
    }

    private static Iterator<Row> portal(SourceFile file, String batchId, Timestamp ingestedAt, HadoopConf conf)
            throws IOException {
        List<Map<String, String>> records;
        try (InputStream in = conf.open(file.path())) {
            records = PortalCapture.records(in, file.hint("group"));
        }
        List<Row> rows = new ArrayList<>(records.size());
        for (Map<String, String> r : records) {
            Map<String, String> fields = new LinkedHashMap<>(r);
            long position = Long.parseLong(fields.remove("_position"));
            Map<String, String> attributes = PortalCapture.decode(fields.remove("_attributes"));
            String raw = fields.get("department_code") + " " + fields.get("metric_code") + ": numerator="
                    + fields.get("numerator") + " denominator=" + fields.get("denominator") + " ratio="
                    + fields.get("ratio") + " score=" + fields.get("score") + " max=" + fields.get("max_score");
            rows.add(RowFactory.create(
                    batchId,
                    file.path(),
                    file.checksum(),
                    position,
                    ingestedAt,
                    file.kind().code(),
                    scala(fields),
                    scala(attributes),
                    raw,
                    null));
        }
        return rows.iterator();
    }

    /** A workbook of published results: one record per published score, its cell as lineage. */
    private static Iterator<Row> published(SourceFile file, String batchId, Timestamp ingestedAt, HadoopConf conf)
            throws IOException {
        String year = file.hint("year_in_name");
        List<PublishedTableReader.Record> records;
        try (InputStream in = conf.open(file.path());
                RecordReader reader = file.format().open(in, (char) 0)) {
            records = PublishedTableReader.read(file.name(), reader, year == null ? null : Integer.valueOf(year));
        }
        List<Row> rows = new ArrayList<>(records.size());
        for (PublishedTableReader.Record r : records) {
            rows.add(RowFactory.create(
                    batchId,
                    file.path(),
                    file.checksum(),
                    r.line(),
                    ingestedAt,
                    file.kind().code(),
                    r.fields() == null ? null : scala(r.fields()),
                    r.fields() == null ? null : scala(Map.of()),
                    r.rawText(),
                    r.problem()));
        }
        return rows.iterator();
    }

    private static Iterator<Row> tabular(SourceFile file, String batchId, Timestamp ingestedAt, HadoopConf conf)
            throws IOException {
        TabularReader reader = new TabularReader(
                file.format().open(conf.open(file.path()), file.delimiter()), file.kind(), file.format());
        return reader.stream(file.path(), m -> toRow(m, file, batchId, ingestedAt));
    }

    static Row toRow(TabularReader.Mapped m, SourceFile file, String batchId, Timestamp ingestedAt) {
        SourceRecord record = m.record();
        String where = record.sheet() == null ? "" : "[" + record.sheet() + "] ";
        String raw = where + VnText.nfc(record.rawText());
        if (m.problem() != null) {
            return RowFactory.create(
                    batchId,
                    file.path(),
                    file.checksum(),
                    record.line(),
                    ingestedAt,
                    file.kind().code(),
                    null,
                    null,
                    raw,
                    m.problem());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> extras = new LinkedHashMap<>();
        HeaderMapping header = m.mapping();
        List<String> values = record.values();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i) == null ? null : VnText.nfc(values.get(i).strip());
            if (v == null || v.isEmpty()) {
                continue;
            }
            String canonical = header.canonicalAt(i);
            if (canonical != null) {
                fields.put(canonical, v);
                if (record.sheet() != null) {
                    fields.put(CELL + canonical, columnName(i) + record.line()); // a spreadsheet cell, for messages
                }
            } else {
                extras.put(i < header.width() ? header.header().get(i) : "column " + (i + 1), v);
            }
        }
        if (!m.preamble().isBlank()) {
            fields.put("_preamble", VnText.nfc(m.preamble().strip()));
        }
        if (record.sheet() != null && !record.sheet().isEmpty()) {
            fields.put("_sheet", record.sheet());
        }
        return RowFactory.create(
                batchId,
                file.path(),
                file.checksum(),
                record.line(),
                ingestedAt,
                file.kind().code(),
                scala(fields),
                scala(extras),
                raw,
                null);
    }

    /** Prefix of the fields that give a field's spreadsheet cell ({@code _cell.province → C66}). */
    public static final String CELL = "_cell.";

    /** A column's spreadsheet name: 0 → A, 25 → Z, 26 → AA. */
    static String columnName(int index) {
        StringBuilder b = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            b.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return b.toString();
    }

    /** Spark's row encoder takes Scala maps. */
    private static scala.collection.Map<String, String> scala(Map<String, String> map) {
        return scala.jdk.javaapi.CollectionConverters.asScala(map);
    }
}
