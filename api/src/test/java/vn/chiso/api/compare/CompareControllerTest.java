package vn.chiso.api.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import vn.chiso.api.lake.NeedsPipelineLake;
import vn.chiso.api.lake.PipelineLakeTest;

class CompareControllerTest extends PipelineLakeTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode getJson(String uri) throws Exception {
        return json.readTree(mvc.perform(get(uri))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void comparesUnitsAsTheRankingListRanksThem() throws Exception {
        JsonNode c = getJson("/api/v1/compare?units=01,79,48&index=progress");
        String period = c.get("period").asText();
        JsonNode list = getJson("/api/v1/rankings?index=progress&size=500&period=" + period);
        assertThat(c.get("items").findValuesAsText("unitCode")).containsExactly("01", "79", "48");
        for (JsonNode item : c.get("items")) {
            JsonNode same = null;
            for (JsonNode r : list.get("items")) {
                if (r.get("unitCode").equals(item.get("unitCode"))) {
                    same = r;
                }
            }
            assertThat(same).isNotNull();
            assertThat(item.get("rank")).isEqualTo(same.get("rank"));
            assertThat(item.get("score").decimalValue())
                    .isEqualByComparingTo(same.get("score").decimalValue());
        }
        assertThat(c.at("/lake/tables/0/table").asText()).isEqualTo("gold/rankings");
        assertThat(c.get("lake").toString()).contains("gold/unit_kpis");
    }

    @Test
    void comparisonAsCsvHasABomAndOneLinePerUnit() throws Exception {
        byte[] body = mvc.perform(get("/api/v1/compare?units=01,79&format=csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFunitCode,unitName,");
        assertThat(text.strip().split("\r\n")).hasSize(3);
        assertThat(text).contains("Hà Nội");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "01,01", "01,02,04,06,08,10,11,12,14,15,17", "01,x", "", ",,", "01;79"})
    void refusesAWrongNumberOfUnitsOrMalformedCodes(String units) throws Exception {
        mvc.perform(get("/api/v1/compare").param("units", units))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("units"));
    }

    @Test
    void unknownUnitsAndPeriodsAre404() throws Exception {
        mvc.perform(get("/api/v1/compare?units=01,99")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/compare?units=01,79&period=1990")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/compare?units=01,79&index=nothing")).andExpect(status().isNotFound());
    }

    @Test
    void trendsArePerUnitInPeriodOrderWithTheRankingsFigures() throws Exception {
        JsonNode t = getJson("/api/v1/trends?units=01,79&index=progress");
        JsonNode items = t.get("items");
        assertThat(items.size()).isGreaterThanOrEqualTo(2);
        String previous = "";
        String unit = "";
        for (JsonNode p : items) {
            assertThat(p.get("periodType").asText()).isEqualTo("year");
            if (!p.get("unitCode").asText().equals(unit)) {
                unit = p.get("unitCode").asText();
                previous = "";
            }
            assertThat(p.get("period").asText()).isGreaterThan(previous);
            previous = p.get("period").asText();
            JsonNode list = getJson("/api/v1/rankings?index=progress&size=500&period=" + previous);
            for (JsonNode r : list.get("items")) {
                if (r.get("unitCode").asText().equals(unit)) {
                    assertThat(p.get("rank")).isEqualTo(r.get("rank"));
                }
            }
        }
        assertThat(items.findValuesAsText("unitCode")).containsOnly("01", "79");
        mvc.perform(get("/api/v1/trends?units=01&format=csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"));
        mvc.perform(get("/api/v1/trends?units=01&periodType=decade")).andExpect(status().isBadRequest());
    }

    @Test
    @NeedsPipelineLake
    void explainsARankChangeByComponent() throws Exception {
        JsonNode c = getJson("/api/v1/compare?units=01,79&index=progress");
        JsonNode e = getJson("/api/v1/rank-changes?index=progress&unit=01&period="
                + c.get("period").asText());
        assertThat(e.get("previousPeriod").asText()).isNotBlank();
        assertThat(e.get("rank").asInt()).isEqualTo(c.at("/items/0/rank").asInt());
        if (e.hasNonNull("rankChange") && e.hasNonNull("rankChangeOwn") && e.hasNonNull("rankChangeOthers")) {
            assertThat(e.get("rankChangeOwn").asInt()
                            + e.get("rankChangeOthers").asInt())
                    .isEqualTo(e.get("rankChange").asInt());
        }
        assertThat(e.get("components")).isNotEmpty();
        assertThat(e.get("lake").toString()).contains("gold/rank_changes");
        mvc.perform(get("/api/v1/rank-changes?index=progress&unit=01&format=csv"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/rank-changes?index=progress")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/rank-changes?index=progress&unit=98")).andExpect(status().isNotFound());
    }

    @Test
    @NeedsPipelineLake
    void describesAnIndexMethodology() throws Exception {
        JsonNode i = getJson("/api/v1/indices/progress");
        assertThat(i.get("methodologies")).isNotEmpty();
        JsonNode node = i.at("/methodologies/0/nodes/0");
        assertThat(node.get("code").asText()).isEqualTo("processing_progress");
        assertThat(node.get("name").asText()).isEqualTo("Tiến độ giải quyết");
        assertThat(node.get("maxPoints").decimalValue()).isEqualByComparingTo("20");
        mvc.perform(get("/api/v1/indices/nothing")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/indices/NOT-AN-INDEX")).andExpect(status().isBadRequest());
    }
}
