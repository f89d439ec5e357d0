package vn.chiso.ingest.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import vn.chiso.contract.DossierStatus;
import vn.chiso.contract.ReasonCode;
import vn.chiso.contract.UnitLevel;

/**
 * The checks of a dossier row, each declared once: the condition a failing row meets, the reason
 * and message it is quarantined with, and the {@code ops/data_quality} row that counts it.
 * Validation quarantines a row for the first failing check in this order; data quality counts,
 * per measured check, every row that fails it. Conditions read the typed columns ({@code t_*})
 * that {@link DossierValidation} adds.
 */
public final class DossierChecks {

    /**
     * One check. {@code reason} is null for a check that is only measured; {@code measure} is null
     * for one that only quarantines.
     *
     * @param column the column checked (null: the whole row)
     * @param failed the condition a failing row meets (null counts as passing)
     * @param reason the quarantine reason code, a column because a parse error carries its own
     * @param message the quarantine message
     */
    public record Check(String column, Column failed, Column reason, Column message, Measure measure) {

        /** Quarantines a row for this check when it is the first that fails. */
        boolean quarantines() {
            return reason != null;
        }

        /** The {@code failure} struct (field, reason code, message) of a failing row, else null. */
        Column failure() {
            return when(
                    coalesce(failed, lit(false)),
                    functions.struct(
                            lit(column).cast("STRING").as("field"), reason.as("reason_code"), message.as("message")));
        }

        Check measured(String name, String text, boolean parsedOnly) {
            return new Check(column, failed, reason, message, new Measure(name, text, parsedOnly));
        }
    }

    /**
     * How a check is reported in {@code ops/data_quality}.
     *
     * @param name the check's name there (completeness, in_domain, date_order …)
     * @param message what its failing rows are
     * @param parsedOnly counts only rows read as records (a parse error fails {@code parseable} alone)
     */
    public record Measure(String name, String message, boolean parsedOnly) {}

    /** Quality rows of the first failure: the reason validation gave a row. */
    static final Column FIRST_REASON = col("failure.reason_code");

    private DossierChecks() {}

