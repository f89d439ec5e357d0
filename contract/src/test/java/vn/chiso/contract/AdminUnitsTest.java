package vn.chiso.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdminUnitsTest {

    private final AdminUnits units = AdminUnits.get();

    @Test
    void hasTheSixtyThreeOfficialProvinces() {
        assertEquals(63, units.provinces().size());
        assertEquals("Hà Nội", units.province("01").orElseThrow().name());
        assertEquals("Cà Mau", units.province("96").orElseThrow().name());
    }

    @Test
    void sixRegionsOfFourteenElevenFourteenFiveSixThirteen() {
        List<Integer> sizes = units.byRegion().values().stream().map(List::size).toList();
        assertEquals(6, sizes.size());
        assertEquals(List.of(5, 6, 11, 13, 14, 14), sizes.stream().sorted().toList());
    }

    @Test
    void thirtyFourSuccessorsAfterTheReform() {
        Map<String, Long> successors = units.provinces().stream()
                .collect(Collectors.groupingBy(Province::successorCode, Collectors.counting()));
        assertEquals(34, successors.size());
    }

    @Test
    void bundledCopyEqualsReferenceFiles() throws Exception {
        Path reference = ReferenceFiles.path("provinces_63.csv");
        Path bundled = Path.of("src/main/resources/reference/provinces_63.csv");
        assertEquals(Files.readString(reference), Files.readString(bundled));
    }

    @Test
    void tableLocationsAndSqlNames() {
        assertEquals("/lake/gold/rankings", LakeTable.GOLD_RANKINGS.location("/lake/"));
        assertEquals("s3a://b/lake/silver/dossiers", LakeTable.SILVER_DOSSIERS.location("s3a://b/lake"));
        assertEquals("gold_unit_kpis", LakeTable.GOLD_UNIT_KPIS.sqlName());
        assertTrue(LakeTable.GOLD_RANKINGS.ddl().contains("`rank` INT NOT NULL"));
    }
}
