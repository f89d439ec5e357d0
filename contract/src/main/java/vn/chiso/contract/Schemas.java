package vn.chiso.contract;

import static vn.chiso.contract.Column.optional;
import static vn.chiso.contract.Column.required;

import java.util.List;

/** Column lists of the lake tables; {@link LakeTable} pairs each with its location. */
final class Schemas {

    private Schemas() {}

    private static final List<Column> LINEAGE = List.of(
            required("ingest_batch_id", "STRING"),
            required("source_file", "STRING"),
            required("file_checksum", "STRING"),
            required("row_number", "BIGINT"));

    /** Raw values exactly as the province sent them, plus lineage; nothing typed yet. */
    static final List<Column> BRONZE_DOSSIERS = concat(
            LINEAGE,
            List.of(
                    required("ingested_at", "TIMESTAMP"),
                    optional("dossier_id", "STRING"),
                    optional("unit_code", "STRING"),
                    optional("unit_name", "STRING"),
                    optional("unit_level", "STRING"),
                    optional("province_code", "STRING"),
                    optional("district_code", "STRING"),
                    optional("procedure_code", "STRING"),
                    optional("field", "STRING"),
                    optional("channel", "STRING"),
                    optional("received_at", "STRING"),
                    optional("due_at", "STRING"),
                    optional("resolved_at", "STRING"),
                    optional("status", "STRING"),
                    optional("rating", "STRING"),
                    // The export's own "last updated" time, when it has one (orders a dossier's states).
                    optional("updated_at", "STRING"),
                    optional("extra_columns", "MAP<STRING, STRING>"),
                    // Set only for rows that could not be split into fields.
                    optional("raw_text", "STRING"),
                    optional("parse_error", "STRING")));

    /** One row per dossier, its latest known state; typed and conformed to official codes. */
    static final List<Column> SILVER_DOSSIERS = List.of(
            required("dossier_id", "STRING"),
            required("province_code", "STRING"),
            optional("district_code", "STRING"),
            required("unit_code", "STRING"),
            optional("unit_name", "STRING"),
            required("unit_level", "STRING"),
            optional("procedure_code", "STRING"),
            optional("field", "STRING"),
            required("channel", "STRING"),
            required("received_at", "TIMESTAMP"),
            required("due_at", "TIMESTAMP"),
            optional("resolved_at", "TIMESTAMP"),
            required("status", "STRING"),
            required("counts_on_time", "BOOLEAN"),
            optional("rating", "INT"),
            optional("processing_days", "DECIMAL(9,2)"),
            required("received_year", "INT"),
            required("received_month", "INT"),
            required("updated_at", "TIMESTAMP"),
            required("ingest_batch_id", "STRING"),
            required("source_file", "STRING"),
            required("row_number", "BIGINT"));

    /** Provinces (official codes) and the districts seen in the data, with validity and successor. */
    static final List<Column> SILVER_UNITS = List.of(
            required("unit_code", "STRING"),
            optional("unit_name", "STRING"),
            required("unit_level", "STRING"),
            required("province_code", "STRING"),
            optional("province_name", "STRING"),
            optional("region", "STRING"),
            optional("valid_from", "DATE"),
            optional("valid_to", "DATE"),
            optional("successor_code", "STRING"),
            optional("successor_name", "STRING"),
            // districts: the key their name gives (54:district:huyen-tuy-an), shared by rows keyed by name
            optional("unit_key", "STRING"));

    /** Rows set aside, with the raw text and the reason; nothing read is ever dropped silently. */
    static final List<Column> QUARANTINE = concat(
            LINEAGE,
            List.of(
                    optional("raw_text", "STRING"),
                    optional("field", "STRING"),
                    required("reason_code", "STRING"),
                    required("message", "STRING"),
                    required("quarantined_at", "TIMESTAMP")));

    /** Per file and batch: rows read = rows accepted + rows quarantined. */
    static final List<Column> RECONCILIATION = List.of(
            required("ingest_batch_id", "STRING"),
            required("source_file", "STRING"),
            required("file_checksum", "STRING"),
            required("status", "STRING"),
            required("rows_read", "BIGINT"),
            required("rows_accepted", "BIGINT"),
            required("rows_quarantined", "BIGINT"),
            optional("message", "STRING"),
            required("recorded_at", "TIMESTAMP"),
            // dossiers | unit_reports | portal_evaluations | survey_responses | index_scores
            optional("kind", "STRING"));

