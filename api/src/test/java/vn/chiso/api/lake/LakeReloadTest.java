package vn.chiso.api.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import vn.chiso.contract.LakeTable;

/** A new Delta version written while the API runs is served without a restart. */
@SpringBootTest
@AutoConfigureMockMvc
class LakeReloadTest {

    private static Path lake;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void lake(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> copy().toString());
        registry.add("chiso.refresh-interval", () -> "0s");
        registry.add("chiso.releases.unreleased", () -> "published");
    }

    /** Its own copy of the test lake, since this test writes to it. */
    private static synchronized Path copy() {
        if (lake == null) {
            lake = PipelineLake.copy();
        }
        return lake;
    }

    private long rankingsVersion() throws Exception {
        String body = mvc.perform(get("/api/v1/indices"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(body).at("/lake/tables/0/version").asLong();
    }

    @Test
    void servesTheNewVersionAfterAnAppend() throws Exception {
        long before = rankingsVersion();
        mvc.perform(get("/api/v1/rankings?index=progress&period=2099")).andExpect(status().isNotFound());
        String etagBefore = mvc.perform(get("/api/v1/rankings?index=progress"))
                .andReturn()
                .getResponse()
                .getHeader("ETag");

        DeltaTestWriter.write(copy().toString(), LakeTable.GOLD_RANKINGS, SyntheticLake.rankingsFor("2099"));

        mvc.perform(get("/api/v1/rankings?index=progress&period=2099"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(63))
                .andExpect(jsonPath("$.lake.tables[0].table").value("gold/rankings"))
                .andExpect(jsonPath("$.lake.tables[0].version").value(before + 1));
        mvc.perform(get("/api/v1/rankings?index=progress"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.period").value("2099"));
        assertThat(rankingsVersion()).isEqualTo(before + 1);

        // the new version is a new answer: the old ETag no longer matches
        mvc.perform(get("/api/v1/rankings?index=progress").header("If-None-Match", etagBefore))
                .andExpect(status().isOk());
        // time travel: as of the previous version, 2099 does not exist yet and the latest period is the old one
        mvc.perform(get("/api/v1/rankings?index=progress&period=2099&asOf=" + before))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/rankings?index=progress&asOf=gold/rankings@" + before))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.period").value(org.hamcrest.Matchers.not("2099")))
                .andExpect(jsonPath("$.lake.tables[0].version").value(before));
        mvc.perform(get("/api/v1/rankings?index=progress&period=2099&asOf=" + (before + 1)))
                .andExpect(status().isOk());
    }
}
