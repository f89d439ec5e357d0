package vn.chiso.api.briefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.chiso.api.lake.NeedsPipelineLake;
import vn.chiso.api.lake.PipelineLake;
import vn.chiso.api.lake.TestAccounts;
import vn.chiso.briefs.IndexNames;
import vn.chiso.briefs.VietnameseFormat;

/**
 * A brief never holds a number its reader may not see: on the pipeline's lake with every ranking a
 * draft, an admin publishes progress 2024 and PAR Index 2023 only; the public's brief of Quảng Ninh
 * for 2024 and the national overview then hold nothing of PAR Index or SIPAS 2024, a reviewer's
 * hold both, and a year with nothing published is refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
@NeedsPipelineLake
class BriefEmbargoTest {

    private static Path lake;
    private final ObjectMapper json = new ObjectMapper();
    private final VietnameseFormat f = new VietnameseFormat();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> copy().toString());
        registry.add("chiso.releases.unreleased", () -> "draft");
        registry.add("chiso.refresh-interval", () -> "0s");
        TestAccounts.register(registry);
    }

    private static synchronized Path copy() {
        if (lake == null) {
            lake = PipelineLake.copy();
        }
        return lake;
    }

    private byte[] ok(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus())
                .as(response.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response.getContentAsByteArray();
    }

    private String pdfText(String uri, boolean reviewer) throws Exception {
        MockHttpServletRequestBuilder request = get(uri).accept(MediaType.APPLICATION_PDF);
        return new PdfText(ok(reviewer ? request.with(TestAccounts.as(TestAccounts.REVIEWER)) : request)).text();
    }

    @Test
    void thePublicsBriefHoldsNothingOfAnUnpublishedRanking() throws Exception {
        mvc.perform(get("/api/v1/provinces/22/brief?period=2024").accept(MediaType.APPLICATION_PDF))
                .andExpect(status().isUnauthorized());
        ok(post("/api/v1/admin/releases/progress/2024/publish")
                .with(TestAccounts.as(TestAccounts.ADMIN))
                .with(TestAccounts.reason("tiến độ 2024 đã duyệt")));
        ok(post("/api/v1/admin/releases/par_index/2023/publish")
                .with(TestAccounts.as(TestAccounts.ADMIN))
                .with(TestAccounts.reason("PAR Index 2023 đã duyệt")));

        String reviewers = pdfText("/api/v1/provinces/22/brief?period=2024", true);
        String publics = pdfText("/api/v1/provinces/22/brief?period=2024", false);
        for (String hidden : List.of("par_index", "sipas_official")) {
            assertThat(reviewers).contains(IndexNames.of(hidden));
            assertThat(publics).doesNotContain(IndexNames.of(hidden));
            for (String number : numbersOf(hidden)) {
                assertThat(reviewers).contains(number);
                assertThat(publics).as(hidden + " 2024: " + number).doesNotContain(number);
            }
        }
        assertThat(publics).contains(IndexNames.of("progress"), "Quảng Ninh");
        assertThat(publics.replaceAll("\\s+", " ")).contains("công chúng (chỉ số liệu đã công bố)");
        // only PAR Index declares bands (gold/index_bands): none of its thresholds in the public's 2024 brief
        assertThat(publics.replaceAll("\\s+", " ")).doesNotContain("ngưỡng của phương pháp");
        assertThat(pdfText("/api/v1/provinces/22/brief?period=2023", false)).contains(IndexNames.of("par_index"));

        String national = pdfText("/api/v1/brief/national?period=2024", false);
        assertThat(national)
                .contains(IndexNames.of("progress"))
                .doesNotContain(IndexNames.of("par_index"))
                .doesNotContain(IndexNames.of("sipas_official"));
        mvc.perform(get("/api/v1/provinces/22/brief?period=2022").accept(MediaType.APPLICATION_PDF))
                .andExpect(status().isUnauthorized());
    }

    /**
     * Quảng Ninh's numbers of an index in 2024 as a reviewer reads them from the JSON — the score as
     * the summary writes it, and for PAR Index (a sum of points: contribution = score) each area's
     * score as the tables write it — leaving out any the public reads in its own JSON answer, so
     * that a match can only be a leak.
     */
    private List<String> numbersOf(String index) throws Exception {
        JsonNode page = json.readTree(ok(get("/api/v1/rankings?size=500&index=" + index + "&period=2024&province=22")
                .with(TestAccounts.as(TestAccounts.REVIEWER))));
        String published = new String(ok(get("/api/v1/provinces/22/indices?period=2024")), StandardCharsets.UTF_8);
        List<String> numbers = new ArrayList<>();
        BigDecimal score = page.get("items").get(0).get("score").decimalValue();
        if (!published.contains(score.toPlainString())) {
            numbers.add(f.num(score));
        }
        if (index.equals("par_index")) {
            JsonNode change = json.readTree(ok(get("/api/v1/rank-changes?unit=22&index=" + index + "&period=2024")
                    .with(TestAccounts.as(TestAccounts.REVIEWER))));
            change.get("components")
                    .forEach(c -> numbers.add(f.num2(c.get("contribution").decimalValue())));
        }
        assertThat(numbers).isNotEmpty();
        return numbers;
    }
}
