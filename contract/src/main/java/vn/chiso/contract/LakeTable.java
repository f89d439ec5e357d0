package vn.chiso.contract;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every table of the lake: where it lives (layer/name under the lake root), the name it is
 * registered under for SQL, and its schema. Jobs, the API, dashboards and notebooks all take
 * table locations and column names from here.
 */
public enum LakeTable {
    BRONZE_DOSSIERS("bronze", "dossiers", Schemas.BRONZE_DOSSIERS, "ingest_batch_id"),
    /** By receiving month: a day's updates (dossiers received lately) touch the files of their months only. */
    SILVER_DOSSIERS("silver", "dossiers", Schemas.SILVER_DOSSIERS, "received_year", "received_month"),
    SILVER_UNITS("silver", "units", Schemas.SILVER_UNITS),
    BRONZE_RECORDS("bronze", "records", Schemas.BRONZE_RECORDS, "kind"),
    SILVER_UNIT_REPORTS("silver", "unit_reports", Schemas.SILVER_UNIT_REPORTS),
    SILVER_PORTAL_EVALUATIONS("silver", "portal_evaluations", Schemas.SILVER_PORTAL_EVALUATIONS),
    SILVER_SURVEY_RESPONSES("silver", "survey_responses", Schemas.SILVER_SURVEY_RESPONSES),
    SILVER_INDEX_SCORES("silver", "index_scores", Schemas.SILVER_INDEX_SCORES),
    QUARANTINE("ops", "quarantine", Schemas.QUARANTINE),
    RECONCILIATION("ops", "reconciliation", Schemas.RECONCILIATION),
    INGESTED_FILES("ops", "ingested_files", Schemas.INGESTED_FILES),
    DATA_QUALITY("ops", "data_quality", Schemas.DATA_QUALITY),
    /** Ranking releases (draft → published) and who moved them when: written by the API, append-only. */
    RELEASES("ops", "releases", Schemas.RELEASES),
    GOLD_UNIT_KPIS("gold", "unit_kpis", Schemas.GOLD_UNIT_KPIS, "period_type"),
    GOLD_RANKINGS("gold", "rankings", Schemas.GOLD_RANKINGS, "index_code"),
    GOLD_INDEX_SCORES("gold", "index_scores", Schemas.GOLD_INDEX_SCORES, "index_code"),
    GOLD_RANK_CHANGES("gold", "rank_changes", Schemas.GOLD_RANK_CHANGES, "index_code"),
    GOLD_REFORM_SERIES("gold", "reform_series", Schemas.GOLD_REFORM_SERIES, "series"),
    /** The score bands of every methodology version, as its file declares them (e.g. PAR Index A ≥ 90). */
    GOLD_INDEX_BANDS("gold", "index_bands", Schemas.GOLD_INDEX_BANDS),
    /** Every index side by side per province and year (built from gold/rankings after the indices). */
    GOLD_PROVINCE_INDICES("gold", "province_indices", Schemas.GOLD_PROVINCE_INDICES),
    /** Rank correlation between indices per year, across the provinces ranked on both. */
    GOLD_INDEX_CORRELATIONS("gold", "index_correlations", Schemas.GOLD_INDEX_CORRELATIONS);

    private final String layer;
    private final String tableName;
    private final List<Column> columns;
    private final List<String> partitionColumns;

    LakeTable(String layer, String tableName, List<Column> columns, String... partitionColumns) {
        this.layer = layer;
        this.tableName = tableName;
        this.columns = columns;
        this.partitionColumns = List.of(partitionColumns);
    }

    public String layer() {
        return layer;
    }

    /** Path relative to the lake root, e.g. {@code gold/rankings}. */
    public String relativePath() {
        return layer + "/" + tableName;
    }

    /** Absolute location under a lake root (a local path or any Hadoop URI such as s3a://bucket/lake). */
    public String location(String lakeRoot) {
        String root = lakeRoot.endsWith("/") ? lakeRoot.substring(0, lakeRoot.length() - 1) : lakeRoot;
        return root + "/" + relativePath();
    }

    /** Name under which SQL sees the table, e.g. {@code gold_rankings}. */
    public String sqlName() {
        return layer + "_" + tableName;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> partitionColumns() {
        return partitionColumns;
    }

    /** The schema as a Spark DDL string ({@code StructType.fromDDL} reads it). */
    public String ddl() {
        return columns.stream().map(Column::ddl).collect(Collectors.joining(", "));
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