    /** Content checksums of files already loaded: the same bytes under any name load once. */
    static final List<Column> INGESTED_FILES = List.of(
            required("file_checksum", "STRING"),
            required("source_file", "STRING"),
            required("bytes", "BIGINT"),
            required("ingest_batch_id", "STRING"),
            required("rows_read", "BIGINT"),
            required("ingested_at", "TIMESTAMP"),
            optional("kind", "STRING"));

    private static final List<Column> PERIOD = List.of(
            required("period_type", "STRING"), // year | half | quarter | month
            required("period", "STRING"), // 2024 | 2024-H1 | 2024-Q3 | 2024-08 (gold's spelling)
            required("period_start", "DATE"),
            required("period_end", "DATE"),
            required("year", "INT"));

    private static final List<Column> SILVER_LINEAGE = List.of(
            required("updated_at", "TIMESTAMP"),
            required("ingest_batch_id", "STRING"),
            required("source_file", "STRING"),
            required("row_number", "BIGINT"));

    /**
     * Raw records of every file kind other than dossier exports (reports, portal captures, surveys,
     * index results): canonical fields and unknown columns as text, plus lineage.
     */
    static final List<Column> BRONZE_RECORDS = concat(
            LINEAGE,
            List.of(
                    required("ingested_at", "TIMESTAMP"),
                    required("kind", "STRING"),
                    optional("fields", "MAP<STRING, STRING>"),
                    optional("extra_columns", "MAP<STRING, STRING>"),
                    optional("raw_text", "STRING"),
                    optional("parse_error", "STRING")));

    /**
     * Periodic aggregate reports per unit and period as units file them (counts as reported, never
     * recomputed): received in the period, carried over, resolved early / on time / late, pending
     * within / past the deadline, received and returned by post. One row per unit and period, latest
     * report wins.
     */
    static final List<Column> SILVER_UNIT_REPORTS = concat(
            concat(
                    List.of(
                            required("province_code", "STRING"),
                            required("unit_key", "STRING"), // unit_code when given, else the unit's name key
                            optional("unit_code", "STRING"),
                            optional("unit_name", "STRING"),
                            required("unit_level", "STRING")),
                    PERIOD),
            concat(
                    List.of(
                            required("received", "BIGINT"),
                            optional("carried_over", "BIGINT"),
                            optional("received_online", "BIGINT"),
                            optional("received_by_post", "BIGINT"),
                            optional("resolved_early", "BIGINT"),
                            optional("resolved_on_time", "BIGINT"),
                            optional("resolved_late", "BIGINT"),
                            optional("pending_within_deadline", "BIGINT"),
                            optional("pending_overdue", "BIGINT"),
                            optional("returned_by_post", "BIGINT"),
                            optional("reported_on_time_ratio", "DECIMAL(7,2)")),
                    SILVER_LINEAGE));

    /**
     * The national portal's evaluation exports (Decision 766), exactly as captured: one row per
     * unit, evaluation group and metric ({@code metric_code = 'TOTAL'} is the group's total of the
     * unit); the province's own total row has {@code is_total}. Decimals are the portal's, unrounded.
     */
    static final List<Column> SILVER_PORTAL_EVALUATIONS = concat(
            concat(
                    List.of(
                            required("province_code", "STRING"),
                            required("root_department_id", "STRING"),
                            required("department_id", "STRING"),
                            optional("department_code", "STRING"),
                            optional("department_name", "STRING"),
                            optional("department_level", "STRING"), // PROVINCE | COMMUNE (as captured)
                            optional("department_type", "STRING"),
                            required("is_total", "BOOLEAN"),
                            required(
                                    "evaluation_group",
                                    "STRING"), // dvc-progress-tree | transparency | handling-satisfaction …
                            required("metric_code", "STRING"),
                            optional("metric_name", "STRING"),
                            optional("numerator", "BIGINT"),
                            optional("denominator", "BIGINT"),
                            optional("ratio", "DECIMAL(12,4)"),
                            optional("score", "DECIMAL(12,4)"),
                            optional("max_score", "DECIMAL(12,4)"),
                            optional("data_quality_status", "STRING"),
                            optional("attributes", "MAP<STRING, STRING>"), // other captured fields, as text
                            optional("scope", "STRING"), // all | formality:<id>
                            optional("captured_at", "TIMESTAMP")),
                    PERIOD),
            SILVER_LINEAGE);

