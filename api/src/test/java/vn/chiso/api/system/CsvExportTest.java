package vn.chiso.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import vn.chiso.api.lake.DeltaTestWriter;
import vn.chiso.api.lake.SyntheticLake;
import vn.chiso.contract.LakeTable;

/**
 * CSV exports are safe to open in a spreadsheet: a gold table in a temporary lake carries unit names
 * that begin like formulas (as an ingested file could); the exported ranking has them neutralised with
 * a leading quote, while its negative numbers (score and rank changes) stay numbers.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CsvExportTest {

    private static final List<String> FORMULAS = List.of(
            "=HYPERLINK(\"http://example.invalid\",\"Hà Nội\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1,2)",
            "\tTab",
            "\rCR");
    private static Path lake;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chiso.lake", () -> lake().toString());
        registry.add("chiso.releases.unreleased", () -> "published");
    }

    /** The synthetic gold tables plus a year whose first units are named like formulas. */
    private static synchronized Path lake() {
        if (lake == null) {
            try {
                lake = Files.createTempDirectory("chiso-csv-lake");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SyntheticLake.write(lake.toString());
            List<Map<String, Object>> rows = new ArrayList<>();
            List<Map<String, Object>> ranked = SyntheticLake.rankingsFor("2030");
            for (int i = 0; i < ranked.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>(ranked.get(i));
                if (i < FORMULAS.size()) {
                    row.put("unit_name", FORMULAS.get(i));
                }
                row.put("score_change", new java.math.BigDecimal("-1.25"));
                row.put("rank_change", -3);
                rows.add(row);
            }
            DeltaTestWriter.write(lake.toString(), LakeTable.GOLD_RANKINGS, rows);
            lake.toFile().deleteOnExit();
        }
        return lake;
    }

    @Test
    void anExportedRankingNeutralisesFormulaNamesAndKeepsNegativeNumbers() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/api/v1/rankings?index=progress&period=2030&format=csv"))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        List<List<String>> table = CsvText.records(response.getContentAsString(StandardCharsets.UTF_8));
        List<String> header = table.get(0);
        int name = header.indexOf("unitName");
        int scoreChange = header.indexOf("scoreChange");
        int rankChange = header.indexOf("rankChange");
        assertThat(name).isNotNegative();
        List<String> names = table.stream().skip(1).map(r -> r.get(name)).toList();
        for (String formula : FORMULAS) {
            assertThat(names).contains("'" + formula).doesNotContain(formula);
        }
        for (List<String> row : table.subList(1, table.size())) {
            assertThat(row.get(name))
                    .doesNotStartWith("=")
                    .doesNotStartWith("+")
                    .doesNotStartWith("-")
                    .doesNotStartWith("@")
                    .doesNotStartWith("\t")
                    .doesNotStartWith("\r");
            assertThat(row.get(scoreChange)).isEqualTo("-1.25");
            assertThat(row.get(rankChange)).isEqualTo("-3");
        }
    }
}
