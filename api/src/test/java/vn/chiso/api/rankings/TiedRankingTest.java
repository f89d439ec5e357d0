package vn.chiso.api.rankings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import vn.chiso.api.lake.SyntheticLake;
import vn.chiso.api.lake.TestAccounts;

/**
 * Ties, always checked: a lake of real Delta gold tables (written with Delta Kernel) in which provinces
 * 02 and 04 have the same score in every list, so the guarantee never depends on the pipeline's data
 * happening to hold a tie.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TiedRankingTest {

    private static Path lake;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void lake(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> tiedLake().toString());
        registry.add("chiso.releases.unreleased", () -> "published");
        TestAccounts.register(registry);
    }

    private static synchronized Path tiedLake() {
        if (lake == null) {
            try {
                lake = Files.createTempDirectory("chiso-tied-lake");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SyntheticLake.write(lake.toString());
        }
        return lake;
    }

    @Test
    void tiedUnitsShareARankAndTheNextRanksAreSkipped() throws Exception {
        String body = mvc.perform(get("/api/v1/rankings?index=progress&size=500&period=2024"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        JsonNode items = new ObjectMapper().readTree(body).get("items");
        List<String> codes = items.findValuesAsText("unitCode");
        JsonNode a = items.get(codes.indexOf(SyntheticLake.TIED_A));
        JsonNode b = items.get(codes.indexOf(SyntheticLake.TIED_B));
        assertThat(a.get("score").decimalValue())
                .as("the lake's tie")
                .isEqualByComparingTo(b.get("score").decimalValue());
        assertThat(a.get("rank")).isEqualTo(b.get("rank"));

        Map<BigDecimal, List<Integer>> ranksByScore = new TreeMap<>();
        items.forEach(i -> ranksByScore
                .computeIfAbsent(i.get("score").decimalValue(), s -> new ArrayList<>())
                .add(i.get("rank").asInt()));
        List<List<Integer>> ties =
                ranksByScore.values().stream().filter(r -> r.size() > 1).toList();
        assertThat(ties).isNotEmpty();
        List<Integer> allRanks =
                items.findValues("rank").stream().map(JsonNode::asInt).toList();
        for (List<Integer> tie : ties) {
            int rank = tie.get(0);
            assertThat(tie).as("equal scores, equal ranks").containsOnly(rank);
            // 1, 2, 2, 4: the ranks a tie of k takes after its first are skipped
            for (int skipped = rank + 1; skipped < rank + tie.size(); skipped++) {
                assertThat(allRanks).doesNotContain(skipped);
            }
        }
    }
}
