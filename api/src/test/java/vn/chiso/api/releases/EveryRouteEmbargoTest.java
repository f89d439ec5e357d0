package vn.chiso.api.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.chiso.api.lake.PipelineLake;
import vn.chiso.api.lake.TestAccounts;

/**
 * The embargo on every GET route of the OpenAPI document, on a copy of the pipeline's lake. Progress
 * X and Y (two neighbouring years) and PAPI Y are published; then late dossiers are ingested and the
 * lake is transformed again with another progress methodology (v2, other maxima), which moves every
 * figure of those releases in a new, unpublished version of every gold table. Then, in three stages —
 * as published; Y published again from the recomputation while X keeps its own publication; X
 * withdrawn — every route is asked with the parameter combinations that matter (JSON and CSV, each
 * kind of asOf, both years and a quarter, the latest without a period), and every figure of every
 * anonymous answer must be one published (exactly the current publication without asOf), its
 * previous year's figures from that year's own publication or none; a reviewer sees the drafts.
 * A route without a probe here, or whose probes show no figure, fails.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Tag("integration") // re-runs ingest and transform in child JVMs
class EveryRouteEmbargoTest {

    private static final String PROGRESS = LakeView.KPI_INDEX;
    private static final String PAPI = "papi";
    private static Path lake;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final ReleaseFacts facts = new ReleaseFacts();
    private final Map<ReleaseFacts.Key, ReleaseFacts.Figures> drafts = new LinkedHashMap<>();
    private String x;
    private String y;
    private Instant beforePublication;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> copy().toString());
        registry.add("chiso.releases.unreleased", () -> "draft");
        registry.add("chiso.refresh-interval", () -> "1s"); // the recomputation is minutes after the start
        TestAccounts.register(registry);
    }

    private static synchronized Path copy() {
        if (lake == null) {
            lake = PipelineLake.copy();
        }
        return lake;
    }

    /** One HTTP answer. */
    record Answer(int status, String contentType, String body, String versions) {
        boolean ok() {
            return status == 200;
        }

        boolean csv() {
            return contentType != null && contentType.startsWith("text/csv");
        }
    }

    Answer answer(String uri, RequestPostProcessor who) {
        try {
            var request = get(uri);
            if (who != null) {
                request.with(who);
            }
            MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
            return new Answer(
                    r.getStatus(),
                    r.getContentType(),
                    r.getContentAsString(StandardCharsets.UTF_8),
                    r.getHeader("X-Chiso-Lake-Versions"));
        } catch (Exception e) {
            throw new IllegalStateException(uri, e);
        }
    }

    JsonNode jsonOf(Answer a) {
        try {
            return json.readTree(a.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode reviewerJson(String uri) {
        Answer a = answer(uri, TestAccounts.as(TestAccounts.REVIEWER));
        return a.ok() ? jsonOf(a) : null;
    }

    @TestFactory
    Stream<DynamicNode> noAnonymousAnswerCarriesADraftOrUnpublishedNumber() throws Exception {
        Map<String, Set<String>> routes = routes();
        publishAndRecompute();
        return Stream.of(
                stage("1 X and Y published, then recomputed (unpublished)", 1, routes),
                dynamicTest("Y published again, from the recomputation; X kept at its own publication", () -> {
                    move(PROGRESS, y, "withdraw");
                    move(PROGRESS, y, "publish");
                }),
                stage("2 Y at the recomputation, X at its first publication", 2, routes),
                dynamicTest("X withdrawn", () -> move(PROGRESS, x, "withdraw")),
                stage("3 X withdrawn: Y has no published previous year", 3, routes));
    }

    /** Every GET route under /api/ of the OpenAPI document, with its parameter names. */
    private Map<String, Set<String>> routes() {
        JsonNode doc = jsonOf(answer("/v3/api-docs", null));
        Map<String, Set<String>> routes = new LinkedHashMap<>();
        doc.get("paths").fields().forEachRemaining(path -> {
            JsonNode op = path.getValue().get("get");
            if (op != null && path.getKey().startsWith("/api/")) {
                Set<String> params = new TreeSet<>();
                if (op.has("parameters")) {
                    op.get("parameters").forEach(p -> params.add(p.get("name").asText()));
                }
                routes.put(path.getKey(), params);
            }
        });
        assertThat(routes).as("routes in /v3/api-docs").hasSizeGreaterThan(10);
        return routes;
    }

    private DynamicNode stage(String name, int stage, Map<String, Set<String>> routes) {
        return dynamicContainer(
                "stage " + name,
                routes.entrySet().stream()
                        .map(route -> dynamicTest(
                                "GET " + route.getKey(),
                                () -> new RouteProbe(this, facts, drafts, x, y, stage, beforePublication)
                                        .probe(route.getKey(), route.getValue()))));
    }

    /** X = Y − 1, Y the latest year ≤ 2024 progress ranks with its previous year; publish, then recompute. */
    private void publishAndRecompute() throws Exception {
        JsonNode progress = reviewerJson("/api/v1/indices/" + PROGRESS);
        assertThat(progress).as("index progress in the pipeline lake").isNotNull();
        List<String> years = ReleaseFacts.iterable(progress.at("/periods/year")).stream()
                .map(JsonNode::asText)
                .filter(p -> Integer.parseInt(p) <= 2024)
                .toList();
        y = years.get(years.size() - 1);
        x = ReleaseFacts.previousPeriod(y);
        assertThat(years).as("progress years").contains(x);
        beforePublication = Instant.now();
        Thread.sleep(5);
        move(PROGRESS, x, "publish");
        move(PROGRESS, y, "publish");
        move(PAPI, y, "publish");
        recompute();
        for (ReleaseFacts.Key key : List.of(
                new ReleaseFacts.Key(PROGRESS, y), new ReleaseFacts.Key(PROGRESS, x), new ReleaseFacts.Key(PAPI, y))) {
            drafts.put(key, ReleaseFacts.read(key.index(), key.period(), null, this::reviewerJson));
        }
        ReleaseFacts.Figures published = facts.current(new ReleaseFacts.Key(PROGRESS, y));
        ReleaseFacts.Figures draft = drafts.get(new ReleaseFacts.Key(PROGRESS, y));
        long moved = published.lines().keySet().stream()
                .filter(u -> !Entry.same(
                        published.lines().get(u).get("score"),
                        draft.lines().get(u) == null
                                ? null
                                : draft.lines().get(u).get("score")))
                .count();
        assertThat(moved)
                .as("province and district scores the recomputation moved")
                .isGreaterThan(50);
        assertThat(draft.methodology()).isEqualTo("v2");
        assertThat(draft.kpis().get("province|01").agreesWith(published.kpis().get("province|01"), ReleaseFacts.KPI))
                .as("the late dossiers moved Hà Nội's KPIs")
                .isFalse();
    }

    /** An admin publishes or withdraws; a publication's figures are read as a reviewer at the versions it recorded. */
    private void move(String index, String period, String action) throws Exception {
        MockHttpServletResponse r = mvc.perform(post("/api/v1/admin/releases/" + index + "/" + period + "/" + action)
                        .with(TestAccounts.as(TestAccounts.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"embargo test\"}"))
                .andReturn()
                .getResponse();
        assertThat(r.getStatus())
                .as(action + " " + index + " " + period + ": " + r.getContentAsString())
                .isEqualTo(200);
        ReleaseFacts.Key key = new ReleaseFacts.Key(index, period);
        if (action.equals("withdraw")) {
            facts.withdrawn(key);
            return;
        }
        String versions = json.readTree(r.getContentAsString(StandardCharsets.UTF_8))
                .get("lakeVersions")
                .asText();
        ReleaseFacts.Figures figures = ReleaseFacts.read(index, period, versions, this::reviewerJson);
        String before = ReleaseFacts.previousPeriod(period);
        boolean sameVersionsAsBefore = facts.isPublished(index, before)
                && facts.current(new ReleaseFacts.Key(index, before)).versions().equals(versions);
        if (!sameVersionsAsBefore) { // explained against figures not published with it
            figures.explanations().clear();
            figures.explanationComponents().clear();
        }
        facts.published(key, figures);
    }

    /** Late dossiers for Hà Nội in Y, and progress recomputed with methodology v2 for X and Y (twice the maxima). */
    private void recompute() throws IOException {
        Path dir = Files.createTempDirectory("chiso-recompute");
        Path dossiers = dir.resolve("ho_so_01_" + y + "_bo_sung.csv");
        StringBuilder csv = new StringBuilder("Mã hồ sơ,Mã đơn vị,Tên đơn vị,Cấp,Mã tỉnh,Mã huyện,Mã thủ tục,Lĩnh vực,"
                + "Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái,Đánh giá\n");
        for (int i = 1; i <= 300; i++) {
            csv.append(String.format(
                    "H01.00253-%s1202-9%05d,00253,Phường Hoa Trung,Xã,01,007,"
                            + "1.001193.000.00.00.H01,hộ tịch,Trực tiếp,02/12/%s 08:00,03/12/%s 08:00,20/12/%s 08:00,"
                            + "Đã giải quyết quá hạn,%n",
                    y.substring(2), i, y, y, y));
        }
        Files.writeString(dossiers, csv.toString(), StandardCharsets.UTF_8);
        Path methodologies = dir.resolve("methodologies/progress");
        Files.createDirectories(methodologies);
        String v1 = Files.readString(
                Path.of("")
                        .toAbsolutePath()
                        .getParent()
                        .resolve("transforms/src/main/resources/methodologies/progress/v1.yaml"),
                StandardCharsets.UTF_8);
        int lastYear = Integer.parseInt(x) - 1;
        Files.writeString(
                methodologies.resolve("v1.yaml"),
                v1.replace("version: v1", "version: v1\nvalid_to: " + lastYear),
                StandardCharsets.UTF_8);
        Files.writeString(
                methodologies.resolve("v2.yaml"),
                v1.replace("version: v1", "version: v2\nvalid_from: " + x).replace("max_points: 20", "max_points: 40"),
                StandardCharsets.UTF_8);
        PipelineLake.ingest(copy(), dossiers);
        PipelineLake.transform(
                copy(), "--methodologies", dir.resolve("methodologies").toString());
    }
}
