package vn.chiso.ingest.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.DossierStatus;
import vn.chiso.ingest.DossierFields;
import vn.chiso.ingest.parse.Provinces;
import vn.chiso.ingest.parse.VnDates;

/**
 * Bronze → silver typing and checks as one DataFrame pipeline. Each bronze row gets its typed
 * values and, if any check fails, the first failure (field, reason code, message). Accepted rows
 * become silver dossiers; the others go to quarantine with their raw text.
 */
public final class DossierValidation {

    /** Date-time spellings seen in exports, tried in order. */
    private static final List<String> DATE_FORMATS = List.of(
            "dd/MM/yyyy HH:mm",
            "d/M/yyyy H:mm",
            "dd/MM/yyyy HH:mm:ss",
            "d/M/yyyy",
            "dd/MM/yyyy",
            "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-dd HH:mm",
            "yyyy-MM-dd'T'HH:mm:ss",
            "yyyy-MM-dd");

    private DossierValidation() {}

    /** Adds typed columns ({@code t_*}) and the first failing check ({@code failure}) to bronze rows. */
    public static Dataset<Row> validate(Dataset<Row> bronze) {
        return validate(bronze, null);
    }

    /**
     * As {@link #validate(Dataset)}, resolving district names against a unit list
     * ({@code province_code, unit_code, unit_name} of districts with official codes, e.g. silver/units;
     * null for none) and against the districts the batch itself names with their codes.
     */
    public static Dataset<Row> validate(Dataset<Row> bronze, Dataset<Row> listedDistricts) {
        return typed(bronze, listedDistricts).withColumn("failure", DossierChecks.firstFailure());
    }

    /** Bronze rows with their typed values ({@code t_*}), the unit resolved. */
    private static Dataset<Row> typed(Dataset<Row> bronze, Dataset<Row> listedDistricts) {
        Column province = functions.trim(col("province_code"));
        Dataset<Row> typed = bronze.withColumn("t_received_at", parseTimestamp(col("received_at")))
                .withColumn(
                        "t_province_code",
                        when(province.rlike("^[0-9]$"), lpad(province, 2, "0"))
                                .when(province.rlike("^[0-9]{2}$"), province)
                                .otherwise(PROVINCE_BY_NAME.apply(province, col("t_received_at"))))
                .withColumn("t_level_given", Vocabulary.lookup(Vocabulary.LEVEL, col("unit_level")));
        return UnitResolution.resolve(typed, listedDistricts)
                .withColumn("t_channel", Vocabulary.lookup(Vocabulary.CHANNEL, col("channel")))
                .withColumn("t_status", Vocabulary.lookup(Vocabulary.STATUS, col("status")))
                .withColumn("t_due_at", parseTimestamp(col("due_at")))
                .withColumn("t_resolved_at", parseTimestamp(col("resolved_at")))
                .withColumn("t_updated_at", parseTimestamp(col("updated_at")))
                .withColumn("t_rating", functions.trim(col("rating")).try_cast("INT"));
    }

    /** Received on or after the 34 provinces' first day. */
    static Column afterReform() {
        return col("t_received_at").geq(lit(Timestamp.valueOf(AdminUnits.FIRST_DAY_OF_34_PROVINCES.atStartOfDay())));
    }

    /** The province code is an official one, of the 63 or of the 34 provinces. */
    static Column officialProvince() {
        return col("t_province_code").isin(ALL_CODES.toArray());
    }

    /** The province code is one of the provinces of the received date. */
    static Column provinceOnDate() {
        return when(afterReform(), col("t_province_code").isin(CODES_34.toArray()))
                .otherwise(col("t_province_code").isin(CODES_63.toArray()));
    }

    /** Code of each of the 63 provinces → "code name" of the province it merged into. */
    static Column successors() {
        return SUCCESSOR;
    }

    /** Silver dossier rows from the rows that passed every check. */
    public static Dataset<Row> accepted(Dataset<Row> validated) {
        Column resolved = col("t_resolved_at");
        Column onTime = col("t_status")
                .isin(
                        DossierStatus.RESOLVED_EARLY.code(),
                        DossierStatus.RESOLVED_ON_TIME.code(),
                        DossierStatus.PENDING_WITHIN_DEADLINE.code())
                .or(col("t_status").equalTo(DossierStatus.RETURNED.code()).and(resolved.leq(col("t_due_at"))));
        Column processingDays = functions
                .round(
                        functions
                                .unix_timestamp(resolved)
                                .minus(functions.unix_timestamp(col("t_received_at")))
                                .cast("DECIMAL(18,2)")
                                .divide(lit(86400)),
                        2)
                .cast("DECIMAL(9,2)");
        return validated
                .filter(col("failure").isNull())
                .select(
                        col("dossier_id"),
                        col("t_province_code").as("province_code"),
                        col("t_district_code").as("district_code"),
                        col("t_unit_code").as("unit_code"),
                        col("unit_name"),
                        col("t_unit_level").as("unit_level"),
                        col("procedure_code"),
                        col("field"),
                        col("t_channel").as("channel"),
                        col("t_received_at").as("received_at"),
                        col("t_due_at").as("due_at"),
                        resolved.as("resolved_at"),
                        col("t_status").as("status"),
                        coalesce(onTime, lit(false)).as("counts_on_time"),
                        col("t_rating").as("rating"),
                        when(resolved.isNotNull(), processingDays).as("processing_days"),
                        functions.year(col("t_received_at")).as("received_year"),
                        functions.month(col("t_received_at")).as("received_month"),
                        // the state's time: the export's own update time, else the latest date it carries
                        coalesce(
                                        col("t_updated_at"),
                                        functions.greatest(
                                                col("t_received_at"), coalesce(resolved, col("t_received_at"))))
                                .as("updated_at"),
                        col("ingest_batch_id"),
                        col("source_file"),
                        col("row_number"));
    }

