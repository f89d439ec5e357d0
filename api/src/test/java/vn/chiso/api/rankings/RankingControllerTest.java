package vn.chiso.api.rankings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import vn.chiso.api.lake.PipelineLakeTest;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;

class RankingControllerTest extends PipelineLakeTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode getJson(String uri) throws Exception {
        String body = mvc.perform(get(uri))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(body);
    }

    /** The latest year with province rankings of 63 provinces (the pre-2025 map). */
    private String year() throws Exception {
        List<String> years = json.convertValue(progress().get("periods").get("year"), List.class);
        return years.stream()
                .filter(y -> Integer.parseInt(y) <= 2024)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private JsonNode progress() throws Exception {
        for (JsonNode item : getJson("/api/v1/indices").get("items")) {
            if (item.get("index").asText().equals("progress")) {
                return item;
            }
        }
        throw new AssertionError("no index 'progress' in /api/v1/indices");
    }

    @Test
    void ranksAllProvincesForAYearConsistentlyWithTheirScores() throws Exception {
        String year = year();
        JsonNode page = getJson("/api/v1/rankings?index=progress&period=" + year);

        assertThat(page.get("index").asText()).isEqualTo("progress");
        assertThat(page.get("period").asText()).isEqualTo(year);
        assertThat(page.get("periodType").asText()).isEqualTo("year");
        assertThat(page.get("level").asText()).isEqualTo("province");
        assertThat(page.get("total").asInt()).isEqualTo(63);
        JsonNode items = page.get("items");
        assertThat(items).hasSize(63);
        Set<String> codes =
                AdminUnits.get().provinces().stream().map(Province::code).collect(Collectors.toSet());
        assertThat(items.findValuesAsText("unitCode")).containsExactlyInAnyOrderElementsOf(codes);

        List<BigDecimal> scores =
                items.findValues("score").stream().map(JsonNode::decimalValue).toList();
        int previousRank = 0;
        for (JsonNode item : items) {
            BigDecimal score = item.get("score").decimalValue();
            int rank = item.get("rank").asInt();
            // competition ranking: 1 + the number of units with a strictly higher score
            assertThat(rank)
                    .as(item.toString())
                    .isEqualTo(1
                            + (int) scores.stream()
                                    .filter(s -> s.compareTo(score) > 0)
                                    .count());
            assertThat(rank).isGreaterThanOrEqualTo(previousRank);
            assertThat(item.get("unitsRanked").asInt()).isEqualTo(63);
            previousRank = rank;
        }
        assertThat(page.at("/lake/tables/0/table").asText()).isEqualTo("gold/rankings");
        assertThat(page.at("/lake/tables/0/version").isIntegralNumber()).isTrue();
    }

    @Test
    void withoutAPeriodAnswersTheLatest() throws Exception {
        JsonNode page = getJson("/api/v1/rankings?index=progress");
        assertThat(page.get("period").asText())
                .isEqualTo(progress().get("latestPeriod").asText());
        assertThat(page.get("total").asInt()).isPositive();
    }

    @Test
    void filtersByRegionAndSortsAndPages() throws Exception {
        String year = year();
        String region = AdminUnits.get().regions().get(0);
        long inRegion = AdminUnits.get().provinces().stream()
                .filter(p -> p.region().equals(region))
                .count();
        JsonNode page = getJson("/api/v1/rankings?period=" + year + "&region=" + region.toUpperCase());
        assertThat(page.get("region").asText()).isEqualTo(region);
        assertThat(page.get("total").asLong()).isEqualTo(inRegion);
        assertThat(page.get("items").findValuesAsText("region")).containsOnly(region);
        List<Integer> regionRanks = page.get("items").findValues("rankInRegion").stream()
                .map(JsonNode::asInt)
                .toList();
        assertThat(regionRanks).isSorted().first().isEqualTo(1);

        List<BigDecimal> byScore =
                getJson("/api/v1/rankings?period=" + year + "&sort=score").get("items").findValues("score").stream()
                        .map(JsonNode::decimalValue)
                        .toList();
        assertThat(byScore).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(getJson("/api/v1/rankings?period=" + year + "&sort=name")
                        .get("items")
                        .get(0)
                        .get("unitName")
                        .asText())
                .isEqualTo("An Giang");

        JsonNode all = getJson("/api/v1/rankings?period=" + year).get("items");
        JsonNode second = getJson("/api/v1/rankings?period=" + year + "&page=1&size=10");
        assertThat(second.get("total").asInt()).isEqualTo(63);
        assertThat(second.get("items")).hasSize(10);
        assertThat(second.get("items").get(0)).isEqualTo(all.get(10));
        assertThat(getJson("/api/v1/rankings?period=" + year + "&page=7&size=10")
                        .get("items"))
                .isEmpty();
    }

    @Test
    void ranksDistrictsWithinTheirProvince() throws Exception {
        JsonNode page = getJson("/api/v1/rankings?level=district&province=01&period=" + year());
        JsonNode items = page.get("items");
        assertThat(page.get("province").asText()).isEqualTo("01");
        assertThat(items).isNotEmpty();
        assertThat(items.findValuesAsText("provinceCode")).containsOnly("01");
        assertThat(items.findValues("unitsRanked").stream().map(JsonNode::asInt))
                .containsOnly(items.size());
        assertThat(items.get(0).get("rank").asInt()).isEqualTo(1);
    }

    @Test
    void exportsCsvWithBomForExcel() throws Exception {
        String year = year();
        byte[] body = mvc.perform(get("/api/v1/rankings?index=progress&format=csv&period=" + year))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string(
                                "Content-Disposition",
                                "attachment; filename=\"rankings-progress-province-" + year + ".csv\""))
                .andExpect(header().string("X-Chiso-Lake-Versions", org.hamcrest.Matchers.startsWith("gold/rankings@")))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(64);
        assertThat(lines.get(0))
                .isEqualTo("rank,unitCode,unitName,provinceCode,region,score,rankInRegion,unitsRanked,"
                        + "percentile,band,previousPeriod,previousScore,previousRank,scoreChange,rankChange,rankLow,rankHigh,"
                        + "withinNoise,methodologyVersion");
        assertThat(text).contains("Hà Nội").contains("\r\n");

        byte[] byAccept = mvc.perform(get("/api/v1/rankings?period=" + year).accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(byAccept).isEqualTo(body);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "index=nope|404|index",
                "index=Bad-Code!|400|index",
                "period=2024-13|400|period",
                "period=1999|404|period",
                "period=2024-Q5|400|period",
                "level=commune|404|level",
                "level=department|404|level",
                "level=village|400|level",
                "region=Mars|400|region",
                "sort=random|400|sort",
                "page=-1|400|page",
                "page=abc|400|page",
                "size=0|400|size",
                "size=501|400|size",
                "size=99999999999|400|size",
                "format=xml|400|format",
                "province=1|400|province",
                "province=99|404|province"
            })
    void refusesBadParametersWithProblemJsonNamingThem(String query, int status, String parameter) throws Exception {
        String body = mvc.perform(get("/api/v1/rankings?" + query))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.parameter").value(parameter))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(json.readTree(body).get("detail").asText()).contains(parameter);
    }

    @Test
    void errorsStayProblemJsonWhenCsvWasAsked() throws Exception {
        mvc.perform(get("/api/v1/rankings?period=20x").accept("text/csv"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
