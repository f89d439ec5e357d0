package vn.chiso.api.provinces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import vn.chiso.api.lake.PipelineLakeTest;

class ProvinceControllerTest extends PipelineLakeTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode getJson(String uri) throws Exception {
        return json.readTree(mvc.perform(get(uri))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    /** The latest year of the 63-province map that has KPIs for Hà Nội. */
    private String year() throws Exception {
        List<String> years = new ArrayList<>();
        getJson("/api/v1/provinces/01")
                .get("trend")
                .forEach(point -> years.add(point.get("period").asText()));
        return years.stream()
                .filter(y -> Integer.parseInt(y) <= 2024)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void listsThe63ProvincesAndSixRegionsFromReferenceData() throws Exception {
        JsonNode provinces = getJson("/api/v1/provinces");
        assertThat(provinces.get("total").asInt()).isEqualTo(63);
        assertThat(provinces.get("items").get(0).get("code").asText()).isEqualTo("01");
        assertThat(provinces.get("items").get(0).get("name").asText()).isEqualTo("Hà Nội");
        assertThat(provinces.get("items").get(0).has("successorCode")).isTrue();
        assertThat(provinces.at("/lake/tables")).isEmpty();

        JsonNode regions = getJson("/api/v1/regions").get("items");
        assertThat(regions).hasSize(6);
        assertThat(regions.findValues("provinces").stream()
                        .mapToInt(JsonNode::asInt)
                        .sum())
                .isEqualTo(63);
    }

    @Test
    void profilesAProvinceWithKpisRankingsAndTrend() throws Exception {
        String year = year();
        JsonNode profile = getJson("/api/v1/provinces/01?period=" + year);

        assertThat(profile.at("/province/name").asText()).isEqualTo("Hà Nội");
        assertThat(profile.get("period").asText()).isEqualTo(year);
        assertThat(profile.get("periodType").asText()).isEqualTo("year");
        JsonNode kpis = profile.get("kpis");
        assertThat(kpis.get("unitCode").asText()).isEqualTo("01");
        assertThat(kpis.get("level").asText()).isEqualTo("province");
        long received = kpis.get("received").asLong();
        assertThat(received)
                .isEqualTo(kpis.get("resolved").asLong()
                        + kpis.get("pending").asLong()
                        + kpis.get("returned").asLong());
        assertThat(kpis.get("progressScore").isNumber()).isTrue();

        JsonNode rankings = profile.get("rankings");
        assertThat(rankings.findValuesAsText("indexCode")).contains("progress");
        assertThat(rankings.findValuesAsText("period")).containsOnly(year);
        JsonNode progress = rankings.get(rankings.findValuesAsText("indexCode").indexOf("progress"));
        assertThat(progress.get("score").decimalValue())
                .isEqualByComparingTo(kpis.get("progressScore").decimalValue());

        List<Integer> trendYears = new ArrayList<>();
        profile.get("trend").forEach(point -> trendYears.add(point.get("year").asInt()));
        assertThat(trendYears).isSorted().doesNotHaveDuplicates().contains(Integer.parseInt(year));
        JsonNode point = profile.get("trend").get(trendYears.indexOf(Integer.parseInt(year)));
        assertThat(point.at("/kpis/received").asLong()).isEqualTo(received);
        assertThat(point.get("ranks").findValuesAsText("index")).contains("progress");

        assertThat(profile.at("/lake/tables").findValuesAsText("table"))
                .containsExactly("gold/unit_kpis", "gold/rankings");
    }

    @Test
    void profileWithoutPeriodShowsTheLatest() throws Exception {
        JsonNode profile = getJson("/api/v1/provinces/79");
        assertThat(profile.at("/province/name").asText()).isEqualTo("Hồ Chí Minh");
        assertThat(profile.get("period").asText()).matches("\\d{4}.*");
    }

    @Test
    void listsTheDistrictsOfAProvince() throws Exception {
        String year = year();
        JsonNode districts = getJson("/api/v1/provinces/01/districts?period=" + year);
        assertThat(districts.at("/province/code").asText()).isEqualTo("01");
        JsonNode items = districts.get("items");
        assertThat(items).isNotEmpty();
        assertThat(districts.get("total").asInt()).isEqualTo(items.size());
        assertThat(items.findValuesAsText("level")).containsOnly("district");
        assertThat(items.findValuesAsText("provinceCode")).containsOnly("01");
        assertThat(items.findValuesAsText("period")).containsOnly(year);
        assertThat(items.findValuesAsText("unitCode")).isSorted();
        assertThat(districts.at("/lake/tables/0/table").asText()).isEqualTo("gold/unit_kpis");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/v1/provinces/99|404|code",
                "/api/v1/provinces/hanoi|400|code",
                "/api/v1/provinces/001|400|code",
                "/api/v1/provinces/01?period=24|400|period",
                "/api/v1/provinces/01?period=1990|404|period",
                "/api/v1/provinces/99/districts|404|code",
                "/api/v1/provinces/01/districts?period=2024-W1|400|period",
                "/api/v1/provinces/01/districts?period=1990|404|period"
            })
    void refusesUnknownOrMalformedProvincesAndPeriods(String uri, int status, String parameter) throws Exception {
        mvc.perform(get(uri))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value(parameter));
    }
}
