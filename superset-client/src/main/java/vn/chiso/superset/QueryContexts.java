package vn.chiso.superset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The saved {@code query_context} of a chart, built from its form data the way Superset's
 * frontend does for the viz types used here. Superset replays it for
 * {@code GET /api/v1/chart/{id}/data/} (the API our data checks read); the dashboards
 * themselves build their queries in the browser from the form data. Post-processing (pivots for
 * the ECharts plugins) is left out on purpose: the data API then returns plain rows, one per
 * group, which is what the checks compare with the gold tables.
 */
public final class QueryContexts {

    private QueryContexts() {}

    /** The query's column, metric and order-by lists, filled per viz type. */
    private record Query(ObjectNode node, ArrayNode columns, ArrayNode metrics, ArrayNode orderby) {
        static Query empty() {
            ObjectNode node = Json.object();
            return new Query(node, node.putArray("columns"), node.putArray("metrics"), node.putArray("orderby"));
        }
    }

    /**
     * The query_context Superset's frontend would save for this viz type and form data.
     *
     * @param temporal the dataset's temporal columns (an x axis on one of them gets the time grain)
     */
    public static ObjectNode build(int datasetId, String viz, JsonNode form, Set<String> temporal) {
        Query query = Query.empty();
        List<String> metricNames = names(form, "metrics");
        if (form.hasNonNull("metric")) {
            metricNames.add(0, form.get("metric").asText());
        }
        boolean desc = form.path("order_desc").asBoolean(true);
        switch (viz) {
            case "table" -> table(query, form, metricNames, desc);
            case "big_number_total" -> metricNames.forEach(query.metrics()::add);
            case "big_number" -> {
                query.columns().add(xAxis(form, form.path("x_axis").asText(), temporal));
                metricNames.forEach(query.metrics()::add);
            }
            case "country_map" -> {
                query.columns().add(form.path("entity").asText());
                metricNames.forEach(query.metrics()::add);
            }
            default -> seriesOrGrouped(query, viz, form, temporal, metricNames, desc);
        }
        query.node().put("row_limit", form.path("row_limit").asInt(10000));
        query.node().put("time_range", form.path("time_range").asText("No filter"));
        filters(query.node(), form);
        ObjectNode ctx = Json.object();
        ctx.putObject("datasource").put("id", datasetId).put("type", "table");
        ctx.put("force", false);
        ctx.putArray("queries").add(query.node());
        ctx.set("form_data", form);
        ctx.put("result_format", "json");
        ctx.put("result_type", "full");
        return ctx;
    }

    /** A table: raw rows (chosen columns and order) or aggregates (groups, metrics, sorted by a metric). */
    private static void table(Query query, JsonNode form, List<String> metricNames, boolean desc) {
        if ("raw".equals(form.path("query_mode").asText())) {
            names(form, "all_columns").forEach(query.columns()::add);
            for (JsonNode o : form.path("order_by_cols")) {
                JsonNode pair = o.isTextual() ? Json.parse(o.asText()) : o;
                query.orderby()
                        .add(Json.array()
                                .add(pair.get(0).asText())
                                .add(pair.get(1).asBoolean()));
            }
            return;
        }
        names(form, "groupby").forEach(query.columns()::add);
        metricNames.addAll(names(form, "percent_metrics"));
        metricNames.forEach(query.metrics()::add);
        String sortBy = form.path("timeseries_limit_metric").asText(null);
        if (sortBy != null) {
            query.orderby().add(Json.array().add(sortBy).add(!desc));
        } else if (!metricNames.isEmpty()) {
            query.orderby().add(Json.array().add(metricNames.get(0)).add(!desc));
        }
    }

    /** Time series (x axis, then series columns) or any other viz (groups and columns); then metrics, sort. */
    private static void seriesOrGrouped(
            Query query, String viz, JsonNode form, Set<String> temporal, List<String> metricNames, boolean desc) {
        if (viz.startsWith("echarts_timeseries") || viz.equals("mixed_timeseries")) {
            if (form.hasNonNull("x_axis")) {
                query.columns().add(xAxis(form, form.get("x_axis").asText(), temporal));
            }
            names(form, "groupby").forEach(query.columns()::add);
            query.node().set("series_columns", Json.array(names(form, "groupby")));
        } else {
            names(form, "groupby").forEach(query.columns()::add);
            names(form, "all_columns").forEach(query.columns()::add);
        }
        metricNames.forEach(query.metrics()::add);
        String sortBy = form.path("timeseries_limit_metric").asText(null);
        if (sortBy != null) {
            query.orderby().add(Json.array().add(sortBy).add(!desc));
        }
    }

    /** Adhoc filters: SQL ones join the WHERE clause, simple ones become query filters (time ranges skipped). */
    private static void filters(ObjectNode query, JsonNode form) {
        ArrayNode filters = query.putArray("filters");
        List<String> where = new ArrayList<>();
        for (JsonNode f : form.path("adhoc_filters")) {
            if ("SQL".equals(f.path("expressionType").asText())) {
                where.add("(" + f.path("sqlExpression").asText() + ")");
            } else if (!"TEMPORAL_RANGE".equals(f.path("operator").asText())) {
                ObjectNode flt = filters.addObject()
                        .put("col", f.path("subject").asText())
                        .put("op", f.path("operator").asText());
                if (f.has("comparator")) {
                    flt.set("val", f.get("comparator"));
                }
            }
        }
        query.putObject("extras").put("having", "").put("where", String.join(" AND ", where));
    }

    /** The x axis as the frontend sends it: a base-axis column, with the time grain if temporal. */
    private static JsonNode xAxis(JsonNode form, String column, Set<String> temporal) {
        ObjectNode c = Json.object()
                .put("columnType", "BASE_AXIS")
                .put("sqlExpression", column)
                .put("label", column)
                .put("expressionType", "SQL");
        if (temporal.contains(column) && form.hasNonNull("time_grain_sqla")) {
            c.put("timeGrain", form.get("time_grain_sqla").asText());
        }
        return c;
    }

    private static List<String> names(JsonNode form, String key) {
        List<String> out = new ArrayList<>();
        JsonNode v = form.get(key);
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        } else if (v != null && v.isTextual()) {
            out.add(v.asText());
        }
        return out;
    }
}
