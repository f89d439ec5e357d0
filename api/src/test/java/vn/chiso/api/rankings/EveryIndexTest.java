package vn.chiso.api.rankings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.chiso.api.lake.NeedsPipelineLake;
import vn.chiso.api.lake.PipelineLake;
import vn.chiso.api.lake.PipelineLakeTest;

/**
 * Every index users come for, ranked through the API on the lake the real pipeline built from the
 * published files in reference/raw (PCI and PAPI workbooks, the PAPI compilation, the portal's 766
 * captures), the sample PAR Index and SIPAS tables and the generated dossiers — what ./chiso demo
 * serves. Leaders and counts are VCCI's and the portal's own figures, and the samples' calibration
 * to the published 2023 facts.
 */
@NeedsPipelineLake
class EveryIndexTest extends PipelineLakeTest {

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void theLakeIsThePipelines() {
        assertThat(PipelineLake.fromPipeline())
                .as("built by the real pipeline, not the synthetic fallback")
                .isTrue();
    }

    private JsonNode getJson(String uri) throws Exception {
        return json.readTree(mvc.perform(get(uri))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // index | period | level | province | ranked | first unit | its score | rank intervals (blank: not
                // asked)
                "pci | 2016 | province | | 63 | 48 | 70.00 | true",
                "pci | 2013 | province | | 63 | 48 | 66.45 | true",
                "pci | 2012 | province | | 63 | 87 | 63.79 | true",
                "pci | 2005 | province | | 41 | 74 | 76.82 |",
                "papi | 2011 | province | | 63 | | | true",
                "papi | 2014 | province | | 61 | | | true",
                "papi | 2024 | province | | 61 | | | true",
                "portal_766 | 2026-08 | department | 25 | 15 | | 71.60 | true",
                "portal_766 | 2026-08 | commune | 25 | 148 | | 67.00 | true",
                "par_index | 2023 | province | | 63 | 22 | 92.18 | true",
                "sipas_official | 2023 | province | | 63 | 22 | 90.61 | true",
                "progress | 2024 | province | | 63 | | |"
            })
    void ranksEveryIndex(
            String index,
            String period,
            String level,
            String province,
            int ranked,
            String first,
            BigDecimal firstScore,
            Boolean intervals)
            throws Exception {
        String uri = "/api/v1/rankings?size=500&index=" + index + "&period=" + period + "&level=" + level
                + (province == null ? "" : "&province=" + province);
        JsonNode page = getJson(uri);
        assertThat(page.get("total").asInt()).as(uri).isEqualTo(ranked);
        JsonNode top = page.get("items").get(0);
        assertThat(top.get("rank").asInt()).isEqualTo(1);
        if (first != null) {
            assertThat(top.get("unitCode").asText()).as(uri).isEqualTo(first);
        }
        if (firstScore != null) {
            assertThat(top.get("score").decimalValue()).as(uri).isEqualByComparingTo(firstScore);
        }
        List<Integer> ranks = new ArrayList<>();
        page.get("items").forEach(i -> ranks.add(i.get("rank").asInt()));
        assertThat(ranks).as("competition ranks in order").isSorted();
        if (intervals != null) {
            boolean hasIntervals =
                    page.get("items").findValues("rankLow").stream().anyMatch(n -> !n.isNull());
            assertThat(hasIntervals).as(uri + " rank intervals").isEqualTo(intervals);
        }
    }

    @Test
    void oneProvinceOnEveryIndexSideBySide() throws Exception {
        List<String> in2016 =
                getJson("/api/v1/provinces/22/indices?period=2016").get("items").findValuesAsText("index");
        assertThat(in2016).contains("pci", "papi");
        List<String> in2023 =
                getJson("/api/v1/provinces/22/indices?period=2023").get("items").findValuesAsText("index");
        assertThat(in2023)
                .contains("par_index", "sipas_official", "progress")
                .as("Quảng Ninh has no PAPI 2023 in the compilation (a gap): nothing is invented")
                .doesNotContain("papi");
        JsonNode correlations = getJson("/api/v1/indices/correlations?period=2016");
        assertThat(correlations.get("items").findValuesAsText("indexA")).contains("papi");
    }
}
