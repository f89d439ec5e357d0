package vn.chiso.transforms.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.chiso.transforms.methodology.Methodology;
import vn.chiso.transforms.methodology.MethodologyLoader;

/** Hand-computed small examples, one per kind of index, and each normalisation. */
class IndexEngineTest {

    static Methodology parse(String index, String version, String yaml) {
        return MethodologyLoader.parse(index + "/" + version + ".yaml", yaml);
    }

    static UnitInputs unit(String code, Object... inputs) {
        Map<String, InputValue> map = new HashMap<>();
        for (int i = 0; i < inputs.length; i += 2) {
            map.put((String) inputs[i], (InputValue) inputs[i + 1]);
        }
        return new UnitInputs(new UnitKey("province", "year", "2024", 2024, code, code, code, "R"), map);
    }

    static InputValue counts(long num, long den) {
        return InputValue.ofCounts(num, den);
    }

    static InputValue value(String v) {
        return InputValue.ofValue(new BigDecimal(v));
    }

    static InputValue published(String v) {
        return InputValue.ofPublished(new BigDecimal(v));
    }

    static InputValue withMax(String v, String max) {
        return new InputValue(new BigDecimal(v), null, null, new BigDecimal(max), false, null, null, null);
    }

    static Map<String, UnitResult> byUnit(List<UnitResult> results) {
        return results.stream().collect(Collectors.toMap(r -> r.key().unitCode(), r -> r));
    }

    static NodeResult node(UnitResult r, String code) {
        return r.nodes().stream().filter(n -> n.code().equals(code)).findFirst().orElseThrow();
    }

    static void same(String expected, BigDecimal actual) {
        assertTrue(
                actual != null && new BigDecimal(expected).compareTo(actual) == 0,
                "expected " + expected + ", got " + actual);
    }

    static final String PORTAL = """
            index: mini_portal
            version: v1
            title: portal-style
            source: {kind: portal_evaluations}
            total_rounding: 2
            defaults: {method: ratio, rounding: 2}
            components:
              - code: progress
                max_points: 20
                indicators:
                  - {code: ON_TIME, input: p, max_points: 20, if_no_denominator: zero}
              - code: satisfaction
                max_points: 12
                indicators:
                  - {code: DOSSIER, input: d, max_points: 6, full_at: 90, if_no_denominator: zero}
                  - {code: PETITION, input: q, max_points: 6, if_no_denominator: full}
              - code: transparency
                max_points: 8
                missing: zero
                indicators:
                  - {code: T1, input: t1, max_points: 6, if_no_denominator: missing}
                  - {code: T2, input: t2, max_points: 2, if_no_denominator: missing}
            """;

    @Test
    void portalStylePointsWithRoundingThresholdsAndZeroDenominators() {
        Methodology m = parse("mini_portal", "v1", PORTAL);
        Map<String, UnitResult> r = byUnit(IndexEngine.score(
                m,
                List.of(
                        unit(
                                "U1",
                                "p",
                                counts(7, 8),
                                "d",
                                counts(89, 100),
                                "q",
                                counts(1, 3),
                                "t1",
                                counts(0, 0),
                                "t2",
                                counts(87, 89)),
                        unit(
                                "U2",
                                "p",
                                counts(0, 0),
                                "d",
                                counts(91, 100),
                                "q",
                                counts(0, 0),
                                "t1",
                                counts(5, 5),
                                "t2",
                                counts(0, 0)),
                        unit("U3", "p", counts(3, 4), "d", counts(0, 0), "q", counts(2, 2), "t2", counts(1, 2)))));
        UnitResult u1 = r.get("U1");
        same("87.50", node(u1, "ON_TIME").rawValue());
        same("17.50", node(u1, "ON_TIME").score()); // 20 × 87.50 ÷ 100
        same("89.00", node(u1, "DOSSIER").rawValue());
        same("5.93", node(u1, "DOSSIER").score()); // 6 × 89 ÷ 90 = 5.933…
        same("33.33", node(u1, "PETITION").rawValue());
        same("2.00", node(u1, "PETITION").score()); // 6 × 33.33 ÷ 100 = 1.9998
        assertNull(node(u1, "T1").score());
        assertEquals("no_denominator_missing", node(u1, "T1").status());
        same("1.96", node(u1, "T2").score()); // 2 × 97.75 ÷ 100 = 1.955, half-up
        same("1.96", node(u1, "transparency").score()); // missing counted as 0, max stays 8
        same("24.50", node(u1, "transparency").rawValue()); // 100 × 1.96 ÷ 8
        same("27.39", u1.total()); // 17.50 + 7.93 + 1.96
        same("68.48", node(u1, "mini_portal").rawValue()); // 100 × 27.39 ÷ 40

        UnitResult u2 = r.get("U2");
        same("0", node(u2, "ON_TIME").score()); // received nothing: 0
        same("6", node(u2, "DOSSIER").score()); // 91 % ≥ 90 %: full
        same("6", node(u2, "PETITION").score()); // no petitions: full
        assertEquals("no_denominator_full", node(u2, "PETITION").status());
        same("18.00", u2.total());

        UnitResult u3 = r.get("U3");
        assertEquals("missing_input", node(u3, "T1").status());
        same("1.00", node(u3, "transparency").score());
        same("22.00", u3.total()); // 15 + (0 + 6) + 1
        assertEquals("ok", u3.status());
    }