    /** Every check, in the order validation tries them. */
    public static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        checks.add(parse());
        checks.add(required("dossier_id"));
        checks.addAll(province());
        checks.addAll(unit());
        checks.addAll(channel());
        checks.addAll(dates());
        checks.addAll(status());
        checks.addAll(rest());
        return checks;
    }

    /** The checks that quarantine, in order. */
    public static List<Check> quarantining() {
        return all().stream().filter(Check::quarantines).toList();
    }

    /** The checks reported in {@code ops/data_quality}, in order. */
    public static List<Check> measured() {
        return all().stream().filter(c -> c.measure() != null).toList();
    }

    /** The first failing check's failure struct, null for a row that passes every check. */
    static Column firstFailure() {
        // each check is null unless it fails, so coalesce picks the first failure and stops there
        return coalesce(quarantining().stream().map(Check::failure).toArray(Column[]::new));
    }

    private static Check parse() {
        Column parseError = col("parse_error");
        Column reason = when(parseError.rlike("^[A-Z_]+: "), functions.regexp_extract(parseError, "^([A-Z_]+): ", 1))
                .otherwise(lit(ReasonCode.MALFORMED_ROW.code()));
        Column message = functions.regexp_replace(parseError, "^[A-Z_]+: ", "");
        return new Check(null, parseError.isNotNull(), reason, message, null)
                .measured("parseable", "rows that could not be read as records", false);
    }

    /** The province, official and valid on the received date. */
    private static List<Check> province() {
        Column afterReform = DossierValidation.afterReform();
        return List.of(
                required("province_code"),
                check(
                        "province_code",
                        col("t_province_code")
                                .isNull()
                                .or(DossierValidation.officialProvince().unary_$bang()),
                        ReasonCode.UNKNOWN_PROVINCE,
                        quoted("province_code", " is not an official province code")),
                check(
                        "province_code",
                        col("t_received_at")
                                .isNotNull()
                                .and(DossierValidation.provinceOnDate().unary_$bang()),
                        ReasonCode.UNIT_NOT_VALID_ON_DATE,
                        provinceNotOnDate(afterReform)),
                measuredOnly(
                        "unit_valid_on_date",
                        "province_code",
                        FIRST_REASON.isin(ReasonCode.UNKNOWN_PROVINCE.code(), ReasonCode.UNIT_NOT_VALID_ON_DATE.code()),
                        "unit not valid on the received date",
                        false));
    }

    /** The unit and its level, how its name resolved, and a district after districts were abolished. */
    private static List<Check> unit() {
        return List.of(
                check("unit_code", col("t_unit_code").isNull(), ReasonCode.MISSING_VALUE, lit("unit_code is empty")),
                measuredOnly(
                        "unit_missing",
                        "unit_code",
                        col("t_unit_match").equalTo("missing"),
                        "rows with neither unit code nor unit name: counted for their province only",
                        true),
                measuredOnly(
                        "unit_unresolved",
                        "unit_name",
                        col("t_unit_match").equalTo("unresolved"),
                        "unit names whose level no prefix tells (ingest/unit-name-prefixes.csv): keyed by name",
                        true),
                measuredOnly(
                        "district_unlisted",
                        "unit_name",
                        col("t_unit_match").equalTo("name").and(isDistrict()),
                        "district names not in the unit list: keyed by name, not by an official code",
                        true),
                check(
                        "unit_level",
                        col("unit_level").isNotNull().and(col("t_level_given").isNull()),
                        ReasonCode.INVALID_VALUE,
                        quoted("unit_level", " is not a known value")),
                // the level the unit's name tells counts: a unit given by name is complete without one
                measuredOnly(
                        "in_domain",
                        "unit_level",
                        col("unit_level").isNotNull().and(col("t_unit_level").isNull()),
                        "unit level not in the vocabulary",
                        false),
                check(
                                "unit_level",
                                col("unit_level")
                                        .isNull()
                                        .and(col("t_unit_level").isNull()),
                                ReasonCode.MISSING_VALUE,
                                lit("unit_level is empty"))
                        .measured("completeness", "unit_level is empty and not told by the unit's name", true),
                check(
                        "unit_level",
                        DossierValidation.afterReform().and(isDistrict()),
                        ReasonCode.UNIT_NOT_VALID_ON_DATE,
                        concat(
                                lit("district-level unit '"),
                                col("t_unit_code"),
                                lit("' is not valid on "),
                                functions.date_format(col("t_received_at"), "yyyy-MM-dd"),
                                lit(" (districts were abolished on 2025-07-01)"))));
    }

    private static List<Check> channel() {
        return List.of(required("channel"), inVocabulary("channel", "t_channel"));
    }

    private static List<Check> dates() {
        return List.of(
                required("received_at"),
                notADate("received_at", "t_received_at"),
                required("due_at"),
                notADate("due_at", "t_due_at"),
                check(
                                "due_at",
                                col("t_due_at").lt(col("t_received_at")),
                                ReasonCode.DUE_BEFORE_RECEIVED,
                                concat(
                                        lit("due date "),
                                        col("due_at"),
                                        lit(" is before received date "),
                                        col("received_at")))
                        .measured("date_order", "due before received", false),
                check(
                        "resolved_at",
                        col("resolved_at").isNotNull().and(col("t_resolved_at").isNull()),
                        ReasonCode.INVALID_DATE,
                        quoted("resolved_at", " is not a date")),
                check(
                                "resolved_at",
                                col("t_resolved_at").lt(col("t_received_at")),
                                ReasonCode.RESOLVED_BEFORE_RECEIVED,
                                concat(
                                        lit("resolved date "),
                                        col("resolved_at"),
                                        lit(" is before received date "),
                                        col("received_at")))
                        .measured("date_order", "resolved before received", false));
    }

    /** The status, and the resolved date it implies or excludes. */
    private static List<Check> status() {
        Column needsResolution = col("t_status")
                .isin(Arrays.stream(DossierStatus.values())
                        .filter(s -> s.isResolved() || s == DossierStatus.RETURNED)
                        .map(DossierStatus::code)
                        .toArray());
        Column pending = col("t_status")
                .isin(Arrays.stream(DossierStatus.values())
                        .filter(DossierStatus::isPending)
                        .map(DossierStatus::code)
                        .toArray());
        return List.of(
                required("status"),
                inVocabulary("status", "t_status"),
                check(
                        "resolved_at",
                        needsResolution.and(col("t_resolved_at").isNull()),
                        ReasonCode.MISSING_VALUE,
                        concat(lit("status '"), col("status"), lit("' needs a resolved date"))),
                check(
                        "resolved_at",
                        pending.and(col("t_resolved_at").isNotNull()),
                        ReasonCode.INCONSISTENT_STATUS,
                        concat(
                                lit("status '"),
                                col("status"),
                                lit("' is pending but has resolved date "),
                                col("resolved_at"))));
    }

    private static List<Check> rest() {
        return List.of(
                check(
                                "rating",
                                col("rating")
                                        .isNotNull()
                                        .and(coalesce(col("t_rating").between(1, 5), lit(false))
                                                .unary_$bang()),
                                ReasonCode.INVALID_VALUE,
                                quoted("rating", " is not a rating from 1 to 5"))
                        .measured("in_domain", "rating not 1–5", false),
                check(
                        "updated_at",
                        col("updated_at").isNotNull().and(col("t_updated_at").isNull()),
                        ReasonCode.INVALID_DATE,
                        quoted("updated_at", " is not a date")));
    }

    private static Column provinceNotOnDate(Column afterReform) {
        return concat(
                lit("province '"),
                col("province_code"),
                lit("' is not valid on "),
                functions.date_format(col("t_received_at"), "yyyy-MM-dd"),
                when(
                                afterReform,
                                concat(
                                        lit(" (merged into "),
                                        try_element_at(DossierValidation.successors(), col("t_province_code")),
                                        lit(" on 2025-07-01)")))
                        .otherwise(lit(" (a code of the 34 provinces from 2025-07-01)")));
    }

    private static Column isDistrict() {
        return col("t_unit_level").equalTo(UnitLevel.DISTRICT.code());
    }

    private static Check check(String column, Column failed, ReasonCode reason, Column message) {
        return new Check(column, failed, lit(reason.code()), message, null);
    }

    private static Check measuredOnly(String name, String column, Column failed, String message, boolean parsedOnly) {
        return new Check(column, failed, null, null, new Measure(name, message, parsedOnly));
    }

    /** A required column: empty is missing; measured as completeness of rows read as records. */
    private static Check required(String column) {
        return check(column, col(column).isNull(), ReasonCode.MISSING_VALUE, lit(column + " is empty"))
                .measured("completeness", column + " is empty", true);
    }

    /** A value given but not in its vocabulary (checked after {@link #required}). */
    private static Check inVocabulary(String column, String typed) {
        return check(
                        column,
                        col(column).isNotNull().and(col(typed).isNull()),
                        ReasonCode.INVALID_VALUE,
                        quoted(column, " is not a known value"))
                .measured("in_domain", column + " not in the vocabulary", false);
    }

    private static Check notADate(String column, String typed) {
        return check(
                column,
                col(typed).isNull(),
                ReasonCode.INVALID_DATE,
                quoted(column, " is not a date (dd/MM/yyyy HH:mm)"));
    }

    private static Column quoted(String column, String text) {
        return concat(lit(column + " '"), col(column), lit("'" + text));
    }
}
