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
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.ingest.records.RecordStage;
import vn.chiso.ingest.source.FileKind;

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

    private DataQuality() {}

    public static Dataset<Row> dossiers(Dataset<Row> validated, String batchId, Timestamp at) {
        Column ok = col("parse_error").isNull();
        Column reason = col("failure.reason_code");
        List<Check> checks = new ArrayList<>();
        for (String c : List.of("dossier_id", "province_code", "channel", "received_at", "due_at", "status")) {
            checks.add(new Check("completeness", c, ok.and(col(c).isNull()), c + " is empty"));
        }
        // a unit written as a name is complete; its level may come from the name
        checks.add(new Check(
                "completeness",
                "unit_level",
                ok.and(col("unit_level").isNull()).and(col("t_unit_level").isNull()),
                "unit_level is empty and not told by the unit's name"));
        Column match = col("t_unit_match");
        checks.add(new Check(
                "unit_missing",
                "unit_code",
                ok.and(match.equalTo("missing")),
                "rows with neither unit code nor unit name: counted for their province only"));
        checks.add(new Check(
                "unit_unresolved",
                "unit_name",
                ok.and(match.equalTo("unresolved")),
                "unit names whose level no prefix tells (ingest/unit-name-prefixes.csv): keyed by name"));
        checks.add(new Check(
                "district_unlisted",
                "unit_name",
                ok.and(match.equalTo("name")).and(col("t_unit_level").equalTo("district")),
                "district names not in the unit list: keyed by name, not by an official code"));
        checks.add(new Check(
                "date_order",
                "resolved_at",
                col("t_resolved_at").lt(col("t_received_at")),
                "resolved before received"));
        checks.add(new Check("date_order", "due_at", col("t_due_at").lt(col("t_received_at")), "due before received"));
        checks.add(new Check(
                "in_domain",
                "status",
                col("status").isNotNull().and(col("t_status").isNull()),
                "status not in the vocabulary"));
        checks.add(new Check(
                "in_domain",
                "channel",
                col("channel").isNotNull().and(col("t_channel").isNull()),
                "channel not in the vocabulary"));
        checks.add(new Check(
                "in_domain",
                "unit_level",
                col("unit_level").isNotNull().and(col("t_unit_level").isNull()),
                "unit level not in the vocabulary"));
        checks.add(new Check(
                "in_domain",
                "rating",
                col("rating")
                        .isNotNull()
                        .and(coalesce(col("t_rating").between(1, 5), lit(false)).unary_$bang()),
                "rating not 1–5"));
        checks.add(new Check(
                "unit_valid_on_date",
                "province_code",
                reason.isin("UNKNOWN_PROVINCE", "UNIT_NOT_VALID_ON_DATE").or(reason.equalTo("UNIT_NOT_VALID_ON_DATE")),
                "unit not valid on the received date"));
        checks.add(
                new Check("parseable", null, col("parse_error").isNotNull(), "rows that could not be read as records"));
        List<Row> rows = evaluate(validated, checks, lit(1), batchId, "silver_dossiers", at);
        long duplicates = validated
                .filter(col("dossier_id").isNotNull())
                .groupBy("source_file", "dossier_id")
                .count()
                .filter(col("count").gt(1))
                .agg(coalesce(sum("count"), lit(0L)))
                .first()
                .getLong(0);
        rows.add(row(
                batchId,
                "silver_dossiers",
                "unique_id",
                "dossier_id",
                rows.get(0).getLong(4),
                duplicates,
                "rows whose dossier id appears more than once in the same file",
                at));
        return frame(validated.sparkSession(), rows);
    }

    public static Dataset<Row> records(Dataset<Row> validated, FileKind kind, String batchId, Timestamp at) {
        String table = kind.silver().sqlName();
        Column reason = col("fail_reason");
        Column accepted = reason.isNull();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("completeness", null, reason.equalTo("MISSING_VALUE"), "required values missing"));
        checks.add(new Check(
                "in_domain",
                null,
                reason.isin(
                        "INVALID_VALUE",
                        "INVALID_NUMBER",
                        "INVALID_DATE",
                        "UNKNOWN_FACTOR",
                        "UNKNOWN_COMPONENT",
                        "PRECISION_LOSS",
                        "INCONSISTENT_VALUES"),
                "values outside their domain"));
        checks.add(new Check(
                "unit_valid_on_date",
                "province_code",
                reason.isin("UNKNOWN_PROVINCE", "UNIT_NOT_VALID_ON_DATE"),
                "unit not valid on the record's date"));
        checks.add(new Check(
                "parseable",
                null,
                reason.isin("MALFORMED_ROW", "ENCODING_ERROR"),
                "rows that could not be read as records"));
        if (kind == FileKind.UNIT_REPORTS) {
            Column in = col("received").plus(col("carried_over"));
            Column out = col("resolved_early")
                    .plus(col("resolved_on_time"))
                    .plus(col("resolved_late"))
                    .plus(col("pending_within_deadline"))
                    .plus(col("pending_overdue"));
            checks.add(new Check(
                    "report_balance",
                    "received",
                    accepted.and(in.notEqual(out)),
                    "received + carried over ≠ resolved + pending"));
            checks.add(new Check(
                    "date_order",
                    "resolved_on_time",
                    accepted.and(col("resolved_early")
                            .plus(col("resolved_on_time"))
                            .plus(col("resolved_late"))
                            .gt(in)),
                    "more resolved than received + carried over"));
        }
        if (kind == FileKind.PORTAL_EVALUATIONS) {
            Column expected = functions.round(
                    col("numerator")
                            .cast("DECIMAL(20,0)")
                            .multiply(lit(100))
                            .divide(col("denominator").cast("DECIMAL(20,0)")),
                    2);
            checks.add(new Check(
                    "portal_ratio",
                    "ratio",
                    accepted.and(col("denominator").gt(0)).and(col("ratio").notEqual(expected)),
                    "ratio ≠ round_half_up(100 × numerator / denominator, 2)"));
        }
        List<Row> rows = evaluate(validated, checks, col("_record"), batchId, table, at);
        List<String> key = RecordStage.key(kind);
        long duplicates = validated
                .filter(accepted)
                .groupBy(key.stream().map(functions::col).toArray(Column[]::new))
                .count()
                .filter(col("count").gt(1))
                .agg(coalesce(sum("count"), lit(0L)))
                .first()
                .getLong(0);
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
                failed == 0 ? "passed" : "failed",
                failed == 0 ? null : failed + " row(s): " + message,
                at);
    }

    private static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, LakeSpark.schema(LakeTable.DATA_QUALITY));
    }
}
