package vn.chiso.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import vn.chiso.api.lake.PipelineLakeTest;

/** Versions named in every answer, asOf answering from them, ETags keyed on them; operations endpoints. */
class ReproducibilityTest extends PipelineLakeTest {

    @Test
    void everyLakeAnswerNamesItsVersionsAndAsOfThemGivesTheSameAnswer() throws Exception {
        MvcResult latest = mvc.perform(get("/api/v1/rankings?index=progress&size=5"))
                .andExpect(status().isOk())
                .andReturn();
        String versions = latest.getResponse().getHeader("X-Chiso-Lake-Versions");
        assertThat(versions).startsWith("gold/rankings@");
        String body = latest.getResponse().getContentAsString(StandardCharsets.UTF_8);
        long version = Long.parseLong(versions.split("@")[1].split(",")[0]);
        for (String asOf : new String[] {
            versions, String.valueOf(version), java.time.Instant.now().toString()
        }) {
            String again = mvc.perform(
                            get("/api/v1/rankings?index=progress&size=5").param("asOf", asOf))
                    .andExpect(status().isOk())
                    .andExpect(header().string("X-Chiso-Lake-Versions", versions))
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(again).as("asOf=" + asOf).isEqualTo(body);
        }
        mvc.perform(get("/api/v1/provinces/01").param("asOf", String.valueOf(version)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lake.tables[1].version").value((int) version));
    }

    @Test
    void asOfAVersionOrTimeTheLakeDoesNotHaveIs404AndMalformedIs400() throws Exception {
        mvc.perform(get("/api/v1/rankings?asOf=999999"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.parameter").value("asOf"));
        mvc.perform(get("/api/v1/rankings?asOf=2000-01-01")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/rankings?asOf=gold/rankings@999999")).andExpect(status().isNotFound());
        for (String bad : new String[] {"yesterday", "-1", "2024-13-45", "gold/rankings@", "@3", "1.5"}) {
            mvc.perform(get("/api/v1/rankings").param("asOf", bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.parameter").value("asOf"));
        }
    }

    @Test
    void etagsAnswer304WhileTheVersionsStayAndDifferByRepresentation() throws Exception {
        String uri = "/api/v1/rankings?index=progress&size=3";
        String etag = mvc.perform(get(uri))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getHeader("ETag");
        assertThat(etag).matches("\"[0-9a-f]{24}\"");
        mvc.perform(get(uri).header("If-None-Match", etag))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", etag));
        mvc.perform(get(uri).header("If-None-Match", "\"other\", W/" + etag)).andExpect(status().isNotModified());
        mvc.perform(get(uri).header("If-None-Match", "\"other\"")).andExpect(status().isOk());
        String csv = mvc.perform(get(uri + "&format=csv"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getHeader("ETag");
        assertThat(csv).isNotNull().isNotEqualTo(etag);
        mvc.perform(get(uri + "&format=csv").header("If-None-Match", csv)).andExpect(status().isNotModified());
        String reviewer = mvc.perform(
                        get(uri).with(vn.chiso.api.lake.TestAccounts.as(vn.chiso.api.lake.TestAccounts.REVIEWER)))
                .andReturn()
                .getResponse()
                .getHeader("ETag");
        assertThat(reviewer).as("reviewers may see drafts: another answer").isNotEqualTo(etag);
    }

    @Test
    void healthReadinessLivenessAndPrometheus() throws Exception {
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/provinces")).andExpect(status().isOk());
        String metrics = mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void corsAllowsTheConfiguredDashboardOriginOnly() throws Exception {
        mvc.perform(options("/api/v1/rankings")
                        .header("Origin", "http://dashboards.test")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "http://dashboards.test"));
        mvc.perform(get("/api/v1/provinces").header("Origin", "http://dashboards.test"))
                .andExpect(header().string("Access-Control-Allow-Origin", "http://dashboards.test"));
        mvc.perform(options("/api/v1/rankings")
                        .header("Origin", "http://evil.test")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isForbidden());
    }

    @Test
    void provincesCarryValidityAndSuccessor() throws Exception {
        mvc.perform(get("/api/v1/provinces"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.code=='01')].validTo")
                        .value(org.hamcrest.Matchers.contains((Object) null)))
                .andExpect(jsonPath("$.items[?(@.code=='02')].validTo")
                        .value(org.hamcrest.Matchers.contains("2025-06-30")))
                .andExpect(jsonPath("$.items[?(@.code=='02')].successorCode").exists());
    }
}