    /** The portal's digitisation metrics score the exact share, not the printed percent. */
    @Test
    void pointsFromTheExactShareOrTheRoundedPercent() {
        String yaml = """
                index: mini_digitised
                version: v1
                title: digitisation-style
                source: {kind: portal_evaluations}
                total_rounding: 2
                defaults: {method: ratio, rounding: 2}
                components:
                  - code: digitisation
                    max_points: 8
                    indicators:
                      - {code: EXACT, input: o, max_points: 6, points_from: exact_ratio}
                      - {code: REUSE, input: r, max_points: 2, full_at: 80, points_from: exact_ratio}
                """;
        UnitResult u = IndexEngine.score(
                        parse("mini_digitised", "v1", yaml),
                        List.of(unit("P", "o", counts(133609, 184503), "r", counts(77, 171))))
                .get(0);
        same("72.42", node(u, "EXACT").rawValue()); // the printed percent
        same("4.34", node(u, "EXACT").score()); // 6 × 0.724151… (6 × 0.7242 would be 4.35)
        same("45.03", node(u, "REUSE").rawValue());
        same("1.13", node(u, "REUSE").score()); // 2 × 0.450292… ÷ 0.8 = 1.1257
        UnitResult rounded = IndexEngine.score(
                        parse("mini_digitised", "v1", yaml.replace(", points_from: exact_ratio", "")),
                        List.of(unit("P", "o", counts(133609, 184503), "r", counts(77, 171))))
                .get(0);
        same("4.35", node(rounded, "EXACT").score());
    }

    static final String PAR = """
            index: mini_par
            version: "2020"
            title: PAR-style
            source: {kind: official_scores, index_code: PAR_INDEX}
            scale: 100
            total_rounding: 2
            published_input: TOTAL
            bands:
              - {code: A, min: 90}
              - {code: B, min: 80, below: 90}
              - {code: C, min: 70, below: 80}
            components:
              - {code: L1, max_points: 40}
              - {code: L2, max_points: 35}
              - {code: L3, max_points: 25}
            """;

    @Test
    void parStyleSumOfAreaPointsWithBandsAndThePublishedTotal() {
        Methodology m = parse("mini_par", "2020", PAR);
        Map<String, UnitResult> r = byUnit(IndexEngine.score(
                m,
                List.of(
                        unit(
                                "X",
                                "L1",
                                value("38"),
                                "L2",
                                value("30.5"),
                                "L3",
                                value("22"),
                                "TOTAL",
                                published("90.5")),
                        unit("Y", "L1", value("36"), "L2", value("29"), "L3", value("20"), "TOTAL", published("85.01")),
                        unit("Z", "L1", value("30"), "L2", value("25")))));
        same("90.50", r.get("X").total());
        assertEquals("A", r.get("X").band());
        assertEquals(Boolean.TRUE, node(r.get("X"), "mini_par").matchesPublished());
        same("85.00", r.get("Y").total());
        assertEquals("B", r.get("Y").band());
        assertEquals(Boolean.FALSE, node(r.get("Y"), "mini_par").matchesPublished(), "85.00 vs published 85.01");
        same("0.35", node(r.get("X"), "L2").weight()); // 35 of 100 points
        same("30.5", node(r.get("X"), "L2").contribution());
        assertNull(r.get("Z").total(), "a missing area: no total, nothing invented");
        assertEquals("incomplete", r.get("Z").status());

        // Decision 876 style: maxima published with each area
        Methodology fromInput = parse(
                "mini_par",
                "2022",
                PAR.replace("\"2020\"", "\"2022\"")
                        .replace("max_points: 40", "max_points: from_input")
                        .replace("max_points: 35", "max_points: from_input")
                        .replace("max_points: 25", "max_points: from_input"));
        UnitResult x = IndexEngine.score(
                        fromInput,
                        List.of(unit(
                                "X",
                                "L1",
                                withMax("38", "40"),
                                "L2",
                                withMax("30.5", "35"),
                                "L3",
                                withMax("22", "25"))))
                .get(0);
        same("90.50", x.total());
        same("25", node(x, "L3").maxPoints());
        UnitResult noMax = IndexEngine.score(
                        fromInput,
                        List.of(unit("X", "L1", withMax("38", "40"), "L2", withMax("30.5", "35"), "L3", value("22"))))
                .get(0);
        same("90.50", noMax.total()); // points are still points
        assertEquals("no_max", node(noMax, "L3").status());
        assertNull(node(noMax, "L3").normalised(), "no share without a maximum");
        assertTrue(Double.isNaN(noMax.componentBase()[2]), "so no rank interval");
    }

