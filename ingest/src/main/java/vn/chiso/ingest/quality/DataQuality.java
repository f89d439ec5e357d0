package vn.chiso.ingest.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import vn.chiso.contract.CheckStatus;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.ReasonCode;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.ingest.records.RecordStage;
import vn.chiso.ingest.source.FileKind;
import vn.chiso.ingest.validate.DossierChecks;

/**
 * Data-quality checks as code, evaluated on each batch's validated rows and stored in
 * {@code ops/data_quality}: completeness of required fields, unique ids, date order (received ≤
 * resolved, due ≥ received), values in their domain, units valid on the record's date, units
 * written as names that are missing, of unknown level or not in the unit list, and per
 * kind the report balance and the portal's ratio formula. A check "failed" when any row fails it;
 * the rows themselves are quarantined or accepted by validation, the checks only measure.
 */
public final class DataQuality {

    /** One check: name, column (or null), the condition a failing row meets. */
    record Check(String name, String column, Column failed, String message) {}

    /**
     * A check of records that counts the rows quarantined for some reasons: the reasons are the
     * record validation's, so each check is declared where its reasons are named.
     */
    record ReasonCheck(String name, String column, String message, List<ReasonCode> reasons) {
        ReasonCheck(String name, String column, String message, ReasonCode... reasons) {
            this(name, column, message, List.of(reasons));
        }

        Check check() {
            return new Check(
                    name,
                    column,
                    col("fail_reason")
                            .isin(reasons.stream().map(ReasonCode::code).toArray()),
                    message);
        }
    }

    /** The checks of every kind of record, from the reason each quarantined record was given. */
    static final List<ReasonCheck> RECORD_REASONS = List.of(
            new ReasonCheck("completeness", null, "required values missing", ReasonCode.MISSING_VALUE),
            new ReasonCheck(
                    "in_domain",
                    null,
                    "values outside their domain",
                    ReasonCode.INVALID_VALUE,
                    ReasonCode.INVALID_NUMBER,
                    ReasonCode.INVALID_DATE,
                    ReasonCode.UNKNOWN_FACTOR,
                    ReasonCode.UNKNOWN_COMPONENT,
                    ReasonCode.PRECISION_LOSS,
                    ReasonCode.INCONSISTENT_VALUES),
            new ReasonCheck(
                    "unit_valid_on_date",
                    "province_code",
                    "unit not valid on the record's date",
                    ReasonCode.UNKNOWN_PROVINCE,
                    ReasonCode.UNIT_NOT_VALID_ON_DATE),
            new ReasonCheck(
                    "parseable",
                    null,
                    "rows that could not be read as records",
                    ReasonCode.MALFORMED_ROW,
                    ReasonCode.ENCODING_ERROR));

    private DataQuality() {}

    /** The checks of {@link DossierChecks} that are measured, and unique dossier ids per file. */
    public static Dataset<Row> dossiers(Dataset<Row> validated, String batchId, Timestamp at) {
        String table = LakeTable.SILVER_DOSSIERS.sqlName();
        Column parsed = col("parse_error").isNull();
        List<Check> checks = DossierChecks.measured().stream()
                .map(c -> new Check(
                        c.measure().name(),
                        c.column(),
                        c.measure().parsedOnly() ? parsed.and(c.failed()) : c.failed(),
                        c.measure().message()))
                .toList();
        List<Row> rows = evaluate(validated, checks, lit(1), batchId, table, at);
        long duplicates =
                duplicateRows(validated.filter(col("dossier_id").isNotNull()), List.of("source_file", "dossier_id"));
        rows.add(row(
                batchId,
                table,
                "unique_id",
                "dossier_id",
                rows.get(0).getLong(4),
                duplicates,
                "rows whose dossier id appears more than once in the same file",
                at));
        return frame(validated.sparkSession(), rows);
    }

    /** The reason checks, the checks of the kind's own arithmetic, and unique keys in the batch. */
    public static Dataset<Row> records(Dataset<Row> validated, FileKind kind, String batchId, Timestamp at) {
        String table = kind.silver().sqlName();
        List<Check> checks = new ArrayList<>();
        RECORD_REASONS.forEach(r -> checks.add(r.check()));
        checks.addAll(arithmetic(kind, col("fail_reason").isNull()));
        List<Row> rows = evaluate(validated, checks, col("_record"), batchId, table, at);
        List<String> key = RecordStage.key(kind);
        long duplicates = duplicateRows(validated.filter(col("fail_reason").isNull()), key);
        rows.add(row(
                batchId,
                table,
                "unique_id",
                String.join("+", key),
                rows.get(0).getLong(4),
                duplicates,
                "rows whose key appears more than once in the batch",
                at));
        return frame(validated.sparkSession(), rows);
    }

    /** A kind's own sums on accepted records: a report's balance, the portal's ratio formula. */
    private static List<Check> arithmetic(FileKind kind, Column accepted) {
        if (kind == FileKind.UNIT_REPORTS) {
            Column in = col("received").plus(col("carried_over"));
            Column resolved =
                    col("resolved_early").plus(col("resolved_on_time")).plus(col("resolved_late"));
            Column out = resolved.plus(col("pending_within_deadline")).plus(col("pending_overdue"));
            return List.of(
                    new Check(
                            "report_balance",
                            "received",
                            accepted.and(in.notEqual(out)),
                            "received + carried over ≠ resolved + pending"),
                    new Check(
                            "date_order",
                            "resolved_on_time",
                            accepted.and(resolved.gt(in)),
                            "more resolved than received + carried over"));
        }
        if (kind == FileKind.PORTAL_EVALUATIONS) {
            Column expected = functions.round(
                    col("numerator")
                            .cast("DECIMAL(20,0)")
                            .multiply(lit(100))
                            .divide(col("denominator").cast("DECIMAL(20,0)")),
                    2);
            return List.of(new Check(
                    "portal_ratio",
                    "ratio",
                    accepted.and(col("denominator").gt(0)).and(col("ratio").notEqual(expected)),
                    "ratio ≠ round_half_up(100 × numerator / denominator, 2)"));
        }
        return List.of();
    }

    /** Rows whose key another row of the same rows shares. */
    private static long duplicateRows(Dataset<Row> rows, List<String> key) {
        return rows.groupBy(key.stream().map(functions::col).toArray(Column[]::new))
                .count()
                .filter(col("count").gt(1))
                .agg(coalesce(sum("count"), lit(0L)))
                .first()
                .getLong(0);
    }

    private static List<Row> evaluate(
            Dataset<Row> v, List<Check> checks, Column weight, String batchId, String table, Timestamp at) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(coalesce(sum(weight), lit(0L)).cast("BIGINT"));
        for (Check c : checks) {
            aggs.add(count(when(coalesce(c.failed(), lit(false)), lit(1))));
        }
        Row r = v.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .first();
        long checked = r.getLong(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            rows.add(row(batchId, table, c.name(), c.column(), checked, r.getLong(i + 1), c.message(), at));
        }
        return rows;
    }

    private static Row row(
            String batchId,
            String table,
            String check,
            String column,
            long checked,
            long failed,
            String message,
            Timestamp at) {
        return RowFactory.create(
                batchId,
                table,
                check,
                column,
                checked,
                failed,
                CheckStatus.of(failed).code(),
                failed == 0 ? null : failed + " row(s): " + message,
                at);
    }

    private static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, LakeSpark.schema(LakeTable.DATA_QUALITY));
    }
}
