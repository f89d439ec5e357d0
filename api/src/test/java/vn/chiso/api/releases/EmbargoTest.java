package vn.chiso.api.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.chiso.api.lake.DeltaTestWriter;
import vn.chiso.api.lake.NeedsPipelineLake;
import vn.chiso.api.lake.PipelineLake;
import vn.chiso.api.lake.SyntheticLake;
import vn.chiso.api.lake.TestAccounts;
import vn.chiso.contract.LakeTable;

/**
 * The embargo on the real pipeline's lake: every ranking starts as a draft; the public (no
 * credentials, or an account without a known role) sees none of it in lists, CSV, trends, profiles,
 * comparisons or explanations, and gets 401/403 when it names one; reviewers see drafts; only admins
 * publish and withdraw, and every action lands in ops/releases with who, when and which versions.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbargoTest {

    private static Path lake;
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> copy().toString());
        registry.add("chiso.releases.unreleased", () -> "draft");
        registry.add("chiso.refresh-interval", () -> "0s"); // a recomputation is seen at once
        TestAccounts.register(registry);
    }

    private static synchronized Path copy() {
        if (lake == null) {
            lake = PipelineLake.copy();
        }
        return lake;
    }

    private JsonNode body(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        String content = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(content).isEqualTo(200);
        return json.readTree(content);
    }

    /** The province years of index progress, oldest first, as a reviewer sees them. */
    private List<String> years() throws Exception {
        JsonNode indices = body(get("/api/v1/indices").with(TestAccounts.as(TestAccounts.REVIEWER)));
        for (JsonNode item : indices.get("items")) {
            if (item.get("index").asText().equals("progress")) {
                List<String> years = new ArrayList<>();
                item.at("/periods/year").forEach(y -> years.add(y.asText()));
                return years;
            }
        }
        throw new AssertionError("no index progress");
    }

    private String latest() throws Exception {
        List<String> years = years();
        return years.get(years.size() - 1);
    }

    @Test
    @Order(1)
    void draftsAreInvisibleToThePublic() throws Exception {
        String year = latest();
        String ranking = "/api/v1/rankings?index=progress&period=" + year;
        mvc.perform(get(ranking))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(
                                "WWW-Authenticate",
                                "Bearer realm=\"chiso\"")) // never Basic: browsers would remember it
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not published")));
        mvc.perform(get(ranking + "&format=csv")).andExpect(status().isUnauthorized());
        mvc.perform(get(ranking).accept("text/csv")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/rankings?index=progress")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/compare?units=01,79&period=" + year)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/rank-changes?unit=01&period=" + year)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/indices/progress")).andExpect(status().isUnauthorized());
        // an account without the reviewer role is no more than the public: 403
        mvc.perform(get(ranking).with(TestAccounts.as(TestAccounts.NOBODY))).andExpect(status().isForbidden());
        mvc.perform(get(ranking).with(TestAccounts.wrongPassword(TestAccounts.REVIEWER)))
                .andExpect(status().isUnauthorized());

        assertThat(body(get("/api/v1/indices")).get("items")).isEmpty();
        assertThat(body(get("/api/v1/releases")).get("items")).isEmpty();
        assertThat(body(get("/api/v1/trends?units=01,79")).get("items")).isEmpty();
        mvc.perform(get("/api/v1/trends?units=01&format=csv"))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse()
                                .getContentAsString(StandardCharsets.UTF_8)
                                .strip()
                                .lines())
                        .hasSize(1)); // the header only
        // a period's KPIs are released with its progress ranking: nothing of a draft period
        mvc.perform(get("/api/v1/provinces/01")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/provinces/01/districts")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/provinces/01/districts?period=" + year)).andExpect(status().isUnauthorized());
        JsonNode profile = body(get("/api/v1/provinces/01?period=" + year));
        assertThat(profile.get("kpis").isNull()).isTrue();
        assertThat(profile.get("rankings")).isEmpty();
        profile.get("trend").forEach(point -> {
            assertThat(point.get("ranks")).isEmpty();
            assertThat(point.get("kpis").isNull()).isTrue();
        });
    }

    @Test
    @Order(2)
    void reviewersSeeDraftsButCannotPublish() throws Exception {
        String year = latest();
        JsonNode page = body(
                get("/api/v1/rankings?index=progress&period=" + year).with(TestAccounts.as(TestAccounts.REVIEWER)));
        assertThat(page.get("total").asInt()).isPositive();
        JsonNode releases = body(get("/api/v1/releases?index=progress").with(TestAccounts.as(TestAccounts.REVIEWER)));
        assertThat(releases.get("items").findValuesAsText("status"))
                .contains("draft")
                .doesNotContain("published");
        mvc.perform(post("/api/v1/admin/releases/progress/" + year + "/publish")
                        .with(TestAccounts.as(TestAccounts.REVIEWER)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/admin/releases/progress/" + year + "/publish"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/admin/releases/audit")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/admin/releases/audit").with(TestAccounts.as(TestAccounts.REVIEWER)))
                .andExpect(status().isForbidden());
    }

    @Test
    @Order(3)
    void anAdminPublishesWithAnAuditTrailAndCanWithdraw() throws Exception {
        List<String> years = years();
        String year = years.get(years.size() - 1);
        String earlier = years.get(years.size() - 2);
        // no reason, no publication: the audit trail says why
        mvc.perform(post("/api/v1/admin/releases/progress/" + year + "/publish")
                        .with(TestAccounts.as(TestAccounts.ADMIN)))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/admin/releases/progress/" + year + "/publish")
                        .with(TestAccounts.as(TestAccounts.ADMIN))
                        .with(TestAccounts.reason("  ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("reason"));
        JsonNode release = body(post("/api/v1/admin/releases/progress/" + year + "/publish")
                .with(TestAccounts.as(TestAccounts.ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"reviewed by the leadership\"}"));
        assertThat(release.get("status").asText()).isEqualTo("published");
        assertThat(release.get("publishedBy").asText()).isEqualTo(TestAccounts.ADMIN);
        assertThat(release.get("reason").asText()).isEqualTo("reviewed by the leadership");
        assertThat(release.get("lakeVersions").asText()).contains("gold/rankings@");
        mvc.perform(post("/api/v1/admin/releases/progress/" + year + "/publish")
                        .with(TestAccounts.as(TestAccounts.ADMIN))
                        .with(TestAccounts.reason("test")))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/admin/releases/progress/1999/publish")
                        .with(TestAccounts.as(TestAccounts.ADMIN))
                        .with(TestAccounts.reason("test")))
                .andExpect(status().isNotFound());

        // the public now sees that one period, and only it
        JsonNode page = body(get("/api/v1/rankings?index=progress"));
        assertThat(page.get("period").asText()).isEqualTo(year);
        assertThat(page.at("/lake/tables/1/table").asText()).isEqualTo("ops/releases");
        mvc.perform(get("/api/v1/rankings?index=progress&format=csv&period=" + year))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/rankings?index=progress&period=" + earlier)).andExpect(status().isUnauthorized());
        JsonNode indices = body(get("/api/v1/indices"));
        assertThat(indices.at("/items/0/periods/year").toString()).isEqualTo("[\"" + year + "\"]");
        JsonNode trends = body(get("/api/v1/trends?units=01"));
        assertThat(trends.get("items").findValuesAsText("period")).containsExactly(year);
        JsonNode publicReleases = body(get("/api/v1/releases"));
        assertThat(publicReleases.get("items").findValuesAsText("period")).containsExactly(year);

        JsonNode audit = body(get("/api/v1/admin/releases/audit").with(TestAccounts.as(TestAccounts.ADMIN)));
        assertThat(audit.at("/items/0/actor").asText()).isEqualTo(TestAccounts.ADMIN);
        assertThat(audit.at("/items/0/action").asText()).isEqualTo("publish");
        assertThat(audit.at("/items/0/reason").asText()).isEqualTo("reviewed by the leadership");
        assertThat(audit.at("/items/0/at").asText()).isNotBlank();
        assertThat(Files.isDirectory(
                        LakeTable.RELEASES.location(copy().toString()) == null
                                ? null
                                : Path.of(LakeTable.RELEASES.location(copy().toString()), "_delta_log")))
                .isTrue();

        body(post("/api/v1/admin/releases/progress/" + year + "/withdraw")
                .with(TestAccounts.as(TestAccounts.ADMIN))
                .with(TestAccounts.reason("test")));
        mvc.perform(get("/api/v1/rankings?index=progress&period=" + year)).andExpect(status().isUnauthorized());
        audit = body(get("/api/v1/admin/releases/audit").with(TestAccounts.as(TestAccounts.ADMIN)));
        assertThat(audit.get("items").findValuesAsText("action")).containsExactly("withdraw", "publish");
    }

    @Test
    @NeedsPipelineLake
    @Order(4)
    void thePublicSeesAPublishedRankingAsPublishedUntilARecomputationIsPublished() throws Exception {
        List<String> years = years();
        String year = years.get(years.size() - 1);
        String earlier = years.get(years.size() - 2);
        String ranking = "/api/v1/rankings?index=progress&period=" + year;
        java.time.Instant beforePublication = java.time.Instant.now();
        Thread.sleep(5);
        body(post("/api/v1/admin/releases/progress/" + earlier + "/publish")
                .with(TestAccounts.as(TestAccounts.ADMIN))
                .with(TestAccounts.reason("test")));
        body(post("/api/v1/admin/releases/progress/" + year + "/publish")
                .with(TestAccounts.as(TestAccounts.ADMIN))
                .with(TestAccounts.reason("test")));
        JsonNode published = body(get(ranking));
        long publishedVersion = published.at("/lake/tables/0/version").asLong();
        int publishedTotal = published.get("total").asInt();

        // a recomputation lands (here: a second set of rows for the same period)
        DeltaTestWriter.write(copy().toString(), LakeTable.GOLD_RANKINGS, SyntheticLake.rankingsFor(year));

        JsonNode reviewed = body(get(ranking).with(TestAccounts.as(TestAccounts.REVIEWER)));
        assertThat(reviewed.at("/lake/tables/0/version").asLong()).isEqualTo(publishedVersion + 1);
        assertThat(reviewed.get("total").asInt()).isEqualTo(publishedTotal + 63);
        JsonNode stillPublished = body(get(ranking));
        assertThat(stillPublished.at("/lake/tables/0/version").asLong()).isEqualTo(publishedVersion);
        assertThat(stillPublished.get("items")).isEqualTo(published.get("items"));
        assertThat(body(get("/api/v1/rank-changes?unit=01&period=" + year))
                        .at("/lake/tables/0/version")
                        .asLong())
                .isEqualTo(publishedVersion);
        assertThat(body(get("/api/v1/compare?index=progress&units=01,79&period=" + year))
                        .at("/lake/tables/0/version")
                        .asLong())
                .isEqualTo(publishedVersion);
        assertThat(body(get("/api/v1/compare?index=progress&units=01,79&period=" + year)
                                .with(TestAccounts.as(TestAccounts.REVIEWER)))
                        .at("/lake/tables/0/version")
                        .asLong())
                .isEqualTo(publishedVersion + 1);
        mvc.perform(get(ranking + "&format=csv"))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse()
                                .getContentAsString(StandardCharsets.UTF_8)
                                .strip()
                                .lines())
                        .hasSize(publishedTotal + 1));

        // asOf reaches the published versions only: a version or time after them reads the publication in
        // force (a time) or is answered as a draft (a version); before the publication, as a draft
        assertThat(body(get(ranking + "&asOf=" + publishedVersion)).get("items"))
                .isEqualTo(published.get("items"));
        assertThat(body(get(ranking + "&asOf=" + java.time.Instant.now())).get("items"))
                .isEqualTo(published.get("items"));
        for (String asOf : List.of(
                String.valueOf(publishedVersion + 1),
                "gold/rankings@" + (publishedVersion + 1),
                beforePublication.toString())) {
            mvc.perform(get(ranking + "&asOf=" + asOf))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not published")));
            mvc.perform(get(ranking + "&asOf=" + asOf).with(TestAccounts.as(TestAccounts.NOBODY)))
                    .andExpect(status().isForbidden());
        }
        assertThat(body(get(ranking + "&asOf=" + (publishedVersion + 1)).with(TestAccounts.as(TestAccounts.REVIEWER)))
                        .get("total")
                        .asInt())
                .isEqualTo(publishedTotal + 63);

        // withdrawn and published again, the public sees the recomputation
        body(post("/api/v1/admin/releases/progress/" + year + "/withdraw")
                .with(TestAccounts.as(TestAccounts.ADMIN))
                .with(TestAccounts.reason("test")));
        body(post("/api/v1/admin/releases/progress/" + year + "/publish")
                .with(TestAccounts.as(TestAccounts.ADMIN))
                .with(TestAccounts.reason("test")));
        assertThat(body(get(ranking)).get("total").asInt()).isEqualTo(publishedTotal + 63);
    }
}