    /**
     * Citizen satisfaction survey answers (SIPAS-style), one row per respondent and question; each
     * question belongs to one of five factors: access, procedures, civil_servant, results, feedback.
     */
    static final List<Column> SILVER_SURVEY_RESPONSES = concat(
            concat(
                    List.of(
                            required("province_code", "STRING"),
                            optional("unit_code", "STRING"),
                            optional("unit_name", "STRING"),
                            required("respondent_id", "STRING")),
                    PERIOD),
            concat(
                    List.of(
                            optional("surveyed_on", "DATE"),
                            required("factor", "STRING"),
                            required("question_code", "STRING"),
                            optional("question_text", "STRING"),
                            required("answer_raw", "STRING"),
                            optional("answer_score", "INT"), // 1–5 on a scale question
                            optional("answer_category", "STRING")),
                    SILVER_LINEAGE));

    /**
     * Official index results per province and year: PAR Index, PAPI, SIPAS … total ({@code
     * component_code = 'TOTAL'}), dimensions and sub-dimensions, as published (or as compiled, see
     * {@code source}).
     */
    static final List<Column> SILVER_INDEX_SCORES = concat(
            List.of(
                    required("index_code", "STRING"), // PAR_INDEX | PAPI | SIPAS | …
                    required("year", "INT"),
                    required("province_code", "STRING"),
                    optional("province_name", "STRING"),
                    required("component_code", "STRING"),
                    optional("component_name", "STRING"),
                    required("component_level", "STRING"), // total | dimension | sub_dimension
                    optional("parent_component", "STRING"),
                    required("score", "DECIMAL(18,9)"),
                    optional("max_score", "DECIMAL(18,9)"),
                    optional("rank", "INT"),
                    optional("source", "STRING")),
            SILVER_LINEAGE);

    /** Data-quality checks per ingest batch and table: rows checked, rows failing, outcome. */
    static final List<Column> DATA_QUALITY = List.of(
            required("ingest_batch_id", "STRING"),
            required("table_name", "STRING"),
            required(
                    "check_name", "STRING"), // completeness | unique_id | date_order | in_domain | unit_valid_on_date …
            optional("column_name", "STRING"),
            required("rows_checked", "BIGINT"),
            required("rows_failed", "BIGINT"),
            required("status", "STRING"), // passed | failed
            optional("message", "STRING"),
            required("checked_at", "TIMESTAMP"));

    /**
     * The audit log of ranking releases, one row per action: an index's ranking for a period is
     * published (the public sees it) or withdrawn (back to draft, reviewers only), by whom, when, and
     * at which versions of the gold tables. The latest row of an (index, period) is its state.
     */
    static final List<Column> RELEASES = List.of(
            required("event_id", "STRING"),
            required("index_code", "STRING"),
            required("period", "STRING"),
            required("status", "STRING"), // published | draft
            required("action", "STRING"), // publish | withdraw
            required("actor", "STRING"),
            required("at", "TIMESTAMP"),
            optional("lake_versions", "STRING"), // gold/rankings@12,gold/index_scores@7,…
            optional("note", "STRING")); // why: the reason the admin gave (the API requires one)

    /** Dossier KPIs per unit (province or district) and period (year, quarter, month). */
    static final List<Column> GOLD_UNIT_KPIS = List.of(
            required("level", "STRING"),
            required("unit_code", "STRING"),
            optional("unit_name", "STRING"),
            required("province_code", "STRING"),
            optional("province_name", "STRING"),
            optional("region", "STRING"),
            required("period_type", "STRING"),
            required("period", "STRING"),
            required("year", "INT"),
            required("received", "BIGINT"),
            required("resolved", "BIGINT"),
            required("resolved_early", "BIGINT"),
            required("resolved_on_time", "BIGINT"),
            required("resolved_late", "BIGINT"),
            required("returned", "BIGINT"),
            required("pending", "BIGINT"),
            required("pending_within_deadline", "BIGINT"),
            required("pending_overdue", "BIGINT"),
            required("on_time", "BIGINT"),
            required("online", "BIGINT"),
            required("postal", "BIGINT"),
            required("rated", "BIGINT"),
            optional("avg_rating", "DECIMAL(4,2)"),
            optional("online_share", "DECIMAL(5,2)"),
            optional("postal_share", "DECIMAL(5,2)"),
            optional("avg_processing_days", "DECIMAL(9,2)"),
            required("on_time_ratio", "DECIMAL(5,2)"),
            required("progress_score", "DECIMAL(5,2)"));

