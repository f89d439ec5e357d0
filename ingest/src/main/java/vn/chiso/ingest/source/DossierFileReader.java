package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import vn.chiso.ingest.DossierFields;

/**
 * Runs in a task: streams one accepted file into bronze rows (raw text values, NFC-normalised,
 * plus lineage). A record whose field count does not match the header becomes a row with its
 * raw text and a parse error, so that validation quarantines it: nothing read is dropped.
 */
public final class DossierFileReader {

    private DossierFileReader() {
    }

    public static Iterator<Row> read(SourceFile file, String batchId, Timestamp ingestedAt, HadoopConf conf) {
        InputStream in;
        CsvRecordReader csv;
        try {
            in = conf.open(file.path());
            csv = new CsvRecordReader(in);
            csv.next(); // header, already mapped by the probe
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
        HeaderMapping header = file.header();
        return new Iterator<>() {
            private CsvRecordReader.Record next = advance();

            private CsvRecordReader.Record advance() {
                try {
                    CsvRecordReader.Record r = csv.next();
                    if (r == null) {
                        csv.close();
                    }
                    return r;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file.path(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                CsvRecordReader.Record record = next;
                next = advance();
                return toRow(record, header, file, batchId, ingestedAt);
            }
        };
    }

    static Row toRow(CsvRecordReader.Record record, HeaderMapping header, SourceFile file, String batchId,
            Timestamp ingestedAt) {
        int rawFields = DossierFields.RAW.size();
        Object[] values = new Object[5 + rawFields + 3];
        values[0] = batchId;
        values[1] = file.path();
        values[2] = file.checksum();
        values[3] = record.line();
        values[4] = ingestedAt;
        List<String> fields = record.fields();
        if (fields.size() != header.width()) {
            values[5 + rawFields + 1] = nfc(record.rawText());
            values[5 + rawFields + 2] = "expected " + header.width() + " fields, found " + fields.size();
            return RowFactory.create(values);
        }
        Map<String, String> extras = null;
        for (int i = 0; i < fields.size(); i++) {
            String value = emptyToNull(nfc(fields.get(i).strip()));
            String canonical = header.canonicalAt(i);
            if (canonical != null) {
                values[5 + DossierFields.RAW.indexOf(canonical)] = value;
            } else if (value != null) {
                if (extras == null) {
                    extras = new LinkedHashMap<>();
                }
                extras.put(header.header().get(i), value);
            }
        }
        values[5 + rawFields] = extras;
        return RowFactory.create(values);
    }

    private static String nfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** Column order of a bronze row, matching the contract's schema. */
    public static List<String> columnOrder() {
        List<String> order = new ArrayList<>(List.of("ingest_batch_id", "source_file", "file_checksum",
                "row_number", "ingested_at"));
        order.addAll(DossierFields.RAW);
        order.addAll(List.of("extra_columns", "raw_text", "parse_error"));
        return order;
    }
}
