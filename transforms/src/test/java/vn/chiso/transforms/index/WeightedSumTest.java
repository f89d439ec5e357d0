package vn.chiso.transforms.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.chiso.transforms.index.IndexEngineTest.byUnit;
import static vn.chiso.transforms.index.IndexEngineTest.node;
import static vn.chiso.transforms.index.IndexEngineTest.published;
import static vn.chiso.transforms.index.IndexEngineTest.same;
import static vn.chiso.transforms.index.IndexEngineTest.unit;
import static vn.chiso.transforms.index.IndexEngineTest.value;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.chiso.transforms.methodology.Component;
import vn.chiso.transforms.methodology.Methodology;
import vn.chiso.transforms.methodology.MethodologyCatalog;

/**
 * The PCI's shape on tiny inputs: sub-indices on a 10-point scale, a weighted sum to a 100-point
 * total (weighted_mean over points components), checked against the published total to 0.01.
 */
class WeightedSumTest {

    static final String TINY = """
            index: mini_pci
            version: "2016"
            title: two sub-indices, weights 25 and 75 percent
            source: {kind: official_scores, index_code: PCI}
            scale: 100
            aggregation: weighted_mean
            total_rounding: 2
            check_tolerance: 0.01
            published_input: TOTAL
            defaults: {method: points}
            components:
              - {code: A, weight: 25, max_points: 10, input: A}
              - {code: B, weight: 75, max_points: 10, input: B}
            """;

    @Test
    void theTotalIsTenTimesTheWeightedSumOfTheSubIndices() {
        Methodology m = IndexEngineTest.parse("mini_pci", "2016", TINY);
        Map<String, UnitResult> r = byUnit(IndexEngine.score(
                m,
                List.of(
                        unit("01", "A", value("8"), "B", value("4"), "TOTAL", published("50.004")),
                        unit("02", "A", value("10"), "B", value("10"), "TOTAL", published("99.98")),
                        unit("03", "A", value("6.123456"), "B", value("5.5"), "TOTAL", published("56.56")),
                        unit("04", "A", value("7"), "TOTAL", published("70")))));
        // 100 × (0.25 × 8/10 + 0.75 × 4/10) = 50
        same("50.00", r.get("01").total());
        assertTrue(node(r.get("01"), "mini_pci").matchesPublished(), "50.00 vs 50.004");
        same("20", node(r.get("01"), "A").contribution());
        same("30", node(r.get("01"), "B").contribution());
        same("100.00", r.get("02").total());
        assertFalse(node(r.get("02"), "mini_pci").matchesPublished(), "100.00 vs 99.98: off by more than 0.01");
        // 100 × (0.25 × 0.6123456 + 0.75 × 0.55) = 56.558640 → 56.56
        same("56.56", r.get("03").total());
        assertTrue(node(r.get("03"), "mini_pci").matchesPublished());
        assertNull(r.get("04").total(), "a missing sub-index gives no total, nothing invented");
    }

    @Test
    void everyBundledPciYearWithWeightsHasWeightsAddingUpToOneHundredPercent() {
        List<Methodology> versions = MethodologyCatalog.bundled().versions("pci");
        assertEquals(
                List.of("2005", "2006", "2007", "2008", "2009", "2012", "2013", "2015", "2016"),
                versions.stream().map(Methodology::version).toList());
        for (Methodology m : versions) {
            assertEquals(m.version(), String.valueOf(m.validFrom()));
            assertEquals(m.validFrom(), m.validTo());
            if (m.version().equals("2005")) {
                assertFalse(m.components().get(0).indicators().get(0).ruleKnown(), "2005: weights not known");
                continue;
            }
            BigDecimal sum = m.components().stream().map(Component::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, new BigDecimal(100).compareTo(sum), m.id());
        }
    }
}
