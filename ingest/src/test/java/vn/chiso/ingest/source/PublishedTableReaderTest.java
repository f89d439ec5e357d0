package vn.chiso.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.chiso.contract.ReferenceFiles;
import vn.chiso.ingest.parse.Provinces;

/**
 * VCCI's PCI workbooks, exactly as published, through the reader alone (no Spark): every total
 * and rank against the values read independently with pandas (src/test/resources/pci/, made by
 * make_expected.py), the sub-index count per year, the year each table's header names.
 */
public class PublishedTableReaderTest {

    static final String DIR = "raw/published_indices_vietnamdata/";

    /** One expected line: code (or UNRESOLVED), name as published, total, rank, sub-index count, total's cell. */
    public record Expected(String code, String province, BigDecimal total, int rank, int subIndices, String cell) {}

    public static List<Expected> expected(int year) throws IOException {
        List<Expected> out = new ArrayList<>();
        try (InputStream in = PublishedTableReaderTest.class.getResourceAsStream("/pci/expected_" + year + ".csv")) {
            CsvRecordReader csv = new CsvRecordReader(in, ',');
            csv.next();
            CsvRecordReader.Record r;
            while ((r = csv.next()) != null) {
                List<String> f = r.fields();
                out.add(new Expected(
                        f.get(0),
                        f.get(1),
                        new BigDecimal(f.get(2)),
                        Integer.parseInt(f.get(3)),
                        Integer.parseInt(f.get(4)),
                        f.get(5)));
            }
        }
        return out;
    }

    static List<PublishedTableReader.Record> read(String file) throws IOException {
        Path path = ReferenceFiles.path(DIR + file);
        try (InputStream in = Files.newInputStream(path);
                RecordReader reader =
                        (file.endsWith(".xls") ? SourceFormat.XLS : SourceFormat.XLSX).open(in, (char) 0)) {
            return PublishedTableReader.read(file, reader, Integer.valueOf(file.replaceAll("\\D", "")));
        }
    }

    /** The official code a name resolves to, or the name itself when it resolves to none (Hà Tây). */
    static String code(String name, int year) {
        Provinces.Resolution r = Provinces.get().resolve(name, LocalDate.of(year, 1, 1));
        return r.ok() ? r.unit().code() : name;
    }

    static BigDecimal nine(BigDecimal v) {
        return v.setScale(9, RoundingMode.HALF_UP);
    }

    @Test
    void everyTotalRankAndSubIndexCountAsPublished() throws IOException {
        Map<String, int[]> files = new TreeMap<>(Map.of(
                "PCI_2005.xls",
                new int[] {2005},
                "PCI_2006.xls",
                new int[] {2006},
                "PCI_2007.xls",
                new int[] {2007},
                "PCI_2008.xls",
                new int[] {2008},
                "PCI_2009.xls",
                new int[] {2009},
                "PCI_2012.xlsx",
                new int[] {2012},
                "PCI_2015.xlsx",
                new int[] {2015, 2013},
                "PCI_2016.xlsx",
                new int[] {2016, 2013}));
        for (Map.Entry<String, int[]> e : files.entrySet()) {
            List<PublishedTableReader.Record> records = read(e.getKey());
            List<Map<String, String>> ok = records.stream()
                    .filter(r -> r.problem() == null)
                    .map(PublishedTableReader.Record::fields)
                    .toList();
            assertEquals(
                    java.util.Arrays.stream(e.getValue()).boxed().collect(Collectors.toSet()),
                    ok.stream().map(f -> Integer.valueOf(f.get("year"))).collect(Collectors.toSet()),
                    e.getKey() + ": the years its tables' headers name");
            for (int year : e.getValue()) {
                List<Map<String, String>> ofYear = ok.stream()
                        .filter(f -> f.get("year").equals(String.valueOf(year)))
                        .toList();
                Map<String, Map<String, String>> totals = ofYear.stream()
                        .filter(f -> f.get("component").equals("TOTAL"))
                        .collect(Collectors.toMap(f -> code(f.get("province"), year), f -> f));
                List<Expected> expected = expected(year);
                assertEquals(expected.size(), totals.size(), e.getKey() + " " + year + ": provinces");
                for (Expected x : expected) {
                    Map<String, String> t = totals.get(x.code().equals("UNRESOLVED") ? x.province() : x.code());
                    assertNotNull(t, year + " " + x.province());
                    assertEquals(
                            0,
                            nine(x.total())
                                    .compareTo(new BigDecimal(t.get("score").replace(',', '.'))),
                            year + " " + x.province() + " total " + t.get("score") + " vs " + x.total());
                    assertEquals(String.valueOf(x.rank()), t.get("rank"), year + " " + x.province() + " rank");
                    if (x.cell().startsWith(e.getKey() + "!")) {
                        String cells = t.get("_cell") + ", " + t.getOrDefault("_also", "");
                        assertTrue(cells.contains(x.cell()), cells + " vs " + x.cell());
                    }
                }
                long subIndices = ofYear.stream()
                        .filter(f -> f.get("component").startsWith("PCI_")
                                && !f.get("component").equals("PCI_UNWEIGHTED")
                                && !f.get("component").startsWith("PCI_COND_"))
                        .map(f -> f.get("component"))
                        .distinct()
                        .count();
                assertEquals(expected.get(0).subIndices(), subIndices, e.getKey() + " " + year + ": sub-indices");
                System.out.printf(
                        "%s %d: %d provinces, %d sub-indices, %d records%n",
                        e.getKey(), year, totals.size(), subIndices, ofYear.size());
            }
        }
    }

