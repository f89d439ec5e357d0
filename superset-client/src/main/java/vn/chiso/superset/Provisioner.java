package vn.chiso.superset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes Superset hold exactly what the definitions say: one database connection, the datasets,
 * the charts and the dashboards.
 *
 * <p>Idempotent by natural keys: the database by {@code database_name}, a dataset by
 * {@code table_name} within that database, a chart by its title ({@code slice_name}, unique over
 * the definitions), a dashboard by {@code slug}. Each is looked up first, then updated in place
 * ({@code PUT}) or created ({@code POST}), so a second run changes nothing but timestamps and never
 * duplicates. Objects provisioned earlier but no longer defined (recognised by the marker this
 * class writes: {@code chiso_definition} in a chart's params and a dataset's extra, and
 * {@code certified_by = chiso} on dashboards) are deleted, unless pruning is off.
 */
public final class Provisioner {

    /** Written into what we create, so a later run can tell ours from hand-made objects. */
    public static final String MARKER = "chiso_definition";

    public static final String CERTIFIED_BY = "chiso";

    /** Where Superset reads the lake: the database connection (DuckDB by default; Trino or Spark scale-up). */
    public record Target(String databaseName, String sqlalchemyUri, String extra, String schema) {}

    private final SupersetClient client;
    private final Definitions defs;
    private final Target target;
    private final PrintStream log;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final ObjectNode summary = Json.object();

    public Provisioner(SupersetClient client, Definitions defs, Target target, PrintStream log) {
        this.client = client;
        this.defs = defs;
        this.target = target;
        this.log = log;
    }

    private record DatasetState(int id, Set<String> columns, Set<String> temporal) {}