    /** One ranked unit per index, level and period, with the move against the previous period. */
    static final List<Column> GOLD_RANKINGS = List.of(
            required("index_code", "STRING"),
            required("level", "STRING"),
            required("period_type", "STRING"),
            required("period", "STRING"),
            required("year", "INT"),
            required("unit_code", "STRING"),
            optional("unit_name", "STRING"),
            required("province_code", "STRING"),
            optional("region", "STRING"),
            required("score", "DECIMAL(7,2)"),
            required("rank", "INT"),
            required("units_ranked", "INT"),
            optional("rank_in_region", "INT"),
            optional("units_in_region", "INT"),
            required("percentile", "DECIMAL(5,2)"),
            optional("band", "STRING"),
            optional("previous_period", "STRING"),
            optional("previous_score", "DECIMAL(7,2)"),
            optional("previous_rank", "INT"),
            optional("previous_rank_in_region", "INT"),
            optional("score_change", "DECIMAL(7,2)"),
            optional("rank_change", "INT"),
            optional("rank_in_region_change", "INT"),
            // Indices engine (issue 4): the methodology version that produced the score, and the rank's
            // robustness: median and 5–95 % interval over Monte Carlo draws of weights (and respondents);
            // within_noise: the previous rank lies inside this period's interval.
            optional("methodology_version", "STRING"),
            optional("median_rank", "INT"),
            optional("rank_low", "INT"),
            optional("rank_high", "INT"),
            optional("rank_draws", "INT"),
            optional("within_noise", "BOOLEAN"));

    /**
     * Every index's tree per unit and period: the index row (node_type 'index', its total and band),
     * its components and their indicators, each with raw value, normalised value, weight or max
     * points, points and contribution to the total; the source's own figures and whether ours match.
     */
    static final List<Column> GOLD_INDEX_SCORES = List.of(
            required("index_code", "STRING"),
            required("methodology_version", "STRING"),
            required("level", "STRING"),
            required("period_type", "STRING"),
            required("period", "STRING"),
            required("year", "INT"),
            required("unit_code", "STRING"),
            optional("unit_name", "STRING"),
            required("province_code", "STRING"),
            optional("region", "STRING"),
            required("node_type", "STRING"), // index | component | indicator
            required("node_code", "STRING"),
            optional("node_name", "STRING"),
            optional("parent_code", "STRING"),
            optional("numerator", "DECIMAL(24,4)"),
            optional("denominator", "DECIMAL(24,4)"),
            optional("raw_value", "DECIMAL(24,9)"),
            optional("normalised", "DECIMAL(24,9)"),
            optional("weight", "DECIMAL(18,9)"),
            optional("max_points", "DECIMAL(18,9)"),
            optional("score", "DECIMAL(24,9)"),
            optional("contribution", "DECIMAL(24,9)"),
            optional("index_score", "DECIMAL(24,9)"),
            optional("band", "STRING"),
            required("status", "STRING"),
            optional("note", "STRING"),
            optional("published_score", "DECIMAL(24,9)"),
            optional("published_ratio", "DECIMAL(12,4)"),
            optional("matches_published", "BOOLEAN"),
            optional("source", "STRING"));

    /**
     * Why a unit's score and rank changed against the previous period: an 'index' row splitting the
     * rank change into the part due to the unit's own score and the part due to other units moving,
     * and one 'component' row per component with its change of contribution to the score.
     */
    static final List<Column> GOLD_RANK_CHANGES = List.of(
            required("index_code", "STRING"),
            required("level", "STRING"),
            required("period_type", "STRING"),
            required("period", "STRING"),
            required("year", "INT"),
            required("previous_period", "STRING"),
            required("unit_code", "STRING"),
            optional("unit_name", "STRING"),
            required("province_code", "STRING"),
            optional("region", "STRING"),
            required("node_type", "STRING"), // index | component
            required("node_code", "STRING"),
            optional("node_name", "STRING"),
            optional("methodology_version", "STRING"),
            optional("previous_methodology_version", "STRING"),
            optional("comparable", "BOOLEAN"),
            optional("contribution", "DECIMAL(24,9)"),
            optional("previous_contribution", "DECIMAL(24,9)"),
            optional("contribution_change", "DECIMAL(24,9)"),
            optional("share_of_change", "DECIMAL(18,9)"),
            optional("rank", "INT"),
            optional("previous_rank", "INT"),
            optional("rank_change", "INT"),
            optional("counterfactual_rank", "INT"),
            optional("rank_change_own", "INT"),
            optional("rank_change_others", "INT"),
            optional("rank_low", "INT"),
            optional("rank_high", "INT"),
            optional("within_noise", "BOOLEAN"),
            optional("note", "STRING"));

