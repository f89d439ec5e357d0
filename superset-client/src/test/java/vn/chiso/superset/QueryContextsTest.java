package vn.chiso.superset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryContextsTest {

    private static ObjectNode form(String yaml) throws Exception {
        return (ObjectNode) Definitions.YAML.readTree(yaml);
    }

    @Test
    void rawTableSelectsItsColumnsInItsOrder() throws Exception {
        ObjectNode f = form("""
                query_mode: raw
                all_columns: [rank, unit_name]
                order_by_cols: ['["rank", true]', '["unit_name", false]']
                row_limit: 100
                adhoc_filters:
                  - {expressionType: SIMPLE, clause: WHERE, subject: period_type, operator: "==", comparator: "year"}
                  - {expressionType: SQL, clause: WHERE, sqlExpression: "score > 0"}
                """);
        JsonNode q =
                QueryContexts.build(5, "table", f, Set.of()).path("queries").path(0);
        assertEquals("[\"rank\",\"unit_name\"]", q.path("columns").toString());
        assertEquals(
                "[[\"rank\",true],[\"unit_name\",false]]", q.path("orderby").toString());
        assertEquals("[]", q.path("metrics").toString());
        assertEquals(100, q.path("row_limit").asInt());
        assertEquals(
                "[{\"col\":\"period_type\",\"op\":\"==\",\"val\":\"year\"}]",
                q.path("filters").toString());
        assertEquals("(score > 0)", q.path("extras").path("where").asText());
    }

    @Test
    void aggregateTableSortsByItsSortMetric() throws Exception {
        ObjectNode f = form("""
                query_mode: aggregate
                groupby: [province_name]
                metrics: [ton_dong, ty_le_dung_han]
                timeseries_limit_metric: ty_le_dung_han
                order_desc: true
                """);
        JsonNode ctx = QueryContexts.build(3, "table", f, Set.of());
        JsonNode q = ctx.path("queries").path(0);
        assertEquals("[\"province_name\"]", q.path("columns").toString());
        assertEquals("[\"ton_dong\",\"ty_le_dung_han\"]", q.path("metrics").toString());
        assertEquals("[[\"ty_le_dung_han\",false]]", q.path("orderby").toString());
        assertEquals(3, ctx.path("datasource").path("id").asInt());
        assertEquals("full", ctx.path("result_type").asText());
    }

    @Test
    void timeseriesXAxisGetsTheTimeGrainOnlyWhenTemporal() throws Exception {
        ObjectNode f = form("""
                x_axis: thang
                time_grain_sqla: P1M
                metrics: [diem]
                groupby: []
                """);
        JsonNode x = QueryContexts.build(2, "echarts_timeseries_line", f, Set.of("thang"))
                .path("queries")
                .path(0)
                .path("columns")
                .path(0);
        assertEquals("BASE_AXIS", x.path("columnType").asText());
        assertEquals("thang", x.path("sqlExpression").asText());
        assertEquals("P1M", x.path("timeGrain").asText());
        JsonNode cat = QueryContexts.build(
                        2, "echarts_timeseries_bar", form("x_axis: unit_name\nmetrics: [diem]\n"), Set.of("thang"))
                .path("queries")
                .path(0)
                .path("columns")
                .path(0);
        assertEquals("unit_name", cat.path("sqlExpression").asText());
        assertEquals(false, cat.has("timeGrain"));
    }

    @Test
    void countryMapAndBigNumber() throws Exception {
        JsonNode map = QueryContexts.build(
                        4, "country_map", form("entity: iso_3166_2\nmetric: ty_le_dung_han\n"), Set.of())
                .path("queries")
                .path(0);
        assertEquals("[\"iso_3166_2\"]", map.path("columns").toString());
        assertEquals("[\"ty_le_dung_han\"]", map.path("metrics").toString());
        JsonNode big = QueryContexts.build(4, "big_number_total", form("metric: ton_dong\n"), Set.of())
                .path("queries")
                .path(0);
        assertEquals("[]", big.path("columns").toString());
        assertEquals("[\"ton_dong\"]", big.path("metrics").toString());
    }
}
