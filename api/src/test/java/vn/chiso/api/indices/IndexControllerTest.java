package vn.chiso.api.indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.chiso.api.lake.PipelineLakeTest;

class IndexControllerTest extends PipelineLakeTest {

    @Test
    void listsIndicesWithTheirPeriodsPerType() throws Exception {
        JsonNode body = new ObjectMapper()
                .readTree(mvc.perform(get("/api/v1/indices"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8));

        JsonNode progress = null;
        for (JsonNode item : body.get("items")) {
            if (item.get("index").asText().equals("progress")) {
                progress = item;
            }
        }
        assertThat(progress).as("index 'progress'").isNotNull();
        assertThat(progress.get("levels").toString()).contains("province");
        assertThat(progress.get("periodTypes").toString()).contains("year");
        JsonNode years = progress.at("/periods/year");
        assertThat(years).isNotEmpty();
        for (JsonNode year : years) {
            assertThat(year.asText()).matches("\\d{4}");
        }
        assertThat(progress.get("latestPeriod").asText()).isNotBlank();
        assertThat(body.at("/lake/tables/0/table").asText()).isEqualTo("gold/rankings");
        assertThat(body.at("/lake/tables/0/version").asLong()).isNotNegative();
    }
}
