package vn.chiso.ingest.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample PAR Index and SIPAS tables: annex layout, sample marking, determinism, published 2023 facts. */
class IndexAnnexGeneratorTest {

    private static final Pattern MAX = Pattern.compile("\\((\\d+(?:,\\d+)?) điểm\\)$");

    @TempDir
    static Path tmp;

    private static List<Path> files;

    @BeforeAll
    static void generate() {
        files = new IndexAnnexGenerator().generate(tmp.resolve("a"), SampleGenerator.DEFAULT_SEED);
    }

    private static Path par(int year) {
        return IndexAnnexGenerator.parFile(tmp.resolve("a"), year);
    }

    private static Path sipas(int year) {
        return IndexAnnexGenerator.sipasFile(tmp.resolve("a"), year);
    }

    @Test
    void sevenFilesNamedAndTitledAsSampleData() throws IOException {
        assertEquals(List.of(par(2021), par(2022), par(2023), par(2024), sipas(2022), sipas(2023), sipas(2024)), files);
        for (Path f : files) {
            assertTrue(f.getFileName().toString().contains("_MAU_"), f.toString());
            List<List<String>> cells = AnnexFiles.cells(f);
            assertTrue(
                    cells.get(0).get(0).endsWith("(DỮ LIỆU MẪU)"), cells.get(0).get(0));
            assertTrue(cells.get(1).get(0).startsWith("Nguồn: dữ liệu mẫu (không phải số liệu công bố)"), f.toString());
            assertEquals(3, AnnexFiles.headerRow(cells));
            assertEquals("Trung bình cả nước", cells.get(cells.size() - 1).get(1));
            assertEquals(63, AnnexFiles.provinceRows(cells).size());
        }
    }

