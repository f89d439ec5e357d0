package vn.chiso.api.briefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.NeedsPipelineLake;
import vn.chiso.api.lake.PipelineLake;
import vn.chiso.api.lake.PipelineLakeTest;
import vn.chiso.briefs.TrendChart;
import vn.chiso.briefs.VietnameseFormat;
import vn.chiso.briefs.model.IndexSection;
import vn.chiso.briefs.model.NextPoint;
import vn.chiso.briefs.model.NextPoints;
import vn.chiso.briefs.model.ProvinceBrief;

/**
 * Briefs rendered from the real pipeline's lake and read back with PDFBox: Vietnamese text intact in
 * an embedded font, the summary page's numbers exactly the API's JSON for the same versions, the
 * next-points table's order and arithmetic, the footer's versions rebuilding the same text, pages
 * that are not blank and carry their charts, and the national overview.
 */
@NeedsPipelineLake
class BriefTest extends PipelineLakeTest {

    private static final String YEAR = "2024";
    private static final String QUANG_NINH = "22";
    /** A token of the summary table: a number, a rank of n, an interval, a signed change. */
    private static final Pattern NUMBER = Pattern.compile("[−+]?\\d+(?:[.,/–]\\d+)*");

    private final ObjectMapper json = new ObjectMapper();
    private final VietnameseFormat f = new VietnameseFormat();

    @Autowired
    ProvinceBriefService provinceBriefs;

    @BeforeAll
    static void theLakeIsThePipelines() {
        assertThat(PipelineLake.fromPipeline())
                .as("built by the real pipeline, not the synthetic fallback")
                .isTrue();
    }

    private MockHttpServletResponse fetch(String uri, String accept) throws Exception {
        MockHttpServletResponse response =
                mvc.perform(get(uri).accept(accept)).andReturn().getResponse();
        assertThat(response.getStatus())
                .as(uri + ": " + response.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response;
    }

    private PdfText pdf(String uri) throws Exception {
        MockHttpServletResponse response = fetch(uri, MediaType.APPLICATION_PDF_VALUE);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PDF_VALUE);
        return new PdfText(response.getContentAsByteArray());
    }