    @Test
    void bundledParIndexBeforeDecision876() {
        Methodology par = vn.chiso.transforms.methodology.MethodologyCatalog.bundled()
                .forYear("par_index", 2020)
                .orElseThrow();
        String[][] areas = {
            {"A", "9.5", "9", "13", "10", "15", "6.5", "14.5", "13", "90.5"}, // 90.50: A
            {"B", "8", "8.25", "12", "9", "13.5", "6", "12.75", "11", "80.49"}, // 80.50: B (published 80.49)
            {"C", "7", "7", "10", "8", "11", "5", "11", "10.5", "69.5"}
        }; // 69.50: no band
        List<UnitInputs> units = new ArrayList<>();
        for (String[] a : areas) {
            List<Object> inputs = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                inputs.add("PAR" + i);
                inputs.add(published(a[i]));
            }
            inputs.add("TOTAL");
            inputs.add(published(a[9]));
            units.add(unit(a[0], inputs.toArray()));
        }
        Map<String, UnitResult> r = byUnit(IndexEngine.score(par, units));
        same("90.50", r.get("A").total());
        assertEquals("A", r.get("A").band());
        same("80.50", r.get("B").total());
        assertEquals("B", r.get("B").band());
        assertEquals(Boolean.FALSE, node(r.get("B"), "par_index").matchesPublished(), "80.50 is not 80.49");
        same("69.50", r.get("C").total());
        assertNull(r.get("C").band());
        same("0.145", node(r.get("A"), "PAR3").weight()); // 14.5 of 100 points
    }

    static final String SIPAS = """
            index: mini_sipas
            version: "2024"
            title: SIPAS-style
            source: {kind: survey_responses}
            aggregation: weighted_mean
            scale: 100
            total_rounding: 2
            components:
              - {code: access, weight: 1, method: ratio}
              - {code: procedures, weight: 1, method: ratio}
              - {code: civil_servant, weight: 1, method: ratio}
              - {code: results, weight: 1, method: ratio}
              - {code: feedback, weight: 1, method: ratio}
            """;

    @Test
    void sipasStyleMeanOfFiveFactorPercents() {
        Methodology m = parse("mini_sipas", "2024", SIPAS);
        Map<String, UnitResult> r = byUnit(IndexEngine.score(
                m,
                List.of(
                        unit(
                                "S1",
                                "access",
                                counts(80, 100),
                                "procedures",
                                counts(45, 50),
                                "civil_servant",
                                counts(70, 100),
                                "results",
                                counts(3, 4),
                                "feedback",
                                counts(1, 2)),
                        unit(
                                "S2",
                                "access",
                                counts(2, 3),
                                "procedures",
                                counts(1, 1),
                                "civil_servant",
                                counts(1, 1),
                                "results",
                                counts(1, 1),
                                "feedback",
                                counts(1, 1)))));
        same("73.00", r.get("S1").total()); // (80 + 90 + 70 + 75 + 50) ÷ 5
        same("16", node(r.get("S1"), "access").contribution()); // 100 × 1 × 0.8 ÷ 5
        same("10", node(r.get("S1"), "feedback").contribution());
        same("93.33", r.get("S2").total()); // (66.67 + 400) ÷ 5
    }

    static final String PAPI = """
            index: mini_papi
            version: "2024"
            title: PAPI-style
            source: {kind: official_scores, index_code: PAPI}
            total_rounding: 2
            components:
              - code: D1
                max_points: 10
                published_input: D1
                indicators:
                  - {code: S11, max_points: 5}
                  - {code: S12, max_points: 5}
              - code: D2
                max_points: 10
                indicators:
                  - {code: S21, max_points: 3.333333333333}
                  - {code: S22, max_points: 3.333333333333}
                  - {code: S23, max_points: 3.333333333333}
            """;

    @Test
    void papiStyleDimensionsAreSumsOfSubDimensions() {
        Methodology m = parse("mini_papi", "2024", PAPI);
        Map<String, UnitResult> r = byUnit(IndexEngine.score(
                m,
                List.of(
                        unit(
                                "P",
                                "S11",
                                value("1.2"),
                                "S12",
                                value("2.3"),
                                "S21",
                                value("1.1"),
                                "S22",
                                value("2.2"),
                                "S23",
                                value("1.05"),
                                "D1",
                                published("3.5")),
                        unit(
                                "Q",
                                "S11",
                                value("1.0"),
                                "S12",
                                value("2.0"),
                                "S21",
                                value("1.0"),
                                "S23",
                                value("1.0")))));
        same("3.5", node(r.get("P"), "D1").score());
        assertEquals(Boolean.TRUE, node(r.get("P"), "D1").matchesPublished());
        same("4.35", node(r.get("P"), "D2").score());
        same("7.85", r.get("P").total());
        assertNull(node(r.get("Q"), "D2").score(), "a missing sub-dimension: no dimension score");
        assertNull(r.get("Q").total());
        same("3.0", node(r.get("Q"), "D1").score());
    }

    @Test
    void normalisationsAcrossTheUnitsOfThePeriod() {
        String yaml = """
                index: norms
                version: v1
                title: normalisations
                source: {kind: official_scores, index_code: X}
                aggregation: weighted_mean
                scale: 1
                components:
                  - code: c
                    weight: 1
                    indicators:
                      - {code: mm, input: x, method: min_max, weight: 1}
                      - {code: mm_low, input: x, method: min_max, direction: -1, weight: 1}
                      - {code: z, input: x, method: z_score, weight: 1}
                      - {code: gp, input: x, method: goalposts, goalposts: [0, 50], weight: 1}
                      - {code: gp_low, input: x, method: goalposts, goalposts: [0, 50], direction: -1, weight: 1}
                      - {code: dt, input: x, method: distance_to_target, target: 30, weight: 1}
                      - {code: rk, input: x, method: rank, weight: 1}
                """;
        Methodology m = parse("norms", "v1", yaml);
        Map<String, UnitResult> r = byUnit(IndexEngine.score(
                m, List.of(unit("a", "x", value("10")), unit("b", "x", value("20")), unit("c", "x", value("40")))));
        same("0", node(r.get("a"), "mm").normalised());
        same("0.333333333333", node(r.get("b"), "mm").normalised());
        same("0.666666666667", node(r.get("b"), "mm_low").normalised());
        // mean 23.333…, sample sd √(700/3) = 15.2752523…; z(40) = 16.666…/15.2752… = 1.0910894…
        assertEquals(1.0910894511799618, node(r.get("c"), "z").normalised().doubleValue(), 1e-9);
        same("0.4", node(r.get("b"), "gp").normalised());
        same("0.2", node(r.get("c"), "gp_low").normalised());
        same("0.5", node(r.get("b"), "dt").normalised()); // (20 − 10) ÷ (30 − 10)
        same("1", node(r.get("c"), "dt").normalised()); // above target
        same("0.5", node(r.get("b"), "rk").normalised());
        same("1", node(r.get("c"), "rk").normalised());

        Map<String, UnitResult> ties = byUnit(IndexEngine.score(
                m, List.of(unit("a", "x", value("10")), unit("b", "x", value("10")), unit("c", "x", value("40")))));
        same("0", node(ties.get("b"), "rk").normalised());
    }

    @Test
    void geometricMeanAndReweightingOfMissingIndicators() {
        String yaml = """
                index: agg
                version: v1
                title: aggregations
                source: {kind: official_scores, index_code: X}
                aggregation: geometric_mean
                scale: 100
                missing: {indicator: reweight, component: invalidate}
                components:
                  - code: g
                    weight: 1
                    indicators:
                      - {code: i1, input: a, method: goalposts, goalposts: [0, 100], weight: 1}
                      - {code: i2, input: b, method: goalposts, goalposts: [0, 100], weight: 1}
                      - {code: i3, input: c, method: goalposts, goalposts: [0, 100], weight: 2}
                  - {code: h, weight: 1, input: d, method: goalposts, goalposts: [0, 100]}
                """;
        Methodology m = parse("agg", "v1", yaml);
        UnitResult u = IndexEngine.score(m, List.of(unit("u", "a", value("25"), "b", value("100"), "d", value("64"))))
                .get(0);
        // g: c missing → reweighted mean of i1, i2 = (0.25 + 1) ÷ 2 = 0.625; total = 100 × √(0.625 × 0.64) = 63.245…
        same("0.625", node(u, "g").normalised());
        assertEquals("reweighted", node(u, "g").status());
        assertEquals(100 * Math.sqrt(0.625 * 0.64), u.exactTotal().doubleValue(), 1e-9);
        BigDecimal sum = node(u, "g").contribution().add(node(u, "h").contribution());
        assertEquals(u.exactTotal().doubleValue(), sum.doubleValue(), 1e-9, "log contributions add up to the total");
        assertFalse(u.nodes().isEmpty());
        List<String> codes =
                new ArrayList<>(u.nodes().stream().map(NodeResult::code).toList());
        assertEquals(List.of("agg", "g", "i1", "i2", "i3", "h", "h"), codes);
    }
}
