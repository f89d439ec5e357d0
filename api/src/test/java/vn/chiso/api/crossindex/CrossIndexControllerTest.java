package vn.chiso.api.crossindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.chiso.api.lake.DeltaTestWriter;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.SyntheticLake;
import vn.chiso.api.lake.TestAccounts;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Province;

/**
 * The cross-index view over HTTP on a lake of its own: the synthetic lake (progress and
 * satisfaction) plus four small province indices of 2024 whose rank correlations are worked out by
 * hand (the same figures transforms' CrossIndexTest expects of gold/index_correlations). Every
 * ranking starts as a draft; the test publishes some and recomputes one.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossIndexControllerTest {

    private static Path lake;
    private static final List<Province> P = AdminUnits.get().provinces();
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> lake().toString());
        registry.add("chiso.releases.unreleased", () -> "draft");
        registry.add("chiso.refresh-interval", () -> "0s");
        TestAccounts.register(registry);
    }

    private static synchronized Path lake() {
        if (lake == null) {
            try {
                lake = Files.createTempDirectory("chiso-crossindex-lake");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SyntheticLake.write(lake.toString());
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.addAll(index("papi", Map.of("2023", List.of("8", "9", "7")), "10", "9", "9", "7", "5"));
            rows.addAll(index("sipas", Map.of(), "50", "40", "45", "30", "30"));
            rows.addAll(index("par_index", Map.of(), "1", "2", "3", "4"));
            rows.addAll(index("portal_766", Map.of(), "5", "5", "5"));
            DeltaTestWriter.write(lake.toString(), LakeTable.GOLD_RANKINGS, rows);
        }
        return lake;
    }

    /**
     * An index's 2024 province ranking (the i-th score for the i-th province of the official list),
     * ranked as the pipeline ranks, with earlier years' scores for the move against the previous year.
     */
    private static List<Map<String, Object>> index(
            String index, Map<String, List<String>> earlier, String... scores2024) {
        List<Map<String, Object>> units = new ArrayList<>();
        units.addAll(units("2024", List.of(scores2024)));
        earlier.forEach((year, scores) -> units.addAll(units(year, scores)));
        return SyntheticLake.rank(index, "province", "2024", units, "value");
    }

    private static List<Map<String, Object>> units(String year, List<String> scores) {
        List<Map<String, Object>> units = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            Province p = P.get(i);
            Map<String, Object> unit = new LinkedHashMap<>();
            unit.put("level", "province");
            unit.put("unit_code", p.code());
            unit.put("unit_name", p.name());
            unit.put("province_code", p.code());
            unit.put("region", p.region());
            unit.put("period_type", "year");
            unit.put("period", year);
            unit.put("year", Integer.parseInt(year));
            unit.put("value", new BigDecimal(scores.get(i)));
            units.add(unit);
        }
        return units;
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private JsonNode body(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = response(request);
        String content = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(content).isEqualTo(200);
        return json.readTree(content);
    }

    private static MockHttpServletRequestBuilder reviewer(String uri) {
        return get(uri).with(TestAccounts.as(TestAccounts.REVIEWER));
    }

    private static Map<String, JsonNode> byPair(JsonNode answer) {
        Map<String, JsonNode> pairs = new LinkedHashMap<>();
        answer.get("items")
                .forEach(i -> pairs.put(
                        i.get("indexA").asText() + "/" + i.get("indexB").asText(), i));
        return pairs;
    }

    private static JsonNode unit(JsonNode rankingPage, String code) {
        for (JsonNode item : rankingPage.get("items")) {
            if (item.get("unitCode").asText().equals(code)) {
                return item;
            }
        }
        throw new AssertionError("no unit " + code + " in " + rankingPage);
    }

    @Test
    @Order(1)
    void draftsStayHiddenFromThePublic() throws Exception {
        assertThat(response(get("/api/v1/indices/correlations?period=2024")).getStatus())
                .isEqualTo(401);
        assertThat(response(get("/api/v1/provinces/01/indices?period=2024")).getStatus())
                .isEqualTo(401);
        assertThat(response(get("/api/v1/provinces/01/indices")).getStatus()).isEqualTo(401);
        assertThat(response(get("/api/v1/indices/correlations?period=2024&format=csv"))
                        .getStatus())
                .isEqualTo(401);
        assertThat(response(get("/api/v1/indices/correlations?period=2024").with(TestAccounts.as(TestAccounts.NOBODY)))
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void reviewersSeeEveryIndexAndTheHandWorkedCorrelations() throws Exception {
        JsonNode c = body(reviewer("/api/v1/indices/correlations?period=2024"));
        assertThat(c.get("indices").toString())
                .isEqualTo("[\"papi\",\"par_index\",\"portal_766\",\"progress\",\"satisfaction\",\"sipas\"]");
        Map<String, JsonNode> pairs = byPair(c);
        assertThat(pairs).hasSize(15);
        JsonNode papiSipas = pairs.get("papi/sipas");
        assertThat(papiSipas.get("provincesInCommon").asInt()).isEqualTo(5);
        assertThat(papiSipas.get("spearmanRho").decimalValue()).isEqualByComparingTo("0.9474"); // 9 / 9.5
        assertThat(papiSipas.get("kendallTauB").decimalValue()).isEqualByComparingTo("0.8889"); // 8 / 9
        JsonNode papiPar = pairs.get("papi/par_index");
        assertThat(papiPar.get("provincesRankedA").asInt()).isEqualTo(5);
        assertThat(papiPar.get("provincesRankedB").asInt()).isEqualTo(4);
        assertThat(papiPar.get("provincesInCommon").asInt()).isEqualTo(4);
        assertThat(papiPar.get("spearmanRho").decimalValue()).isEqualByComparingTo("-0.9487"); // −4.5 / √22.5
        assertThat(papiPar.get("kendallTauB").decimalValue()).isEqualByComparingTo("-0.9129"); // −5 / √30
        assertThat(pairs.get("papi/portal_766").get("spearmanRho").isNull()).isTrue(); // every score tied
        assertThat(pairs.get("papi/portal_766").get("kendallTauB").isNull()).isTrue();
        JsonNode progress = pairs.get("progress/satisfaction");
        assertThat(progress.get("provincesInCommon").asInt()).isEqualTo(63);
        assertThat(progress.get("spearmanRho").decimalValue().abs()).isLessThanOrEqualTo(BigDecimal.ONE);

        // a province's positions: each equal to its line in /rankings, the previous year beside it
        String code = P.get(2).code();
        JsonNode p = body(reviewer("/api/v1/provinces/" + code + "/indices?period=2024"));
        assertThat(p.get("provinceName").asText()).isEqualTo(P.get(2).name());
        assertThat(p.get("items").findValuesAsText("index"))
                .containsExactly("papi", "par_index", "portal_766", "progress", "satisfaction", "sipas");
        for (JsonNode item : p.get("items")) {
            JsonNode line = unit(
                    body(reviewer("/api/v1/rankings?size=500&period=2024&index="
                            + item.get("index").asText())),
                    code);
            for (String field : List.of(
                    "rank",
                    "unitsRanked",
                    "score",
                    "percentile",
                    "rankInRegion",
                    "band",
                    "previousPeriod",
                    "previousScore",
                    "previousRank",
                    "rankChange",
                    "methodologyVersion")) {
                assertThat(item.get(field)).as(item.get("index") + " " + field).isEqualTo(line.get(field));
            }
            assertThat(item.get("release").asText()).isEqualTo("draft");
        }
        JsonNode papi = p.get("items").get(0);
        assertThat(papi.get("rank").asInt()).isEqualTo(2); // 9 after 10, tied with the second province
        assertThat(papi.get("previousPeriod").asText()).isEqualTo("2023");
        assertThat(papi.get("previousRank").asInt()).isEqualTo(3); // 7 after 9 and 8
        assertThat(papi.get("rankChange").asInt()).isEqualTo(1);
        assertThat(p.at("/lake/tables/0/table").asText()).isEqualTo("gold/rankings");
    }

    @Test
    @Order(3)
    void thePublicSeesThePublishedIndicesOnlyAsRankingsShowsThem() throws Exception {
        for (String index : List.of("papi", "sipas")) {
            body(post("/api/v1/admin/releases/" + index + "/2024/publish")
                    .with(TestAccounts.as(TestAccounts.ADMIN))
                    .with(TestAccounts.reason("test")));
        }
        MockHttpServletResponse response = response(get("/api/v1/indices/correlations"));
        JsonNode c = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(c.get("period").asText()).isEqualTo("2024");
        assertThat(c.get("indices").toString()).isEqualTo("[\"papi\",\"sipas\"]");
        assertThat(byPair(c).keySet()).containsExactly("papi/sipas");
        assertThat(byPair(c).get("papi/sipas").get("spearmanRho").decimalValue())
                .isEqualByComparingTo("0.9474");
        String versions = response.getHeader(LakeInfo.HEADER);
        assertThat(versions).matches("gold/rankings@\\d+,ops/releases@\\d+");
        assertThat(c.at("/lake/tables/0/table").asText()).isEqualTo("gold/rankings");
        assertThat(c.at("/lake/tables/1/table").asText()).isEqualTo("ops/releases");

        String code = P.get(2).code();
        JsonNode p = body(get("/api/v1/provinces/" + code + "/indices"));
        assertThat(p.get("period").asText()).isEqualTo("2024");
        assertThat(p.get("items").findValuesAsText("index")).containsExactly("papi", "sipas");
        assertThat(p.get("items").findValuesAsText("release")).containsExactly("published", "published");
        JsonNode line = unit(body(get("/api/v1/rankings?index=sipas&period=2024")), code);
        assertThat(p.get("items").get(1).get("score")).isEqualTo(line.get("score"));
        assertThat(p.get("items").get(1).get("rank")).isEqualTo(line.get("rank"));
        // 2023 (progress only) is a draft
        assertThat(response(get("/api/v1/provinces/" + code + "/indices?period=2023"))
                        .getStatus())
                .isEqualTo(401);

        // asOf = the versions the answer named gives the same answer
        JsonNode again = body(get("/api/v1/indices/correlations?asOf=" + versions));
        assertThat(again.get("items")).isEqualTo(c.get("items"));
    }

    @Test
    @Order(4)
    void csvHasABomAHeaderAndTheLakeVersions() throws Exception {
        MockHttpServletResponse csv = response(get("/api/v1/indices/correlations?period=2024&format=csv"));
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(csv.getHeader(LakeInfo.HEADER)).startsWith("gold/rankings@");
        String text = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text.split("\r\n"))
                .containsExactly(
                        "\uFEFFindexA,indexB,provincesRankedA,provincesRankedB,provincesInCommon,spearmanRho,kendallTauB,"
                                + "methodologyVersionA,methodologyVersionB",
                        "papi,sipas,5,5,5,0.9474,0.8889,,");

        MockHttpServletResponse byAccept =
                response(get("/api/v1/provinces/" + P.get(2).code() + "/indices?period=2024")
                        .accept("text/csv"));
        String lines = byAccept.getContentAsString(StandardCharsets.UTF_8);
        assertThat(lines).startsWith("\uFEFFindex,period,methodologyVersion,score,rank,");
        assertThat(lines.strip().split("\r\n")).hasSize(3);
        assertThat(lines).contains("\r\npapi,2024,,9.00,2,5,");
        assertThat(byAccept.getHeader("Content-Disposition"))
                .contains("province-indices-" + P.get(2).code() + "-2024.csv");
    }

    @Test
    @Order(5)
    void aRecomputationStaysUnseenByThePublicUntilPublishedAgain() throws Exception {
        JsonNode published = body(get("/api/v1/indices/correlations?period=2024"));
        long publishedVersion = published.at("/lake/tables/0/version").asLong();
        // papi 2024 recomputed: a sixth province ranked
        Province sixth = P.get(5);
        Map<String, Object> row = new LinkedHashMap<>(index("papi", Map.of(), "10", "9", "9", "7", "5", "6").stream()
                .filter(r -> r.get("unit_code").equals(sixth.code()))
                .findFirst()
                .orElseThrow());
        DeltaTestWriter.write(lake().toString(), LakeTable.GOLD_RANKINGS, List.of(row));

        JsonNode seenByPublic = body(get("/api/v1/indices/correlations?period=2024"));
        assertThat(seenByPublic.at("/lake/tables/0/version").asLong()).isEqualTo(publishedVersion);
        assertThat(byPair(seenByPublic)
                        .get("papi/sipas")
                        .get("provincesRankedA")
                        .asInt())
                .isEqualTo(5);
        JsonNode seenByReviewer = body(reviewer("/api/v1/indices/correlations?period=2024"));
        assertThat(seenByReviewer.at("/lake/tables/0/version").asLong()).isEqualTo(publishedVersion + 1);
        assertThat(byPair(seenByReviewer)
                        .get("papi/sipas")
                        .get("provincesRankedA")
                        .asInt())
                .isEqualTo(6);
        assertThat(body(get("/api/v1/provinces/" + sixth.code() + "/indices?period=2024"))
                        .get("items"))
                .isEmpty();
        assertThat(body(reviewer("/api/v1/provinces/" + sixth.code() + "/indices?period=2024"))
                        .get("items")
                        .findValuesAsText("index"))
                .containsExactly("papi", "progress", "satisfaction");
    }

    @Test
    @Order(6)
    void badParametersAreClientErrors() throws Exception {
        assertThat(response(reviewer("/api/v1/indices/correlations?period=2024-Q1"))
                        .getStatus())
                .isEqualTo(400);
        assertThat(response(reviewer("/api/v1/indices/correlations?period=1999"))
                        .getStatus())
                .isEqualTo(404);
        assertThat(response(reviewer("/api/v1/indices/correlations?period=soon"))
                        .getStatus())
                .isEqualTo(400);
        assertThat(response(reviewer("/api/v1/provinces/1/indices?period=2024")).getStatus())
                .isEqualTo(400);
        assertThat(response(reviewer("/api/v1/provinces/99/indices?period=2024"))
                        .getStatus())
                .isEqualTo(404);
        assertThat(response(reviewer("/api/v1/provinces/01/indices?format=xml")).getStatus())
                .isEqualTo(400);
    }
}