    private JsonNode getJson(String uri) throws Exception {
        return json.readTree(fetch(uri, MediaType.APPLICATION_JSON_VALUE).getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void vietnameseTextIsIntactInAnEmbeddedFont() throws Exception {
        PdfText quangNinh = pdf("/api/v1/provinces/22/brief?period=" + YEAR);
        assertThat(quangNinh.text())
                .contains(
                        "Báo cáo kết quả các chỉ số năm 2024: Quảng Ninh",
                        "Tóm tắt: điểm, thứ hạng và xếp loại",
                        "Vì sao thứ hạng thay đổi",
                        "Dư địa tăng điểm",
                        "Giải quyết hồ sơ thủ tục hành chính năm 2024");
        assertThat(pdf("/api/v1/provinces/46/brief?period=" + YEAR).text()).contains("Thừa Thiên Huế");
        assertThat(quangNinh.fonts())
                .isNotEmpty()
                .allSatisfy(font -> assertThat(font).contains("DejaVuSans").endsWith(" embedded"));
    }

    @Test
    void everyNumberOfTheSummaryTableIsTheApisAnswer() throws Exception {
        MockHttpServletResponse response =
                fetch("/api/v1/provinces/22/brief?period=" + YEAR, MediaType.APPLICATION_PDF_VALUE);
        String versions = response.getHeader(LakeInfo.HEADER);
        JsonNode answer = getJson("/api/v1/provinces/22/indices?period=" + YEAR + "&asOf=" + versions);
        Set<String> expected = new HashSet<>();
        for (JsonNode i : answer.get("items")) {
            expected.add(f.num(i.get("score").decimalValue()));
            expected.add(i.get("rank").asInt() + "/" + i.get("unitsRanked").asInt());
            if (!i.get("previousRank").isNull()) {
                expected.add(f.num(i.get("previousScore").decimalValue()));
                expected.add(String.valueOf(i.get("previousRank").asInt()));
                expected.add(f.signed(i.get("rankChange").asInt()));
            }
            if (!i.get("rankLow").isNull()) {
                expected.add(i.get("rankLow").asInt() + "–" + i.get("rankHigh").asInt());
            }
            if (!i.get("rankInRegion").isNull()) {
                expected.add(i.get("rankInRegion").asInt() + "/"
                        + i.get("unitsInRegion").asInt());
            }
        }
        String page = new PdfText(response.getContentAsByteArray()).page(1);
        String title = "Tóm tắt: điểm, thứ hạng và xếp loại";
        String table = page.substring(page.indexOf(title) + title.length(), page.indexOf("Thay đổi hạng: dương"));
        List<String> shown =
                tokens(table).stream().filter(t -> !t.equals("766")).toList(); // "(QĐ 766)": a name
        assertThat(shown)
                .as("numbers of the summary table")
                .isNotEmpty()
                .allSatisfy(t -> assertThat(expected).contains(t));
        assertThat(expected).allSatisfy(e -> assertThat(shown).contains(e));
        assertThat(answer.get("items").size()).isGreaterThanOrEqualTo(3);
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    @Test
    void nextPointsAreOrderedByPointsPerPointAndAddUp() throws Exception {
        ProvinceBrief brief = provinceBriefs.brief(QUANG_NINH, YEAR, AsOf.latest());
        String text = new PdfText(fetch(
                                "/api/v1/provinces/22/brief?period=" + YEAR + "&asOf="
                                        + brief.footer().lakeVersions(),
                                MediaType.APPLICATION_PDF_VALUE)
                        .getContentAsByteArray())
                .text();
        int checked = 0;
        for (IndexSection s : brief.sections()) {
            NextPoints next = s.nextPoints();
            JsonNode list = getJson("/api/v1/rankings?size=500&index=" + s.index() + "&period=" + YEAR);
            BigDecimal own = null;
            BigDecimal above = null;
            for (JsonNode item : list.get("items")) {
                if (item.get("unitCode").asText().equals(QUANG_NINH)) {
                    own = item.get("score").decimalValue();
                    break;
                }
                above = item.get("score").decimalValue();
            }
            if (above == null) {
                assertThat(next.gapToAbove())
                        .as(s.index() + ": first, no one to pass")
                        .isNull();
            } else {
                assertThat(next.gapToAbove())
                        .as(s.index())
                        .isEqualByComparingTo(above.subtract(own).add(new BigDecimal("0.01")));
            }
            for (int i = 0; i < next.rows().size(); i++) {
                NextPoint row = next.rows().get(i);
                assertThat(row.available())
                        .isEqualByComparingTo(row.max().subtract(row.score()).max(BigDecimal.ZERO));
                assertThat(row.weightedAvailable())
                        .isEqualByComparingTo(row.available().multiply(row.perPoint()));
                if (i > 0) {
                    NextPoint before = next.rows().get(i - 1);
                    assertThat(before.perPoint()).isGreaterThanOrEqualTo(row.perPoint());
                    if (before.perPoint().compareTo(row.perPoint()) == 0) {
                        assertThat(before.weightedAvailable()).isGreaterThanOrEqualTo(row.weightedAvailable());
                    }
                }
                checkNeeded(row, next.gapToAbove(), row.toPassAbove());
                checkNeeded(row, next.gapToBand(), row.toNextBand());
                checked++;
            }
            if (s.index().equals("par_index")) {
                // PAR Index adds the areas' points: one point of an area is one point of the index
                assertThat(next.rows())
                        .isNotEmpty()
                        .allSatisfy(r -> assertThat(r.perPoint()).isEqualByComparingTo("1"));
                assertThat(next.rows().stream().map(NextPoint::score).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .isEqualByComparingTo(own);
            }
            if (s.index().equals("sipas_official")) {
                // SIPAS is the mean of five factors
                assertThat(next.rows())
                        .hasSize(5)
                        .allSatisfy(r -> assertThat(r.perPoint()).isEqualByComparingTo("0.2"));
            }
            int from = text.indexOf(s.indexName() + "\n", text.indexOf("Dư địa tăng điểm"));
            assertThat(from).as(s.index() + " in the next-points part").isPositive();
            int last = from;
            for (NextPoint row : next.rows()) {
                int at = text.indexOf(row.code() + " ", last + 1);
                assertThat(at)
                        .as(s.index() + " row " + row.code() + " in the PDF, in order")
                        .isGreaterThan(last);
                last = at;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    /**
     * The next band is the methodology's own threshold (par_index/2021.yaml and 2022.yaml: A ≥ 90,
     * B ≥ 80, C ≥ 70, read from gold/index_bands), not a score seen in the list: for one province
     * below each floor, the points needed are the floor minus its score.
     */
    @Test
    void theNextBandIsTheMethodologysThreshold() throws Exception {
        Map<String, BigDecimal> floors = new LinkedHashMap<>();
        floors.put("C", new BigDecimal("70"));
        floors.put("B", new BigDecimal("80"));
        floors.put("A", new BigDecimal("90"));
        Map<String, String> checked = new LinkedHashMap<>();
        for (JsonNode item : getJson("/api/v1/rankings?size=500&index=par_index&period=" + YEAR)
                .get("items")) {
            BigDecimal score = item.get("score").decimalValue();
            String band = floors.entrySet().stream()
                    .filter(e -> e.getValue().compareTo(score) > 0)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse("none");
            if (checked.containsKey(band)) {
                continue;
            }
            String code = item.get("unitCode").asText();
            checked.put(band, code);
            NextPoints next = provinceBriefs.brief(code, YEAR, AsOf.latest()).sections().stream()
                    .filter(s -> s.index().equals("par_index"))
                    .findFirst()
                    .orElseThrow()
                    .nextPoints();
            if (band.equals("none")) {
                assertThat(next.nextBand())
                        .as(code + " at " + score + ": in the best band")
                        .isNull();
                continue;
            }
            assertThat(next.nextBand()).as(code + " at " + score).isEqualTo(band);
            assertThat(next.nextBandFrom()).isEqualByComparingTo(floors.get(band));
            assertThat(next.gapToBand()).isEqualByComparingTo(floors.get(band).subtract(score));
        }
        assertThat(checked).as("provinces below A and in A").containsKeys("A", "none");
        String html = fetch(
                        "/api/v1/provinces/" + checked.get("A") + "/brief?period=" + YEAR + "&format=html",
                        MediaType.TEXT_HTML_VALUE)
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Để đạt nhóm A ≥ 90,00 (ngưỡng của phương pháp 2022)");
    }

    /**
     * The score the row names closes the gap alone (one hundredth less would not), or none when even
     * the component's maximum would not.
     */
    private static void checkNeeded(NextPoint row, BigDecimal gap, BigDecimal shown) {
        if (gap == null) {
            assertThat(shown).isNull();
            return;
        }
        BigDecimal needed = row.score().add(gap.divide(row.perPoint(), 2, RoundingMode.CEILING));
        if (needed.compareTo(row.max()) > 0) {
            assertThat(shown).as(row.code()).isNull();
            return;
        }
        assertThat(shown).as(row.code()).isEqualByComparingTo(needed);
        assertThat(shown.subtract(row.score()).multiply(row.perPoint())).isGreaterThanOrEqualTo(gap);
        assertThat(shown.subtract(new BigDecimal("0.01")).subtract(row.score()).multiply(row.perPoint()))
                .isLessThan(gap);
    }

    @Test
    void theFootersVersionsRebuildTheSameText() throws Exception {
        MockHttpServletResponse first =
                fetch("/api/v1/provinces/22/brief?period=" + YEAR, MediaType.APPLICATION_PDF_VALUE);
        String versions = first.getHeader(LakeInfo.HEADER);
        String text = new PdfText(first.getContentAsByteArray()).text();
        assertThat(text.replace("\n", ""))
                .as("the footer's asOf (a long value may wrap)")
                .contains("asOf=" + versions);
        MockHttpServletResponse again = fetch(
                "/api/v1/provinces/22/brief?period=" + YEAR + "&asOf=" + versions, MediaType.APPLICATION_PDF_VALUE);
        assertThat(again.getHeader(LakeInfo.HEADER)).isEqualTo(versions);
        assertThat(new PdfText(again.getContentAsByteArray()).text()).isEqualTo(text);
        String html = fetch("/api/v1/provinces/22/brief?period=" + YEAR + "&format=html", MediaType.ALL_VALUE)
                .getContentAsString(StandardCharsets.UTF_8);
        String rebuilt = fetch(
                        "/api/v1/provinces/22/brief?period=" + YEAR + "&format=html&asOf=" + versions,
                        MediaType.ALL_VALUE)
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(rebuilt).isEqualTo(html).contains("<svg").contains("Quảng Ninh");
    }

    @Test
    void pagesAreNotBlankAndEveryIndexPageHasItsChart() throws Exception {
        ProvinceBrief brief = provinceBriefs.brief(QUANG_NINH, YEAR, AsOf.latest());
        PdfText pdf = pdf("/api/v1/provinces/22/brief?period=" + YEAR + "&asOf="
                + brief.footer().lakeVersions());
        List<BufferedImage> pages = pdf.images(60);
        int sections = brief.sections().size();
        assertThat(sections).isGreaterThanOrEqualTo(3);
        assertThat(pages.size())
                .as("summary, one page per index, next points, dossiers")
                .isGreaterThanOrEqualTo(sections + 2 + (brief.dossier() == null ? 0 : 1));
        for (int i = 0; i < pages.size(); i++) {
            assertThat(ink(pages.get(i))).as("page " + (i + 1) + " has content").isGreaterThan(0.01);
            boolean indexPage = i >= 1 && i <= sections;
            assertThat(lineColour(pages.get(i)) > 40)
                    .as("page " + (i + 1) + " has a trend chart")
                    .isEqualTo(indexPage);
            if (indexPage) {
                assertThat(pdf.page(i + 1))
                        .contains(
                                brief.sections().get(i - 1).indexName() + "\n",
                                "Diễn biến điểm số qua các năm",
                                "Các tỉnh so sánh");
            }
        }
        String dir = System.getProperty("chiso.brief.pages");
        if (dir != null) {
            save(pdf, Path.of(dir));
        }
    }

    /** Share of pixels that are not near white. */
    private static double ink(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 600) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) image.getWidth() * image.getHeight());
    }

    /** Pixels of the charts' line colour. */
    private static long lineColour(BufferedImage image) {
        int colour = Integer.parseInt(TrendChart.LINE_COLOUR.substring(1), 16);
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xff) - ((colour >> 16) & 0xff)) < 12
                        && Math.abs(((rgb >> 8) & 0xff) - ((colour >> 8) & 0xff)) < 12
                        && Math.abs((rgb & 0xff) - (colour & 0xff)) < 12) {
                    count++;
                }
            }
        }
        return count;
    }

    private static void save(PdfText pdf, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<BufferedImage> images = pdf.images(100);
        for (int i = 0; i < images.size(); i++) {
            ImageIO.write(
                    images.get(i),
                    "png",
                    dir.resolve(String.format("page-%02d.png", i + 1)).toFile());
        }
        Files.write(dir.resolve("brief-22-2024.pdf"), pdf.bytes());
    }

    @Test
    void theNationalOverviewShowsEachIndexsTopTenAndHowTheIndicesAgree() throws Exception {
        MockHttpServletResponse response =
                fetch("/api/v1/brief/national?period=" + YEAR, MediaType.APPLICATION_PDF_VALUE);
        String versions = response.getHeader(LakeInfo.HEADER);
        PdfText pdf = new PdfText(response.getContentAsByteArray());
        String text = pdf.text();
        assertThat(text)
                .contains(
                        "Tổng quan kết quả các chỉ số năm 2024",
                        "Mười tỉnh dẫn đầu",
                        "Mười tỉnh cuối bảng",
                        "Điểm trung bình theo vùng",
                        "asOf=" + versions);
        JsonNode correlations = getJson("/api/v1/indices/correlations?period=" + YEAR + "&asOf=" + versions);
        assertThat(correlations.get("indices").size()).isGreaterThanOrEqualTo(3);
        for (JsonNode c : correlations.get("items")) {
            assertThat(text).contains(f.num(c.get("spearmanRho").decimalValue()));
        }
        for (JsonNode index : correlations.get("indices")) {
            JsonNode top = getJson(
                    "/api/v1/rankings?size=10&index=" + index.asText() + "&period=" + YEAR + "&asOf=" + versions);
            int from = text.indexOf(
                    "Mười tỉnh dẫn đầu", text.indexOf(vn.chiso.briefs.IndexNames.of(index.asText()) + "\n"));
            for (JsonNode item : top.get("items")) {
                assertThat(text.indexOf(item.get("unitName").asText() + " ", from))
                        .as(index + " top ten")
                        .isGreaterThan(from);
                assertThat(text).contains(f.num(item.get("score").decimalValue()));
            }
        }
        assertThat(pdf.images(40)).allSatisfy(page -> assertThat(ink(page)).isGreaterThan(0.01));
    }
}
