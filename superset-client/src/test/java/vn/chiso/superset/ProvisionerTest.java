package vn.chiso.superset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Provisioning the repository's definitions into a fake Superset: twice, then with new columns, then without. */
class ProvisionerTest {

    private static final Definitions DEFS = Definitions.load(DefinitionsTest.DIR);
    private static final Provisioner.Target TARGET =
            new Provisioner.Target("chiso_lake", "duckdb:////tmp/lake.duckdb", "{\"engine_params\":{}}", "main");

    private final AtomicBoolean rankIntervals = new AtomicBoolean(false);

    /** The columns the dataset's SQL would give: every labelled column, the optional ones only on demand. */
    private List<String> columnsOf(String dataset) {
        Definitions.Dataset ds = DEFS.datasets().get(dataset);
        List<String> out = new ArrayList<>();
        ds.columns().keySet().forEach(c -> {
            if (rankIntervals.get() || !ds.optionalColumns().contains(c)) {
                out.add(c);
            }
        });
        return out;
    }

    private ObjectNode provision(FakeSuperset fake) {
        SupersetClient client = SupersetClient.connect(fake.url(), "admin", "admin", Duration.ofSeconds(10));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Provisioner(client, DEFS, TARGET, quiet).run(true);
    }

    private static int charts(ObjectNode summary) {
        int n = 0;
        for (JsonNode d : summary.path("dashboards")) {
            for (JsonNode c : d.path("charts")) {
                n += c.has("id") ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void secondRunUpdatesInPlaceAndCreatesNothing() throws Exception {
        try (FakeSuperset fake = new FakeSuperset(this::columnsOf)) {
            ObjectNode first = provision(fake);
            int defined =
                    DEFS.dashboards().stream().mapToInt(d -> d.charts().size()).sum();
            int waiting = 2; // the rank-interval charts wait for their columns
            assertEquals(1, first.path("counts").path("database.created").asInt());
            assertEquals(
                    DEFS.datasets().size(),
                    first.path("counts").path("dataset.created").asInt());
            assertEquals(
                    defined - waiting,
                    first.path("counts").path("chart.created").asInt());
            assertEquals(
                    DEFS.dashboards().size(),
                    first.path("counts").path("dashboard.created").asInt());

            ObjectNode second = provision(fake);
            second.path("counts")
                    .fieldNames()
                    .forEachRemaining(k ->
                            assertTrue(k.endsWith(".updated"), "second run did " + k + ": " + second.path("counts")));
            assertEquals(first.path("dashboards"), second.path("dashboards"), "same ids, same everything");
            assertEquals(1, fake.objects("database").size());
            assertEquals(DEFS.datasets().size(), fake.objects("dataset").size());
            assertEquals(defined - waiting, fake.objects("chart").size());
            assertEquals(DEFS.dashboards().size(), fake.objects("dashboard").size());
        }
    }

    @Test
    void chartsWaitingForColumnsAppearWhenTheColumnsDoAndGoWhenTheyGo() throws Exception {
        try (FakeSuperset fake = new FakeSuperset(this::columnsOf)) {
            ObjectNode before = provision(fake);
            rankIntervals.set(true);
            ObjectNode with = provision(fake);
            assertEquals(
                    2,
                    with.path("counts").path("chart.created").asInt(),
                    with.path("counts").toString());
            assertEquals(charts(before) + 2, charts(with));
            ObjectNode board = dashboard(fake, "khoang-xep-hang");
            String positions = board.path("position_json").asText();
            assertTrue(positions.contains("CHART-bang_khoang"), positions);
            assertFalse(positions.contains("MARKDOWN-bang_khoang"), positions);
            // metrics over the new columns exist now
            assertTrue(fake.objects("dataset").values().stream()
                    .anyMatch(ds -> ds.path("metrics").toString().contains("hang_trung_vi")));

            rankIntervals.set(false);
            ObjectNode without = provision(fake);
            assertEquals(
                    2,
                    without.path("counts").path("chart.deleted").asInt(),
                    without.path("counts").toString());
            assertEquals(charts(before), fake.objects("chart").size());
            assertTrue(dashboard(fake, "khoang-xep-hang")
                    .path("position_json")
                    .asText()
                    .contains("MARKDOWN-bang_khoang"));
        }
    }

    @Test
    void chartsWaitWhileTheirColumnsHaveNoValues() throws Exception {
        try (FakeSuperset fake = new FakeSuperset(this::columnsOf)) {
            rankIntervals.set(true);
            fake.scalar = sql -> sql.contains("rank_low IS NOT NULL") ? "0" : "2024";
            ObjectNode empty = provision(fake);
            assertTrue(empty.toString().contains("has no row with values in rank_low"), empty.toString());
            assertTrue(dashboard(fake, "khoang-xep-hang")
                    .path("position_json")
                    .asText()
                    .contains("MARKDOWN-bang_khoang"));
            fake.scalar = sql -> "2024";
            ObjectNode filled = provision(fake);
            assertEquals(
                    2,
                    filled.path("counts").path("chart.created").asInt(),
                    filled.path("counts").toString());
        }
    }

    @Test
    void aFailingDefaultSqlFallsBackToTheLiteralDefault() throws Exception {
        try (FakeSuperset fake = new FakeSuperset(this::columnsOf)) {
            fake.scalar = sql -> {
                if (sql.contains("rank_low")) {
                    throw new IllegalStateException("Binder Error: column rank_low not found");
                }
                return "2024";
            };
            provision(fake);
            JsonNode md = Json.parse(
                    dashboard(fake, "khoang-xep-hang").path("json_metadata").asText());
            assertEquals(
                    "Tiến độ giải quyết hồ sơ (QĐ 766)",
                    md.path("native_filter_configuration")
                            .get(0)
                            .path("defaultDataMask")
                            .path("filterState")
                            .path("value")
                            .path(0)
                            .asText());
        }
    }

    @Test
    void dashboardsCarryFiltersWithDefaultsAndTheirCharts() throws Exception {
        try (FakeSuperset fake = new FakeSuperset(this::columnsOf)) {
            ObjectNode summary = provision(fake);
            ObjectNode board = dashboard(fake, "xep-hang-quoc-gia");
            JsonNode md = Json.parse(board.path("json_metadata").asText());
            JsonNode filters = md.path("native_filter_configuration");
            assertEquals(3, filters.size());
            JsonNode period = filters.get(1);
            assertEquals("Kỳ", period.path("name").asText());
            assertEquals(
                    "period",
                    period.path("targets").path(0).path("column").path("name").asText());
            assertEquals(
                    "2024",
                    period.path("defaultDataMask")
                            .path("filterState")
                            .path("value")
                            .path(0)
                            .asText());
            assertTrue(period.path("controlValues").path("enableEmptyFilter").asBoolean());
            assertEquals(3, period.path("chartsInScope").size());
            // positions inside json_metadata: Superset links exactly these charts in the same update
            assertTrue(md.path("positions").has("CHART-bang_xep_hang"));
            assertEquals("chiso", board.path("certified_by").asText());
            // the district filter of the KPI dashboard reaches only the district table
            JsonNode kpi = Json.parse(
                    dashboard(fake, "chi-so-ho-so").path("json_metadata").asText());
            JsonNode district = kpi.path("native_filter_configuration").get(2);
            assertEquals(1, district.path("chartsInScope").size());
            for (JsonNode d : summary.path("dashboards")) {
                assertTrue(d.path("url")
                        .asText()
                        .endsWith("/superset/dashboard/" + d.path("slug").asText() + "/"));
            }
            // every chart saved a query context for GET /api/v1/chart/{id}/data/
            for (Map.Entry<Integer, ObjectNode> c : fake.objects("chart").entrySet()) {
                JsonNode qc = Json.parse(c.getValue().path("query_context").asText());
                assertEquals(
                        c.getValue().path("datasource_id").asInt(),
                        qc.path("datasource").path("id").asInt());
                assertFalse(
                        qc.path("queries").path(0).path("columns").isEmpty()
                                && qc.path("queries").path(0).path("metrics").isEmpty(),
                        c.getValue().toString());
            }
        }
    }

    @Test
    void handMadeObjectsAreLeftAlone() throws Exception {
        try (FakeSuperset fake = new FakeSuperset(this::columnsOf)) {
            provision(fake);
            SupersetClient client = SupersetClient.connect(fake.url(), "admin", "admin", Duration.ofSeconds(10));
            client.post(
                    "/api/v1/chart/",
                    Json.object().put("slice_name", "my own chart").put("params", "{}"));
            client.post("/api/v1/dashboard/", Json.object().put("slug", "mine").put("dashboard_title", "Mine"));
            provision(fake);
            assertTrue(fake.objects("chart").values().stream()
                    .anyMatch(c -> c.path("slice_name").asText().equals("my own chart")));
            assertTrue(fake.objects("dashboard").values().stream()
                    .anyMatch(c -> c.path("slug").asText().equals("mine")));
        }
    }

    private static ObjectNode dashboard(FakeSuperset fake, String slug) {
        return fake.objects("dashboard").values().stream()
                .filter(d -> d.path("slug").asText().equals(slug))
                .findFirst()
                .orElseThrow();
    }
}
