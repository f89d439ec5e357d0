package vn.chiso.ingest.records;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import vn.chiso.contract.Column;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.ReasonCode;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.ingest.source.FileKind;
import vn.chiso.ingest.source.RecordFileReader;

/**
 * Bronze records of one kind → validated rows: each bronze record gives its silver rows, or one
 * row carrying its failure. {@code _record} is 1 on the first row of each record, so records are
 * counted exactly even when one record (a wide index row) gives several silver rows.
 */
public final class RecordStage {

    private RecordStage() {}

    /** Columns every validated row has before the silver ones. */
    static final List<String> BASE = List.of(
            "ingest_batch_id",
            "source_file",
            "file_checksum",
            "row_number",
            "ingested_at",
            "raw_text",
            "fail_field",
            "fail_reason",
            "fail_message",
            "_record");

    public static StructType schema(FileKind kind) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("ingest_batch_id", DataTypes.StringType, false),
                DataTypes.createStructField("source_file", DataTypes.StringType, false),
                DataTypes.createStructField("file_checksum", DataTypes.StringType, false),
                DataTypes.createStructField("row_number", DataTypes.LongType, false),
                DataTypes.createStructField("ingested_at", DataTypes.TimestampType, false),
                DataTypes.createStructField("raw_text", DataTypes.StringType, true),
                DataTypes.createStructField("fail_field", DataTypes.StringType, true),
                DataTypes.createStructField("fail_reason", DataTypes.StringType, true),
                DataTypes.createStructField("fail_message", DataTypes.StringType, true),
                DataTypes.createStructField("_record", DataTypes.IntegerType, false)));
        StructType silver = LakeSpark.schema(kind.silver());
        for (StructField f : silver.fields()) {
            if (!BASE.contains(f.name())) {
                fields.add(DataTypes.createStructField(f.name(), f.dataType(), true));
            }
        }
        return DataTypes.createStructType(fields);
    }

    /** Validates a batch's bronze records of one kind; {@code hints} are per source file. */
    public static Dataset<Row> validate(Dataset<Row> bronze, FileKind kind, Map<String, Map<String, String>> hints) {
        StructType schema = schema(kind);
        List<String> silverColumns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!BASE.contains(f.name())) {
                silverColumns.add(f.name());
            }
        }
        Map<String, Map<String, String>> fileHints = new HashMap<>(hints);
        MapPartitionsFunction<Row, Row> f = rows -> {
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                out.addAll(validateRow(rows.next(), kind, fileHints, silverColumns));
            }
            return out.iterator();
        };
        return bronze.mapPartitions(f, Encoders.row(schema));
    }

    static List<Row> validateRow(Row b, FileKind kind, Map<String, Map<String, String>> hints, List<String> silver) {
        String file = b.getAs("source_file");
        Object[] base = {
            b.getAs("ingest_batch_id"),
            file,
            b.getAs("file_checksum"),
            b.getAs("row_number"),
            b.getAs("ingested_at"),
            b.getAs("raw_text"),
            null,
            null,
            null,
            1
        };
        String parseError = b.getAs("parse_error");
        if (parseError != null) {
            int colon = parseError.indexOf(':');
            base[6] = null;
            base[7] = colon > 0 ? parseError.substring(0, colon) : ReasonCode.MALFORMED_ROW.code();
            base[8] = colon > 0 ? parseError.substring(colon + 1).strip() : parseError;
            return List.of(row(base, silver, Map.of()));
        }
        Map<String, String> fields = javaMap(b.getAs("fields"));
        Map<String, String> extras = javaMap(b.getAs("extra_columns"));
        Map<String, String> h = new HashMap<>(hints.getOrDefault(file, Map.of()));
        if (fields.containsKey("_sheet")) {
            h.put("sheet", fields.get("_sheet"));
        }
        RecordValidation.Outcome outcome;
        try {
            outcome = RecordValidation.validate(kind, fields, extras, h);
        } catch (RuntimeException e) {
            outcome = new RecordValidation.Outcome(
                    List.of(),
                    new RecordValidation.Failure(
                            null, ReasonCode.INVALID_VALUE.code(), "cannot type the record: " + e));
        }
        if (outcome.failure() != null) {
            base[6] = outcome.failure().field();
            base[7] = outcome.failure().reasonCode();
            base[8] = outcome.failure().message()
                    + where(fields, outcome.failure().field());
            return List.of(row(base, silver, Map.of()));
        }
        List<Row> rows = new ArrayList<>();
        Timestamp updated = b.getAs("ingested_at");
        for (Map<String, Object> values : outcome.rows()) {
            Map<String, Object> v = new HashMap<>(values);
            v.putIfAbsent("updated_at", v.get("captured_at") != null ? v.get("captured_at") : updated);
            v.put("ingest_batch_id", base[0]);
            v.put("source_file", file);
            v.put("row_number", base[3]);
            Object[] copy = base.clone();
            copy[9] = rows.isEmpty() ? 1 : 0;
            rows.add(row(copy, silver, v));
        }
        return rows;
    }

    /** " (sheet 2011_PAPI, cell A66)" when the failing field came from a spreadsheet cell. */
    static String where(Map<String, String> fields, String field) {
        String cell = field == null ? null : fields.get(RecordFileReader.CELL + field);
        if (cell == null) {
            return "";
        }
        String sheet = fields.get("_sheet");
        return " (" + (sheet == null ? "" : "sheet " + sheet + ", ") + "cell " + cell + ")";
    }

    private static Row row(Object[] base, List<String> silver, Map<String, Object> values) {
        Object[] all = new Object[base.length + silver.size()];
        System.arraycopy(base, 0, all, 0, base.length);
        for (int i = 0; i < silver.size(); i++) {
            Object v = values.get(silver.get(i));
            if (v instanceof Map<?, ?> m) {
                v = CollectionConverters.asScala(m);
            }
            all[base.length + i] = v;
        }
        return RowFactory.create(all);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> javaMap(Object value) {
        if (value == null) {
            return new HashMap<>();
        }
        if (value instanceof scala.collection.Map<?, ?> m) {
            return new HashMap<>((Map<String, String>) CollectionConverters.asJava(m));
        }
        return new HashMap<>((Map<String, String>) value);
    }

    /** Silver rows of the records that passed, in the contract's columns. */
    public static Dataset<Row> accepted(Dataset<Row> validated, LakeTable table) {
        return LakeSpark.conform(validated.filter(col("fail_reason").isNull()), table);
    }

    /** Quarantine rows: lineage, raw text, the failure. */
    public static Dataset<Row> quarantined(Dataset<Row> validated, Timestamp at) {
        return validated
                .filter(col("fail_reason").isNotNull())
                .select(
                        col("ingest_batch_id"),
                        col("source_file"),
                        col("file_checksum"),
                        col("row_number"),
                        col("raw_text"),
                        col("fail_field").as("field"),
                        col("fail_reason").as("reason_code"),
                        col("fail_message").as("message"),
                        lit(at).as("quarantined_at"));
    }

    /** The key columns of a kind's silver table: one row per key, latest update wins. */
    public static List<String> key(FileKind kind) {
        return switch (kind) {
            case UNIT_REPORTS -> List.of("province_code", "unit_key", "period_type", "period");
            case PORTAL_EVALUATIONS ->
                List.of(
                        "root_department_id",
                        "department_id",
                        "evaluation_group",
                        "metric_code",
                        "period_type",
                        "period",
                        "scope");
            case SURVEY_RESPONSES -> List.of("province_code", "period", "respondent_id", "question_code");
            // two publishers of the same figure (UNDP's workbook and a compilation) are kept side by side
            case INDEX_SCORES -> List.of("index_code", "year", "province_code", "component_code", "source");
            case DOSSIERS -> List.of("dossier_id");
        };
    }

    static List<String> columns(LakeTable table) {
        return table.columns().stream().map(Column::name).toList();
    }
}