    /** Runs the whole provisioning and returns a JSON summary (ids, URLs, what was created/updated). */
    public ObjectNode run(boolean prune) {
        long t0 = System.nanoTime();
        int dbId = database();
        Map<String, DatasetState> datasets = new LinkedHashMap<>();
        ObjectNode dsOut = summary.putObject("datasets");
        for (var e : defs.datasets().entrySet()) {
            DatasetState st = dataset(dbId, e.getKey(), e.getValue());
            datasets.put(e.getKey(), st);
            dsOut.putObject(e.getKey()).put("id", st.id()).set("columns", Json.array(st.columns()));
        }
        ArrayNode boards = summary.putArray("dashboards");
        Set<Integer> keptCharts = new LinkedHashSet<>();
        Set<String> keptSlugs = new LinkedHashSet<>();
        for (Definitions.Dashboard d : defs.dashboards()) {
            ObjectNode out = dashboard(d, datasets);
            boards.add(out);
            out.path("charts").forEach(c -> {
                if (c.has("id")) {
                    keptCharts.add(c.get("id").asInt());
                }
            });
            keptSlugs.add(d.slug());
        }
        if (prune) {
            prune(keptCharts, keptSlugs, datasets);
        }
        ObjectNode c = summary.putObject("counts");
        counts.forEach(c::put);
        summary.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        return summary;
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    // ---------------------------------------------------------------- database

    private int database() {
        ObjectNode body = Json.object()
                .put("database_name", target.databaseName())
                .put("sqlalchemy_uri", target.sqlalchemyUri())
                .put("expose_in_sqllab", true)
                .put("allow_dml", false)
                .put("allow_run_async", false);
        if (target.extra() != null && !target.extra().isBlank()) {
            body.put("extra", target.extra());
        }
        Optional<JsonNode> found = client.findOne("database", "database_name", target.databaseName());
        int id;
        if (found.isEmpty()) {
            id = client.post("/api/v1/database/", body).path("id").asInt();
            count("database.created");
        } else {
            id = found.get().path("id").asInt();
            client.put("/api/v1/database/" + id, body);
            count("database.updated");
        }
        summary.putObject("database")
                .put("id", id)
                .put("name", target.databaseName())
                .put("uri", target.sqlalchemyUri());
        log.printf("database %s (id %d): %s%n", target.databaseName(), id, target.sqlalchemyUri());
        return id;
    }

    // ---------------------------------------------------------------- datasets

    private DatasetState dataset(int dbId, String name, Definitions.Dataset spec) {
        int id = saveDatasetSql(dbId, name, spec.sql().strip());
        // Columns come from running the SQL: re-read them after every change of the SQL.
        client.put("/api/v1/dataset/" + id + "/refresh", null);
        JsonNode current = client.get("/api/v1/dataset/" + id).path("result");
        DatasetColumns found = labelledColumns(current, spec);
        requireLabelledColumns(name, spec, found.names());
        ArrayNode metrics = metricsUpdate(current, spec, found.names());
        ObjectNode update = Json.object();
        update.set("columns", found.update());
        update.set("metrics", metrics); // metrics not in the definitions are removed
        if (spec.description() != null) {
            update.put("description", spec.description().strip());
        }
        update.put("extra", Json.write(Json.object().put(MARKER, Definitions.DATASETS_FILE + "#" + name)));
        update.put(
                "main_dttm_col",
                found.temporal().isEmpty() ? null : found.temporal().iterator().next());
        client.put("/api/v1/dataset/" + id, update);
        log.printf(
                "dataset %s (id %d): %d columns, %d metrics%n",
                name, id, found.names().size(), metrics.size());
        return new DatasetState(id, found.names(), found.temporal());
    }

    /** The dataset's id after creating it or updating its SQL and schema (found by name within the database). */
    private int saveDatasetSql(int dbId, String name, String sql) {
        Integer id = existingDatasetId(dbId, name);
        if (id == null) {
            ObjectNode body = Json.object()
                    .put("database", dbId)
                    .put("schema", target.schema())
                    .put("table_name", name)
                    .put("sql", sql);
            id = client.post("/api/v1/dataset/", body).path("id").asInt();
            count("dataset.created");
        } else {
            client.put("/api/v1/dataset/" + id, Json.object().put("sql", sql).put("schema", target.schema()));
            count("dataset.updated");
        }
        return id;
    }

    /** The id of the dataset of this name in the database, or null; two of them is an error. */
    private Integer existingDatasetId(int dbId, String name) {
        Integer id = null;
        for (JsonNode n : client.find("dataset", "table_name", name)) {
            if (n.path("database").path("id").asInt() == dbId) {
                if (id != null) {
                    throw new SupersetException(
                            SupersetException.Kind.HTTP,
                            0,
                            "two datasets named " + name
                                    + " in database " + target.databaseName() + " (ids " + id + ", "
                                    + n.path("id").asInt() + "); delete one",
                            null);
                }
                id = n.path("id").asInt();
            }
        }
        return id;
    }

    /** The columns Superset found: their names, the temporal ones, and their update with our labels. */
    private record DatasetColumns(Set<String> names, Set<String> temporal, ArrayNode update) {}

    private static DatasetColumns labelledColumns(JsonNode current, Definitions.Dataset spec) {
        Set<String> columns = new LinkedHashSet<>();
        Set<String> temporal = new LinkedHashSet<>();
        ArrayNode cols = Json.array();
        for (JsonNode c : current.path("columns")) {
            String colName = c.path("column_name").asText();
            columns.add(colName);
            if (c.path("is_dttm").asBoolean()) {
                temporal.add(colName);
            }
            ObjectNode col = cols.addObject().put("id", c.path("id").asInt()).put("column_name", colName);
            copyIfPresent(c, col, "type", "expression", "python_date_format", "description");
            for (String flag : List.of("is_dttm", "filterable", "groupby", "is_active")) {
                if (c.has(flag) && !c.get(flag).isNull()) {
                    col.put(flag, c.get(flag).asBoolean());
                }
            }
            String label = spec.columns().get(colName);
            if (label != null) {
                col.put("verbose_name", label);
            } else {
                col.putNull("verbose_name");
            }
        }
        return new DatasetColumns(columns, temporal, cols);
    }

    /** Every labelled column that is not optional must come out of the SQL. */
    private static void requireLabelledColumns(String name, Definitions.Dataset spec, Set<String> columns) {
        List<String> missing = new ArrayList<>();
        for (String labelled : spec.columns().keySet()) {
            if (!columns.contains(labelled) && !spec.optionalColumns().contains(labelled)) {
                missing.add(labelled);
            }
        }
        if (!missing.isEmpty()) {
            throw new SupersetException(
                    SupersetException.Kind.DEFINITION,
                    0,
                    "dataset " + name
                            + ": the SQL gives no column " + missing + " (it gives " + columns
                            + "); fix dashboards/definitions/" + Definitions.DATASETS_FILE,
                    null);
        }
    }

    /** The defined metrics whose columns exist, keeping the ids of those Superset already has. */
    private static ArrayNode metricsUpdate(JsonNode current, Definitions.Dataset spec, Set<String> columns) {
        Map<String, Integer> metricIds = new LinkedHashMap<>();
        for (JsonNode m : current.path("metrics")) {
            metricIds.put(m.path("metric_name").asText(), m.path("id").asInt());
        }
        ArrayNode metrics = Json.array();
        spec.metrics().forEach((mName, m) -> {
            if (!columns.containsAll(m.requiresColumns())) {
                return; // e.g. rank-interval metrics before gold has those columns
            }
            ObjectNode node = metrics.addObject();
            if (metricIds.containsKey(mName)) {
                node.put("id", metricIds.get(mName));
            }
            node.put("metric_name", mName).put("expression", m.sql().strip()).put("verbose_name", m.label());
            if (m.format() != null) {
                node.put("d3format", m.format());
            }
            if (m.description() != null) {
                node.put("description", m.description());
            }
        });
        return metrics;
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String... keys) {
        for (String k : keys) {
            JsonNode v = from.get(k);
            if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty())) {
                to.set(k, v);
            }
        }
    }

    // ---------------------------------------------------------------- charts

    /** The chart's id, or empty when its required columns are missing (then it is not made). */
    private Optional<Integer> chart(Definitions.Dashboard d, String key, Definitions.Chart spec, DatasetState ds) {
        ObjectNode form = spec.params().deepCopy();
        form.put("viz_type", spec.viz());
        form.put("datasource", ds.id() + "__table");
        form.put(MARKER, d.file() + "#" + key);
        if (!form.has("adhoc_filters")) {
            form.putArray("adhoc_filters");
        }
        ObjectNode queryContext = QueryContexts.build(ds.id(), spec.viz(), form, ds.temporal());
        ObjectNode body = Json.object()
                .put("slice_name", spec.title())
                .put("viz_type", spec.viz())
                .put("datasource_id", ds.id())
                .put("datasource_type", "table")
                .put("params", Json.write(form))
                .put("query_context", Json.write(queryContext))
                .put(
                        "description",
                        spec.description() == null ? null : spec.description().strip());
        Optional<JsonNode> found = client.findOne("chart", "slice_name", spec.title());
        int id;
        if (found.isEmpty()) {
            id = client.post("/api/v1/chart/", body).path("id").asInt();
            count("chart.created");
        } else {
            id = found.get().path("id").asInt();
            client.put("/api/v1/chart/" + id, body);
            count("chart.updated");
        }
        return Optional.of(id);
    }

    // ---------------------------------------------------------------- dashboards

    /** The charts of a dashboard that were made (key to id, id to dataset) and those waiting for columns. */
    private record MadeCharts(
            Map<String, Integer> chartIds, Map<String, String> disabled, Map<Integer, String> chartDataset) {}

    private ObjectNode dashboard(Definitions.Dashboard d, Map<String, DatasetState> datasets) {
        ObjectNode out =
                Json.object().put("slug", d.slug()).put("title", d.title()).put("file", d.file());
        MadeCharts made = charts(d, datasets, out.putArray("charts"));
        int id = dashboardId(d);
        ObjectNode positions = Layouts.positions(d, made.chartIds(), made.disabled());
        ObjectNode metadata = metadata(d, datasets, made.chartIds(), made.chartDataset());
        // "positions" inside json_metadata makes Superset link exactly these charts to the dashboard
        // (and drop links to charts no longer on it), in the same update.
        metadata.set("positions", positions);
        ObjectNode body = Json.object()
                .put("dashboard_title", d.title())
                .put("slug", d.slug())
                .put("published", true)
                .put("certified_by", CERTIFIED_BY)
                .put(
                        "certification_details",
                        "Định nghĩa trong mã nguồn: dashboards/definitions/" + d.file()
                                + " — sửa ở đó rồi chạy lại ./chiso superset")
                .put("position_json", Json.write(positions))
                .put("json_metadata", Json.write(metadata));
        client.put("/api/v1/dashboard/" + id, body);
        String url = client.baseUri() + "/superset/dashboard/" + d.slug() + "/";
        out.put("id", id).put("url", url);
        log.printf(
                "dashboard '%s' (id %d, %d charts%s): %s%n",
                d.title(),
                id,
                made.chartIds().size(),
                made.disabled().isEmpty() ? "" : ", " + made.disabled().size() + " waiting for columns",
                url);
        return out;
    }

    /** Makes the dashboard's charts (those not waiting for columns), listing each in {@code chartsOut}. */
    private MadeCharts charts(Definitions.Dashboard d, Map<String, DatasetState> datasets, ArrayNode chartsOut) {
        Map<String, Integer> chartIds = new LinkedHashMap<>();
        Map<String, String> disabled = new LinkedHashMap<>();
        Map<Integer, String> chartDataset = new LinkedHashMap<>();
        for (var e : d.charts().entrySet()) {
            Definitions.Chart spec = e.getValue();
            DatasetState ds = datasets.get(spec.dataset());
            ObjectNode co = chartsOut
                    .addObject()
                    .put("key", e.getKey())
                    .put("title", spec.title())
                    .put("dataset", spec.dataset())
                    .put("viz", spec.viz());
            String waiting = waitingFor(spec, ds);
            if (waiting != null) {
                disabled.put(e.getKey(), spec.fallbackMarkdown());
                co.put("disabled", waiting);
                log.printf(
                        "  chart '%s' not made: %s (it appears once they are there; run again)%n",
                        spec.title(), waiting);
                continue;
            }
            int id = chart(d, e.getKey(), spec, ds).orElseThrow();
            chartIds.put(e.getKey(), id);
            chartDataset.put(id, spec.dataset());
            co.put("id", id);
        }
        return new MadeCharts(chartIds, disabled, chartDataset);
    }

    /** The dashboard's id, found by slug or created (its content is set by the update that follows). */
    private int dashboardId(Definitions.Dashboard d) {
        Optional<JsonNode> found = client.findOne("dashboard", "slug", d.slug());
        if (found.isEmpty()) {
            int id = client.post(
                            "/api/v1/dashboard/",
                            Json.object()
                                    .put("dashboard_title", d.title())
                                    .put("slug", d.slug())
                                    .put("published", true))
                    .path("id")
                    .asInt();
            count("dashboard.created");
            return id;
        }
        count("dashboard.updated");
        return found.get().path("id").asInt();
    }
    /**
     * Why a chart with {@code requires_columns} cannot be made yet, or null: the dataset lacks a
     * column, or no row has all of them (e.g. rank intervals of an index computed without them).
     */
    private String waitingFor(Definitions.Chart spec, DatasetState ds) {
        if (spec.requiresColumns().isEmpty()) {
            return null;
        }
        List<String> missing = spec.requiresColumns().stream()
                .filter(c -> !ds.columns().contains(c))
                .toList();
        if (!missing.isEmpty()) {
            return "dataset " + spec.dataset() + " has no column " + String.join(", ", missing);
        }
        String allSet = String.join(
                " AND ",
                spec.requiresColumns().stream().map(c -> c + " IS NOT NULL").toList());
        String rows = scalar(ds.id(), "SUM(CASE WHEN " + allSet + " THEN 1 ELSE 0 END)");
        if (rows == null || rows.equals("0") || rows.equals("0.0")) {
            return "dataset " + spec.dataset() + " has no row with values in "
                    + String.join(", ", spec.requiresColumns());
        }
        return null;
    }

    /** A filter's default: its default_sql computed by Superset, else (error or no value) its literal default. */
    private String filterDefault(Definitions.Filter f, DatasetState ds) {
        if (f.defaultSql() != null) {
            try {
                String v = scalar(ds.id(), f.defaultSql());
                if (v != null) {
                    return v;
                }
            } catch (SupersetException e) {
                if (f.defaultValue() == null) {
                    throw e;
                }
                log.printf(
                        "  filter '%s': default_sql failed (%s); using '%s'%n",
                        f.label(), e.getMessage().lines().findFirst().orElse(""), f.defaultValue());
            }
        }
        return f.defaultValue();
    }

    /** json_metadata: native filters (with defaults), cross filters, colours. */
    private ObjectNode metadata(
            Definitions.Dashboard d,
            Map<String, DatasetState> datasets,
            Map<String, Integer> chartIds,
            Map<Integer, String> chartDataset) {
        ObjectNode md = Json.object();
        ArrayNode filters = md.putArray("native_filter_configuration");
        for (var e : d.filters().entrySet()) {
            Definitions.Filter f = e.getValue();
            FilterScope scope = filterScope(f, datasets, chartIds, chartDataset);
            String value = filterDefault(f, datasets.get(f.dataset()));
            nativeFilter(filters.addObject(), d, e.getKey(), f, datasets.get(f.dataset()), scope, value);
        }
        ObjectNode global = md.putObject("global_chart_configuration");
        ObjectNode gs = global.putObject("scope");
        gs.putArray("rootPath").add("ROOT_ID");
        gs.putArray("excluded");
        global.set("chartsInScope", Json.array(chartIds.values()));
        ObjectNode perChart = md.putObject("chart_configuration");
        for (var e : chartIds.entrySet()) {
            crossFilters(perChart, e.getValue(), d.charts().get(e.getKey()).crossFiltersTo(), chartIds);
        }
        md.put("cross_filters_enabled", true);
        md.put("refresh_frequency", 0);
        md.putObject("expanded_slices");
        md.putObject("label_colors");
        md.putArray("shared_label_colors");
        md.putArray("timed_refresh_immune_slices");
        md.put("default_filters", "{}");
        return md;
    }

    /** The chart ids a native filter applies to, and the others. */
    private record FilterScope(List<Integer> inScope, List<Integer> excluded) {}

    /** A filter applies to the charts whose dataset has its column (and, if it names charts, only those). */
    private static FilterScope filterScope(
            Definitions.Filter f,
            Map<String, DatasetState> datasets,
            Map<String, Integer> chartIds,
            Map<Integer, String> chartDataset) {
        List<Integer> inScope = new ArrayList<>();
        List<Integer> excluded = new ArrayList<>();
        Set<Integer> allowed = new LinkedHashSet<>();
        f.charts().forEach(k -> {
            if (chartIds.containsKey(k)) {
                allowed.add(chartIds.get(k));
            }
        });
        chartIds.values().forEach(cid -> {
            if ((f.charts().isEmpty() || allowed.contains(cid))
                    && datasets.get(chartDataset.get(cid)).columns().contains(f.column())) {
                inScope.add(cid);
            } else {
                excluded.add(cid);
            }
        });
        return new FilterScope(inScope, excluded);
    }

    /** Fills {@code nf} with one native filter's configuration: target, controls, default and scope. */
    private static void nativeFilter(
            ObjectNode nf,
            Definitions.Dashboard d,
            String key,
            Definitions.Filter f,
            DatasetState ds,
            FilterScope scope,
            String value) {
        nf.put("id", "NATIVE_FILTER-" + d.slug() + "-" + key);
        nf.put("name", f.label());
        nf.put("description", f.description() == null ? "" : f.description());
        nf.put("filterType", "filter_select");
        nf.put("type", "NATIVE_FILTER");
        nf.putArray("targets")
                .addObject()
                .put("datasetId", ds.id())
                .putObject("column")
                .put("name", f.column());
        ObjectNode cv = nf.putObject("controlValues");
        cv.put("enableEmptyFilter", f.required())
                .put("defaultToFirstItem", false)
                .put("multiSelect", f.multi())
                .put("searchAllOptions", false)
                .put("inverseSelection", false);
        if (f.sort() != null) {
            cv.put("sortAscending", f.sort().equals("asc"));
        }
        defaultDataMask(nf.putObject("defaultDataMask"), f.column(), value);
        nf.putArray("cascadeParentIds");
        ObjectNode scopeNode = nf.putObject("scope");
        scopeNode.putArray("rootPath").add("ROOT_ID");
        scopeNode.set("excluded", Json.array(scope.excluded()));
        nf.set("chartsInScope", Json.array(scope.inScope()));
        nf.putArray("tabsInScope");
    }

    /** The filter's selected value at load: {@code column IN (value)}, or nothing. */
    private static void defaultDataMask(ObjectNode mask, String column, String value) {
        if (value != null) {
            mask.putObject("extraFormData")
                    .putArray("filters")
                    .addObject()
                    .put("col", column)
                    .put("op", "IN")
                    .set("val", Json.array().add(value));
            mask.putObject("filterState").set("value", Json.array().add(value));
        } else {
            mask.putObject("extraFormData");
            mask.putObject("filterState");
        }
        mask.putObject("ownState");
    }

    /** A chart's cross filters: every other chart (global), or only those in {@code to}. */
    private static void crossFilters(ObjectNode perChart, int cid, List<String> to, Map<String, Integer> chartIds) {
        ObjectNode cc = perChart.putObject(String.valueOf(cid)).put("id", cid);
        ObjectNode cf = cc.putObject("crossFilters");
        List<Integer> targets = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        chartIds.forEach((k, v) -> {
            if (v != cid) {
                (to.isEmpty() || to.contains(k) ? targets : others).add(v);
            }
        });
        if (to.isEmpty()) {
            cf.put("scope", "global");
        } else {
            ObjectNode sc = cf.putObject("scope");
            sc.putArray("rootPath").add("ROOT_ID");
            sc.set("excluded", Json.array(others).add(cid));
        }
        cf.set("chartsInScope", Json.array(targets));
    }

    /** One value computed by Superset over a dataset (e.g. the latest year for a filter's default). */
    public String scalar(int datasetId, String sqlAggregate) {
        ObjectNode ctx = Json.object();
        ctx.putObject("datasource").put("id", datasetId).put("type", "table");
        ctx.put("force", false);
        ObjectNode q = ctx.putArray("queries").addObject();
        q.putArray("columns");
        q.putArray("metrics")
                .addObject()
                .put("expressionType", "SQL")
                .put("sqlExpression", sqlAggregate)
                .put("label", "value");
        q.putArray("filters");
        q.put("row_limit", 1);
        q.putObject("extras").put("where", "").put("having", "");
        ctx.put("result_format", "json");
        ctx.put("result_type", "full");
        JsonNode data =
                client.post("/api/v1/chart/data", ctx).path("result").path(0).path("data");
        JsonNode v = data.path(0).path("value");
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    // ---------------------------------------------------------------- pruning

    private void prune(Set<Integer> keptCharts, Set<String> keptSlugs, Map<String, DatasetState> datasets) {
        for (JsonNode d : client.listAll("dashboard", List.of("id", "slug", "certified_by"))) {
            if (CERTIFIED_BY.equals(d.path("certified_by").asText())
                    && !keptSlugs.contains(d.path("slug").asText())) {
                client.delete("/api/v1/dashboard/" + d.path("id").asInt());
                count("dashboard.deleted");
                log.printf(
                        "deleted dashboard %s (no longer defined)%n",
                        d.path("slug").asText());
            }
        }
        for (JsonNode c : client.listAll("chart", List.of("id", "slice_name", "params"))) {
            String params = c.path("params").asText("");
            if (params.contains("\"" + MARKER + "\"")
                    && !keptCharts.contains(c.path("id").asInt())) {
                client.delete("/api/v1/chart/" + c.path("id").asInt());
                count("chart.deleted");
                log.printf(
                        "deleted chart '%s' (no longer defined, or waiting for columns again)%n",
                        c.path("slice_name").asText());
            }
        }
        Set<Integer> keptDatasets = new LinkedHashSet<>();
        datasets.values().forEach(s -> keptDatasets.add(s.id()));
        for (JsonNode ds : client.listAll("dataset", List.of("id", "table_name", "extra"))) {
            String extra = ds.path("extra").asText("");
            if (extra.contains("\"" + MARKER + "\"")
                    && !keptDatasets.contains(ds.path("id").asInt())) {
                client.delete("/api/v1/dataset/" + ds.path("id").asInt());
                count("dataset.deleted");
                log.printf(
                        "deleted dataset %s (no longer defined)%n",
                        ds.path("table_name").asText());
            }
        }
    }
}