    @Test
    void theYearComesFromTheHeaderOrTheFileNameSaysSo() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (String file : List.of("PCI_2008.xls", "PCI_2016.xlsx")) {
            read(file).stream()
                    .filter(r -> r.problem() == null)
                    .forEach(r -> sources.put(
                            r.fields().get("year") + " " + r.sheet(), r.fields().get("source")));
        }
        assertEquals("VCCI PCI workbook", sources.get("2016 Summary_VN"));
        assertEquals("VCCI PCI workbook", sources.get("2013 Summary"));
        assertEquals(
                "VCCI PCI workbook (year 2008 from the file name: the table's header names no year)",
                sources.get("2008 Tổng hợp"));
    }

    @Test
    void rowsThatAreNotScoresSayWhy() throws IOException {
        List<PublishedTableReader.Record> records = read("PCI_2006.xls");
        List<String> problems = records.stream()
                .map(PublishedTableReader.Record::problem)
                .filter(p -> p != null)
                .toList();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("SUMMARY_ROW: 'MIN' row PCI_2006.xls!PCI Tóm tắt!67"), problems.get(0));
        List<String> below = read("PCI_2012.xlsx").stream()
                .map(PublishedTableReader.Record::problem)
                .filter(p -> p != null)
                .toList();
        assertEquals(3, below.size(), below.toString());
        assertTrue(below.stream().allMatch(p -> p.startsWith("NOT_A_RECORD: row ") && p.contains("below the table")));
        Map<String, String> haTay = records.stream()
                .filter(r -> r.problem() == null
                        && r.fields().get("province").equals("Hà Tây")
                        && r.fields().get("component").equals("PCI_ENTRY"))
                .findFirst()
                .orElseThrow()
                .fields();
        assertEquals("PCI_2006.xls!PCI Tóm tắt!B64", haTay.get("_province_cell"));
        assertEquals("PCI_2006.xls!PCI Tóm tắt!C64", haTay.get("_cell"));
        assertNull(haTay.get("rank"));
    }

    @Test
    void aScoreIsTheShortestDecimalOfItsDoubleKeptToNineDecimals() {
        assertEquals("63,79096", PublishedTableReader.exact("63,790959999999998"));
        assertEquals("76,233408205", PublishedTableReader.exact("76,23340820540244"));
        assertEquals("9,5981859", PublishedTableReader.exact("9,5981859000000005"));
    }
}