    /**
     * KPIs and indices on the 34 provinces of 1 July 2025: earlier periods re-expressed by summing the
     * former provinces' counts (rates recomputed, never averaged), later periods as reported; an
     * index that cannot be re-expressed has a row saying so and no value.
     */
    static final List<Column> GOLD_REFORM_SERIES = List.of(
            required("series", "STRING"), // kpi | an index code
            required("measure", "STRING"), // a unit_kpis column, or score
            required("period_type", "STRING"),
            required("period", "STRING"),
            required("year", "INT"),
            required("unit_code", "STRING"), // province code after 1 July 2025
            optional("unit_name", "STRING"),
            optional("predecessor_codes", "STRING"), // former provinces, comma-separated
            optional("predecessors_expected", "INT"),
            optional("predecessors_reporting", "INT"),
            optional("value", "DECIMAL(24,4)"),
            required(
                    "status",
                    "STRING"), // re_expressed | same_territory | as_reported | incomplete | not_re_expressible
            optional("note", "STRING"));

    /**
     * The score bands each methodology version declares ({@code bands:} of its YAML): a unit is in a
     * band when {@code min_score ≤ score < below_score} (no upper bound when below_score is null).
     */
    static final List<Column> GOLD_INDEX_BANDS = List.of(
            required("index_code", "STRING"),
            required("methodology_version", "STRING"),
            required("band", "STRING"),
            required("min_score", "DECIMAL(7,2)"),
            optional("below_score", "DECIMAL(7,2)"));

    /**
     * Cross-index view: a province's position on every index in one year, side by side (one row per
     * index × year × province; gold/rankings rows at province level with year periods only, the
     * dossier indices' quarters and months left out), with the previous year beside it.
     */
    static final List<Column> GOLD_PROVINCE_INDICES = List.of(
            required("index_code", "STRING"),
            required("period_type", "STRING"), // year
            required("period", "STRING"),
            required("year", "INT"),
            required("province_code", "STRING"),
            optional("province_name", "STRING"),
            optional("region", "STRING"),
            optional("methodology_version", "STRING"),
            required("score", "DECIMAL(7,2)"),
            required("rank", "INT"),
            required("units_ranked", "INT"),
            required("percentile", "DECIMAL(5,2)"),
            optional("rank_in_region", "INT"),
            optional("units_in_region", "INT"),
            optional("band", "STRING"),
            optional("median_rank", "INT"),
            optional("rank_low", "INT"),
            optional("rank_high", "INT"),
            optional("within_noise", "BOOLEAN"),
            optional("previous_period", "STRING"),
            optional("previous_score", "DECIMAL(7,2)"),
            optional("previous_rank", "INT"),
            optional("score_change", "DECIMAL(7,2)"),
            optional("rank_change", "INT"));

    /**
     * Whether two indices agree, per year: rank correlation across the provinces ranked on both
     * (index_code_a before index_code_b alphabetically). Spearman's rho is the correlation of the
     * scores' average ranks within those provinces (ties share the mean of their places); Kendall's
     * tau-b counts concordant minus discordant pairs, corrected for ties. Null when undefined (fewer
     * than two provinces in common, or every score tied on one index).
     */
    static final List<Column> GOLD_INDEX_CORRELATIONS = List.of(
            required("period_type", "STRING"), // year
            required("period", "STRING"),
            required("year", "INT"),
            required("index_code_a", "STRING"),
            required("index_code_b", "STRING"),
            required("provinces_ranked_a", "INT"),
            required("provinces_ranked_b", "INT"),
            required("provinces_in_common", "INT"),
            optional("spearman_rho", "DECIMAL(5,4)"),
            optional("kendall_tau_b", "DECIMAL(5,4)"),
            optional("methodology_version_a", "STRING"),
            optional("methodology_version_b", "STRING"));

    private static List<Column> concat(List<Column> first, List<Column> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
