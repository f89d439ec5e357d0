package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.chiso.ingest.DossierFields;
import vn.chiso.ingest.parse.VnText;

/**
 * Runs in a task: streams one accepted dossier file (CSV, XLSX, JSON or JSON lines) into bronze
 * rows (raw text values, NFC-normalised, plus lineage). A record that is not a dossier (a field
 * count that does not match the header, a totals row, undecodable bytes) becomes a row with its raw
 * text and a parse error ("REASON: message"), so that validation quarantines it: nothing read is
 * dropped.
 */
public final class DossierFileReader {

    private DossierFileReader() {}

    public static Iterator<Row> read(SourceFile file, String batchId, Timestamp ingestedAt, HadoopConf conf) {
        TabularReader reader;
        try {
            reader = new TabularReader(
                    file.format().open(conf.open(file.path()), file.delimiter()), FileKind.DOSSIERS, file.format());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
        return reader.stream(file.path(), record -> toRow(record, file, batchId, ingestedAt));
    }

    static Row toRow(TabularReader.Mapped mapped, SourceFile file, String batchId, Timestamp ingestedAt) {
        int rawFields = DossierFields.RAW.size();
        Object[] values = new Object[5 + rawFields + 3];
        SourceRecord record = mapped.record();
        values[0] = batchId;
        values[1] = file.path();
        values[2] = file.checksum();
        values[3] = record.line();
        values[4] = ingestedAt;
        if (mapped.problem() != null) {
            String where = record.sheet() == null ? "" : "[" + record.sheet() + "] ";
            values[5 + rawFields + 1] = where + VnText.nfc(record.rawText());
            values[5 + rawFields + 2] = mapped.problem();
            return RowFactory.create(values);
        }
        HeaderMapping header = mapped.mapping();
        List<String> fields = record.values();
        Map<String, String> extras = null;
        for (int i = 0; i < fields.size(); i++) {
            String raw = fields.get(i);
            String value = raw == null ? null : emptyToNull(VnText.nfc(raw.strip()));
            String canonical = header.canonicalAt(i);
            if (canonical != null) {
                values[5 + DossierFields.RAW.indexOf(canonical)] = value;
            } else if (value != null) {
                if (extras == null) {
                    extras = new LinkedHashMap<>();
                }
                extras.put(i < header.width() ? header.header().get(i) : "column " + (i + 1), value);
            }
        }
        if (record.sheet() != null && !record.sheet().isEmpty()) {
            if (extras == null) {
                extras = new LinkedHashMap<>();
            }
            extras.put("_sheet", record.sheet());
        }
        values[5 + rawFields] = extras == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(extras);
        return RowFactory.create(values);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** Column order of a bronze row, matching the contract's schema. */
    public static List<String> columnOrder() {
        List<String> order = new ArrayList<>(
                List.of("ingest_batch_id", "source_file", "file_checksum", "row_number", "ingested_at"));
        order.addAll(DossierFields.RAW);
        order.addAll(List.of("extra_columns", "raw_text", "parse_error"));
        return order;
    }
}
