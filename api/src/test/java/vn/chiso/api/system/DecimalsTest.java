package vn.chiso.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.chiso.api.lake.NeedsPipelineLake;
import vn.chiso.api.lake.PipelineLakeTest;

/**
 * Every decimal of every answer has the decimals of {@link Decimals}: 2 for scores, points, percents
 * and KPIs, 4 for 0–1 quantities, whatever the gold column's scale (index nodes are stored with 9).
 */
@NeedsPipelineLake
class DecimalsTest extends PipelineLakeTest {

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Test
    void everyDecimalHasTheRulesScale() throws Exception {
        List<String> seen = new ArrayList<>();
        for (String uri : List.of(
                "/api/v1/rankings?index=progress",
                "/api/v1/provinces/01",
                "/api/v1/provinces/01/districts",
                "/api/v1/compare?units=01,79",
                "/api/v1/trends?units=01,79",
                "/api/v1/rank-changes?unit=01",
                "/api/v1/indices/progress",
                "/api/v1/provinces/01/indices",
                "/api/v1/indices/correlations")) {
            var response = mvc.perform(get(uri)).andReturn().getResponse();
            assertThat(response.getStatus()).as(uri).isEqualTo(200);
            walk(uri, null, json.readTree(response.getContentAsString(StandardCharsets.UTF_8)), seen);
        }
        assertThat(seen).as("decimals checked").hasSizeGreaterThan(100);
        assertThat(seen.stream().filter(s -> s.endsWith("/" + Decimals.FRACTION_SCALE)))
                .isNotEmpty();
    }

    private static void walk(String uri, String name, JsonNode node, List<String> seen) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(uri, e.getKey(), e.getValue(), seen);
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(uri, name, child, seen));
        } else if (node.isBigDecimal()) {
            assertThat(node.decimalValue().scale())
                    .as(uri + " " + name + " " + node)
                    .isEqualTo(Decimals.scale(name));
            seen.add(name + "/" + node.decimalValue().scale());
        }
    }
}