    @Test
    void parHeaderCarriesEachAreaMaximumAndTheAreasAddUpToTheTotal() throws IOException {
        for (int year = 2021; year <= 2024; year++) {
            List<List<String>> cells = AnnexFiles.cells(par(year));
            List<String> header = cells.get(AnnexFiles.headerRow(cells));
            boolean survey = year >= 2022;
            assertEquals(survey ? 14 : 13, header.size(), header.toString());
            assertEquals(List.of("STT", "Tỉnh/thành phố"), header.subList(0, 2));
            assertEquals(
                    List.of("Tổng điểm đạt được (100 điểm)", "Chỉ số (%)", "Xếp hạng"),
                    header.subList(header.size() - 3, header.size()));
            List<BigDecimal> maxima = new ArrayList<>();
            for (String h : header.subList(2, 10)) {
                Matcher m = MAX.matcher(h);
                assertTrue(m.find(), h);
                maxima.add(new BigDecimal(m.group(1).replace(',', '.')));
            }
            assertEquals(
                    0,
                    maxima.stream().reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(BigDecimal.valueOf(100)),
                    year + " maxima " + maxima);
            if (year == 2021) {
                assertEquals(
                        List.of("10", "10", "14.5", "11", "16", "7", "16", "15.5"),
                        maxima.stream().map(BigDecimal::toPlainString).toList(),
                        "methodologies/par_index/2021.yaml");
            } else {
                assertEquals("Điểm điều tra xã hội học (32 điểm)", header.get(10));
            }
            for (List<String> row : AnnexFiles.provinceRows(cells)) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int a = 0; a < 8; a++) {
                    BigDecimal v = AnnexFiles.number(row.get(2 + a));
                    assertTrue(v.signum() >= 0 && v.compareTo(maxima.get(a)) <= 0, row.toString());
                    sum = sum.add(v);
                }
                BigDecimal points = AnnexFiles.number(row.get(header.size() - 3));
                assertEquals(0, sum.compareTo(points), "areas add up to the total points: " + row);
                assertEquals(0, points.compareTo(AnnexFiles.number(row.get(header.size() - 2))), "100-point scale");
                if (survey) {
                    BigDecimal s = AnnexFiles.number(row.get(10));
                    assertTrue(
                            s.compareTo(BigDecimal.valueOf(32)) <= 0
                                    && points.subtract(s).compareTo(BigDecimal.valueOf(68)) <= 0,
                            row.toString());
                }
            }
            assertCompetitionRanks(cells, header.size() - 2);
        }
    }

    @Test
    void published2023ParIndexFactsHold() throws IOException {
        List<List<String>> rows = AnnexFiles.provinceRows(AnnexFiles.cells(par(2023)));
        assertEquals(
                List.of("Quảng Ninh", "92,18", "1"),
                List.of(rows.get(0).get(1), rows.get(0).get(12), rows.get(0).get(13)));
        assertEquals(
                List.of("Hải Phòng", "91,81", "2"),
                List.of(rows.get(1).get(1), rows.get(1).get(12), rows.get(1).get(13)));
        assertEquals(
                List.of("Hà Nội", "91,43", "3"),
                List.of(rows.get(2).get(1), rows.get(2).get(12), rows.get(2).get(13)));
        assertEquals(
                List.of("An Giang", "81,32", "63"),
                List.of(rows.get(62).get(1), rows.get(62).get(12), rows.get(62).get(13)));
        BigDecimal sum = rows.stream().map(r -> AnnexFiles.number(r.get(12))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(new BigDecimal("86.98"), sum.divide(BigDecimal.valueOf(63), 2, RoundingMode.HALF_UP));
        assertEquals(0, new BigDecimal("5479.74").compareTo(sum), "the mean is exactly 86,98");
        assertEquals(
                7,
                rows.stream()
                        .filter(r -> AnnexFiles.number(r.get(12)).compareTo(BigDecimal.valueOf(90)) >= 0)
                        .count(),
                "seven provinces in band A");
        BigDecimal sum2022 = AnnexFiles.provinceRows(AnnexFiles.cells(par(2022))).stream()
                .map(r -> AnnexFiles.number(r.get(12)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("84.79").multiply(BigDecimal.valueOf(63)).compareTo(sum2022), "2022 mean 84,79");
    }

    @Test
    void published2023SipasFactsHoldAndTheIndexIsTheMeanOfItsFactors() throws IOException {
        List<List<String>> cells = AnnexFiles.cells(sipas(2023));
        List<String> header = cells.get(AnnexFiles.headerRow(cells));
        assertEquals(
                List.of(
                        "STT",
                        "Tỉnh/thành phố",
                        "Tiếp cận dịch vụ (%)",
                        "Thủ tục hành chính (%)",
                        "Công chức giải quyết công việc (%)",
                        "Kết quả giải quyết công việc (%)",
                        "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị (%)",
                        "Chỉ số SIPAS (%)",
                        "Xếp hạng"),
                header);
        List<List<String>> rows = AnnexFiles.provinceRows(cells);
        Map<String, List<String>> byName = new HashMap<>();
        rows.forEach(r -> byName.put(r.get(1), r));
        assertEquals(List.of("90,61", "1"), byName.get("Quảng Ninh").subList(7, 9));
        assertEquals(List.of("90,29", "2"), byName.get("Thái Nguyên").subList(7, 9));
        assertEquals(List.of("90,23", "3"), byName.get("Hải Dương").subList(7, 9));
        assertEquals(List.of("88,09", "5"), byName.get("Hải Phòng").subList(7, 9));
        assertEquals(List.of("83,84", "19"), byName.get("Gia Lai").subList(7, 9));
        BigDecimal sum = rows.stream().map(r -> AnnexFiles.number(r.get(7))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("82.66").multiply(BigDecimal.valueOf(63)).compareTo(sum), "national 82,66");
        assertEquals("82,66", cells.get(cells.size() - 1).get(7));
        for (int year = 2022; year <= 2024; year++) {
            List<List<String>> c = AnnexFiles.cells(sipas(year));
            for (List<String> r : AnnexFiles.provinceRows(c)) {
                BigDecimal factors = BigDecimal.ZERO;
                for (int i = 2; i < 7; i++) {
                    BigDecimal v = AnnexFiles.number(r.get(i));
                    assertTrue(v.compareTo(BigDecimal.valueOf(100)) <= 0, r.toString());
                    factors = factors.add(v);
                }
                assertEquals(
                        0,
                        factors.compareTo(AnnexFiles.number(r.get(7)).multiply(BigDecimal.valueOf(5))),
                        r.toString());
            }
            assertCompetitionRanks(c, 7);
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherTables() throws IOException {
        List<Path> again = new IndexAnnexGenerator().generate(tmp.resolve("b"), SampleGenerator.DEFAULT_SEED);
        for (int i = 0; i < files.size(); i++) {
            assertEquals(
                    -1L,
                    Files.mismatch(files.get(i), again.get(i)),
                    again.get(i).toString());
        }
        List<Path> other = new IndexAnnexGenerator().generate(tmp.resolve("c"), 7);
        assertNotEquals(-1L, Files.mismatch(files.get(0), other.get(0)));
        List<List<String>> otherPar = AnnexFiles.provinceRows(AnnexFiles.cells(other.get(2)));
        assertEquals("Quảng Ninh", otherPar.get(0).get(1), "another seed keeps the published 2023 facts");
    }

    /** Rank = 1 + the number of provinces with a higher total; rows in rank order. */
    private static void assertCompetitionRanks(List<List<String>> cells, int totalColumn) {
        List<List<String>> rows = AnnexFiles.provinceRows(cells);
        int rankColumn = cells.get(AnnexFiles.headerRow(cells)).size() - 1;
        int previous = 0;
        for (List<String> r : rows) {
            BigDecimal total = AnnexFiles.number(r.get(totalColumn));
            long above = rows.stream()
                    .filter(o -> AnnexFiles.number(o.get(totalColumn)).compareTo(total) > 0)
                    .count();
            int rank = Integer.parseInt(r.get(rankColumn));
            assertEquals(above + 1, rank, r.toString());
            assertTrue(rank >= previous);
            previous = rank;
        }
    }
}