    /** Quarantine rows: lineage, the raw text, and the failure. */
    public static Dataset<Row> quarantined(Dataset<Row> validated, Timestamp at) {
        Column[] rawValues =
                DossierFields.RAW.stream().map(f -> coalesce(col(f), lit(""))).toArray(Column[]::new);
        return validated
                .filter(col("failure").isNotNull())
                .select(
                        col("ingest_batch_id"),
                        col("source_file"),
                        col("file_checksum"),
                        col("row_number"),
                        coalesce(
                                        col("raw_text"),
                                        concat(
                                                coalesce(
                                                        concat(
                                                                lit("["),
                                                                try_element_at(col("extra_columns"), lit("_sheet")),
                                                                lit("] ")),
                                                        lit("")),
                                                concat_ws(",", rawValues)))
                                .as("raw_text"),
                        col("failure.field").as("field"),
                        col("failure.reason_code").as("reason_code"),
                        col("failure.message").as("message"),
                        lit(at).as("quarantined_at"));
    }

    /**
     * Spark's own parsing for the common spellings (fast), then {@link VnDates} for the rest
     * ({@code 25-5-2018}, {@code 14h03}, Excel serial days): one rule set, tested in Java.
     */
    static Column parseTimestamp(Column raw) {
        Column trimmed = functions.trim(raw);
        List<Column> attempts = new java.util.ArrayList<>();
        attempts.add(fastTimestamp(trimmed));
        attempts.addAll(DATE_FORMATS.stream()
                .map(f -> functions.try_to_timestamp(trimmed, lit(f)))
                .toList());
        attempts.add(when(trimmed.isNotNull(), VN_DATE.apply(trimmed).cast("TIMESTAMP")));
        return coalesce(attempts.toArray(Column[]::new));
    }

    /**
     * The exports' own spelling, {@code dd/MM/yyyy HH:mm}, without a date-time formatter: the
     * digits rearranged into ISO order and cast, which Spark does with its own parser, several
     * times faster. Same value as {@code try_to_timestamp(s, 'dd/MM/yyyy HH:mm')} on every string
     * of that shape (an impossible date or time is null either way, and falls through to the
     * formats after it); null for any other shape.
     */
    static Column fastTimestamp(Column trimmed) {
        Column iso = functions.concat(
                functions.substring(trimmed, 7, 4),
                lit("-"),
                functions.substring(trimmed, 4, 2),
                lit("-"),
                functions.substring(trimmed, 1, 2),
                lit(" "),
                functions.substring(trimmed, 12, 5));
        return when(trimmed.rlike("^[0-9]{2}/[0-9]{2}/[12][0-9]{3} [0-9]{2}:[0-9]{2}$"), iso.try_cast("TIMESTAMP"));
    }

    private static final UserDefinedFunction VN_DATE =
            functions.udf((UDF1<String, LocalDateTime>) VnDates::parse, DataTypes.TimestampNTZType);

    /** A province written as a name ("Tỉnh Phú Thọ", "TP. HCM"), as the code valid on the record's date. */
    private static final UserDefinedFunction PROVINCE_BY_NAME = functions.udf(
            (UDF2<String, Timestamp, String>) (name, at) -> {
                if (name == null) {
                    return null;
                }
                java.time.LocalDate on = at == null
                        ? AdminUnits.LAST_DAY_OF_63_PROVINCES
                        : at.toLocalDateTime().toLocalDate();
                Provinces.Resolution r = Provinces.get().resolve(name, on);
                if (r.ok()) {
                    return r.unit().code();
                }
                // not valid on the date: its code, so that the validity check names the problem
                Provinces.Resolution before = Provinces.get().resolve(name, AdminUnits.LAST_DAY_OF_63_PROVINCES);
                Provinces.Resolution after = Provinces.get().resolve(name, AdminUnits.FIRST_DAY_OF_34_PROVINCES);
                return before.ok()
                        ? before.unit().code()
                        : after.ok() ? after.unit().code() : null;
            },
            DataTypes.StringType);

    private static final List<String> CODES_63 = Provinces.get().versions().stream()
            .filter(v -> v.validTo() != null)
            .map(Provinces.Version::code)
            .toList();
    private static final List<String> CODES_34 = Provinces.get().versions().stream()
            .filter(v -> v.validFrom() != null)
            .map(Provinces.Version::code)
            .toList();
    private static final List<String> ALL_CODES = java.util.stream.Stream.concat(CODES_63.stream(), CODES_34.stream())
            .distinct()
            .toList();
    private static final Column SUCCESSOR = functions.map(Provinces.get().versions().stream()
            .filter(v -> v.validTo() != null)
            .flatMap(v -> java.util.stream.Stream.of(lit(v.code()), lit(v.successorCode() + " " + v.successorName())))
            .toArray(Column[]::new));
}
