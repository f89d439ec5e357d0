package vn.chiso.transforms.methodology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MethodologyLoaderTest {

    private static final String SMALL = """
            index: demo
            version: "2024"
            title: Demo
            valid_from: 2024
            source: {kind: official_scores, index_code: DEMO}
            scale: 20
            components:
              - {code: A, max_points: 12, input: A}
              - code: B
                max_points: 8
                indicators:
                  - {code: B1, max_points: 5, method: ratio, rounding: 2}
                  - {code: B2, max_points: 3, method: ratio, full_at: 90, if_no_denominator: full}
            bands:
              - {code: A, min: 18}
              - {code: B, min: 15, below: 18}
            """;

    @Test
    void readsComponentsIndicatorsAndDefaults() {
        Methodology m = MethodologyLoader.parse("demo/2024.yaml", SMALL);
        assertEquals("demo", m.indexCode());
        assertEquals(new BigDecimal("20"), m.scale());
        assertEquals(Aggregation.SUM, m.aggregation());
        assertEquals(2, m.components().size());
        Indicator b2 = m.components().get(1).indicators().get(1);
        assertEquals(Method.RATIO, b2.method());
        assertEquals(new BigDecimal("90"), b2.fullAt());
        assertEquals(NoDenominator.FULL, b2.ifNoDenominator());
        assertEquals(Method.POINTS, m.components().get(0).indicators().get(0).method(), "default method: points");
        assertEquals("B", m.band(new BigDecimal("17.99")));
        assertEquals("A", m.band(new BigDecimal("18.00")));
        assertEquals(null, m.band(new BigDecimal("14.99")));
        assertTrue(m.appliesTo(2025) && !m.appliesTo(2023));
    }

    private static String fails(String file, String text) {
        return assertThrows(MethodologyException.class, () -> MethodologyLoader.parse(file, text))
                .getMessage();
    }

    /** Gold's build records hash a methodology's text: it must read the same in every JVM. */
    @Test
    void sourceOptionsPrintInKeyOrder() {
        Source source =
                new Source("official_scores", java.util.Map.of("prefer_source", "vcci", "index_code", "PCI", "b", "2"));
        assertEquals(
                "Source[kind=official_scores, options={b=2, index_code=PCI, prefer_source=vcci}]", source.toString());
    }

    @Test
    void invalidFilesFailWithTheirNameAndPlace() {
        String msg = fails("demo/2024.yaml", SMALL.replace("max_points: 12", "max_point: 12"));
        assertTrue(msg.contains("demo/2024.yaml") && msg.contains("components[0]") && msg.contains("max_point"), msg);

        msg = fails("demo/2024.yaml", SMALL.replace("scale: 20", "scale: 25"));
        assertTrue(msg.contains("add up to 20, not the scale 25"), msg);

        msg = fails("demo/2024.yaml", SMALL.replace("max_points: 8", "max_points: 9"));
        assertTrue(msg.contains("component 'B'") && msg.contains("add up to 8"), msg);

        msg = fails("demo/2024.yaml", SMALL.replace("method: ratio, rounding", "method: ratios, rounding"));
        assertTrue(msg.contains("unknown value 'ratios'") && msg.contains("min_max"), msg);

        msg = fails("demo/2024.yaml", SMALL.replace("source: {kind: official_scores, index_code: DEMO}\n", ""));
        assertTrue(msg.contains("'source'"), msg);

        msg = fails("demo/2023.yaml", SMALL);
        assertTrue(msg.contains("belong in demo/2024.yaml"), msg);

        msg = fails(
                "demo/2024.yaml",
                SMALL.replace(
                        "{code: A, max_points: 12, input: A}",
                        "{code: A, max_points: 12, input: A, method: as_published, rule: unknown}"));
        assertTrue(msg.contains("rule: unknown") && msg.contains("note"), msg);

        msg = fails("demo/2024.yaml", SMALL.replace("{code: B, min: 15, below: 18}", "{code: B, min: 15, below: 19}"));
        assertTrue(msg.contains("bands A and B overlap"), msg);

        msg = fails("demo/2024.yaml", SMALL.replace("valid_from: 2024", "valid_from: 2024\nvalid_to: 2020"));
        assertTrue(msg.contains("ends (2020) before it starts (2024)"), msg);

        msg = fails(
                "demo/2024.yaml",
                SMALL.replace(
                        "{code: A, max_points: 12, input: A}",
                        "{code: A, max_points: 12, input: A, points_from: printed}"));
        assertTrue(msg.contains("points_from is 'rounded_ratio' or 'exact_ratio'"), msg);

        msg = fails(
                "demo/2024.yaml",
                SMALL.replace(
                        "{code: A, max_points: 12, input: A}",
                        "{code: A, max_points: 12, input: A, method: points, points_from: exact_ratio}"));
        assertTrue(msg.contains("points_from applies to method ratio only"), msg);

        msg = fails("demo/2024.yaml", "index: demo\nversion: [");
        assertTrue(msg.contains("not valid YAML"), msg);
    }

    @Test
    void bundledMethodologiesLoadAndPickTheVersionOfEachYear() {
        MethodologyCatalog catalog = MethodologyCatalog.bundled();
        assertEquals(
                List.of("papi", "par_index", "pci", "portal_766", "progress", "sipas", "sipas_official"),
                catalog.indices());
        assertEquals("2013", catalog.forYear("pci", 2013).orElseThrow().version());
        assertTrue(catalog.forYear("pci", 2014).isEmpty(), "no PCI 2014 workbook, no 2014 methodology");
        assertEquals("2011", catalog.forYear("papi", 2015).orElseThrow().version());
        assertEquals("2016", catalog.forYear("papi", 2016).orElseThrow().version());
        assertEquals("2017", catalog.forYear("papi", 2017).orElseThrow().version());
        assertEquals("2018", catalog.forYear("papi", 2018).orElseThrow().version());
        assertEquals("2019", catalog.forYear("papi", 2020).orElseThrow().version());
        assertEquals("2021", catalog.forYear("papi", 2024).orElseThrow().version());
        assertTrue(catalog.forYear("papi", 2010).isEmpty());
        assertEquals("2021", catalog.forYear("par_index", 2021).orElseThrow().version());
        assertEquals("2022", catalog.forYear("par_index", 2023).orElseThrow().version());
        assertEquals("v1", catalog.forYear("progress", 2021).orElseThrow().version());

        Methodology portal = catalog.forYear("portal_766", 2026).orElseThrow();
        assertEquals(new BigDecimal("100"), portal.scale(), "18 + 20 + 12 + 10 + 22 + 18");
        assertEquals(
                List.of("18", "20", "12", "10", "22", "18"),
                portal.components().stream()
                        .map(c -> c.maxPoints().stripTrailingZeros().toPlainString())
                        .toList());
        assertTrue(
                portal.components().stream()
                        .filter(c -> c.code().equals("online_payment"))
                        .flatMap(c -> c.indicators().stream())
                        .noneMatch(Indicator::ruleKnown),
                "says the rule is unknown");
        Methodology par = catalog.forYear("par_index", 2020).orElseThrow();
        assertEquals(
                List.of("10", "10", "14.5", "11", "16", "7", "16", "15.5"),
                par.components().stream()
                        .map(c -> c.maxPoints().stripTrailingZeros().toPlainString())
                        .toList());
        assertEquals(6, catalog.forYear("papi", 2015).orElseThrow().components().size());
        assertEquals(8, catalog.forYear("papi", 2024).orElseThrow().components().size());
        assertEquals(
                5, catalog.forYear("sipas", 2024).orElseThrow().components().size());
        Methodology sipas = catalog.forYear("sipas_official", 2023).orElseThrow();
        assertEquals("official_scores", sipas.source().kind());
        assertEquals(5, sipas.components().size());
        assertTrue(sipas.robustness().draws() > 0, "rank intervals");
        assertTrue(catalog.forYear("sipas_official", 2021).isEmpty(), "the 2022–2030 method starts with 2022");
        assertTrue(
                catalog.forYear("par_index", 2023).orElseThrow().notes().stream()
                        .anyMatch(n -> n.contains("Decision 876/QĐ-BNV of 10 November 2022")),
                "names the decision it follows");
    }

    @Test
    void aDirectoryAddsAndReplacesVersionsAndOverlapsFail(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("demo"));
        Files.writeString(dir.resolve("demo/2024.yaml"), SMALL);
        Files.writeString(
                dir.resolve("demo/2020.yaml"),
                SMALL.replace("\"2024\"", "\"2020\"").replace("valid_from: 2024", "valid_from: 2020\nvalid_to: 2023"));
        MethodologyCatalog catalog = MethodologyCatalog.load(dir, m -> {});
        assertEquals("2020", catalog.forYear("demo", 2023).orElseThrow().version());
        assertEquals("2024", catalog.forYear("demo", 2030).orElseThrow().version());
        assertTrue(catalog.indices().contains("papi"), "bundled ones stay");

        Files.writeString(
                dir.resolve("demo/2020.yaml"),
                SMALL.replace("\"2024\"", "\"2020\"").replace("valid_from: 2024", "valid_from: 2020\nvalid_to: 2024"));
        String msg = assertThrows(MethodologyException.class, () -> MethodologyCatalog.load(dir, m -> {}))
                .getMessage();
        assertTrue(msg.contains("demo/2020.yaml and demo/2024.yaml both apply to year 2024"), msg);
    }
}
