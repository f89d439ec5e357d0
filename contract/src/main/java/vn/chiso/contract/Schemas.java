package vn.chiso.contract;

import static vn.chiso.contract.Column.optional;
import static vn.chiso.contract.Column.required;

import java.util.List;

/** Column lists of the lake tables; {@link LakeTable} pairs each with its location. */
final class Schemas {

    private Schemas() {
    }

    private static final List<Column> LINEAGE = List.of(
            required("ingest_batch_id", "STRING"),
            required("source_file", "STRING"),
            required("file_checksum", "STRING"),
            required("row_number", "BIGINT"));

    /** Raw values exactly as the province sent them, plus lineage; nothing typed yet. */
    static final List<Column> BRONZE_DOSSIERS = concat(LINEAGE, List.of(
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
            optional("successor_name", "STRING"));

    /** Rows set aside, with the raw text and the reason; nothing read is ever dropped silently. */
    static final List<Column> QUARANTINE = concat(LINEAGE, List.of(
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
            required("recorded_at", "TIMESTAMP"));

    /** Content checksums of files already loaded: the same bytes under any name load once. */
    static final List<Column> INGESTED_FILES = List.of(
            required("file_checksum", "STRING"),
            required("source_file", "STRING"),
            required("bytes", "BIGINT"),
            required("ingest_batch_id", "STRING"),
            required("rows_read", "BIGINT"),
            required("ingested_at", "TIMESTAMP"));

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
            optional("rank_in_region_change", "INT"));

    private static List<Column> concat(List<Column> first, List<Column> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
