package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.ReferenceFiles;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;

/**
 * UNDP/CECODES's own PAPI workbook (one sheet per year 2011–2016, two header rows) ingested as
 * published, checked against values read from it independently with openpyxl
 * (src/test/resources/papi/papi_2011_2016_expected.csv, made by expected_from_workbook.py beside it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class PapiWorkbookTest {

    static final String WORKBOOK = "raw/published_indices_vietnamdata/PAPI_2011-2016.xlsx";
    static final String SOURCE = "UNDP/CECODES PAPI workbook";

    private final SparkSession spark = TestSpark.session();
    private String lake;
    private IngestReport first;
    private IngestReport rerun;
    private long silverVersionBefore;
    private long silverVersionAfter;
    private Dataset<Row> papi;

    /** One line of the expected values: a province of one year. */
    record Expected(
            int year, String sheet, long row, String code, String name, List<String> dimensions, String total) {}

    @BeforeAll
    void ingestTwice(@TempDir Path tmp) {
        lake = TestSpark.newLake(tmp, "lake");
        String path = ReferenceFiles.path(WORKBOOK).toAbsolutePath().toString();
        first = new IngestJob(spark, lake, m -> {}).run(List.of(path));
        silverVersionBefore = LakeSpark.version(spark, lake, LakeTable.SILVER_INDEX_SCORES);
        rerun = new IngestJob(spark, lake, m -> {}).run(List.of(path));
        silverVersionAfter = LakeSpark.version(spark, lake, LakeTable.SILVER_INDEX_SCORES);
        papi = LakeSpark.read(spark, lake, LakeTable.SILVER_INDEX_SCORES)
                .filter(col("index_code").equalTo("PAPI"))
                .cache();
    }

    static List<Expected> expected() throws Exception {
        List<String> lines = Files.readAllLines(
                Path.of(PapiWorkbookTest.class
                        .getResource("/papi/papi_2011_2016_expected.csv")
                        .toURI()),
                StandardCharsets.UTF_8);
        return lines.stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("year,"))
                .map(l -> {
                    String[] f = l.split(",", -1);
                    return new Expected(
                            Integer.parseInt(f[0]),
                            f[1],
                            Long.parseLong(f[2]),
                            f[3],
                            f[4],
                            List.of(f[5].split(";", -1)),
                            f[7]);
                })
                .toList();
    }

    private static BigDecimal nine(String v) {
        return new BigDecimal(v).setScale(9, RoundingMode.HALF_UP);
    }

    @Test
    void everyRowReadIsAcceptedOrQuarantinedAndARerunChangesNothing() {
        System.out.println("PAPI workbook ingest: " + first.files());
        assertEquals(1, first.count(IngestJob.LOADED), first.files().toString());
        // six sheets of 63 provinces and a "Highest" row each; the Vietnamese header rows are not records
        assertEquals(6 * 64, first.rowsRead());
        assertEquals(first.rowsRead(), first.rowsAccepted() + first.rowsQuarantined());
        assertEquals(8, first.rowsQuarantined(), "six 'Highest' rows, two provinces without scores in 2014");
        Row reconciliation = LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                .filter("status = 'loaded'")
                .first();
        assertEquals(first.rowsRead(), reconciliation.<Long>getAs("rows_read"));
        assertEquals(1, rerun.count(IngestJob.SKIPPED_DUPLICATE));
        assertEquals(silverVersionBefore, silverVersionAfter, "the rerun wrote nothing");
    }

    @Test
    void everyProvinceTotalAndDimensionAsPublishedWithTheYearOfItsSheet() throws Exception {
        Map<String, Row> silver = new HashMap<>();
        for (Row r : papi.collectAsList()) {
            silver.put(r.getAs("year") + "|" + r.getAs("province_code") + "|" + r.getAs("component_code"), r);
        }
        Map<String, String> dimensionCodes = Map.of(
                "Participation at Local Levels",
                "C01",
                "Transparency",
                "C02",
                "Vertical Accountability",
                "C03",
                "Control of Corruption",
                "C04",
                "Public Administrative Procedures",
                "C05",
                "Public Service Delivery",
                "C06");
        List<String> names = List.of(
                "Participation at Local Levels",
                "Transparency",
                "Vertical Accountability",
                "Control of Corruption",
                "Public Administrative Procedures",
                "Public Service Delivery");
        Map<Integer, Integer> totals = new TreeMap<>();
        int checked = 0;
        for (Expected e : expected()) {
            Row total = silver.get(e.year() + "|" + e.code() + "|TOTAL");
            if (e.dimensions().stream().allMatch(String::isEmpty)) {
                assertEquals(null, total, e + ": no scores, so no total");
                continue;
            }
            assertEquals(0, nine(e.total()).compareTo(total.getAs("score")), e.toString());
            assertEquals(
                    vn.chiso.ingest.parse.Provinces.nameKey(e.name()),
                    vn.chiso.ingest.parse.Provinces.nameKey(total.getAs("province_name")),
                    "tinhid " + e.code() + " is " + e.name());
            assertEquals(SOURCE, total.getAs("source"));
            totals.merge(e.year(), 1, Integer::sum);
            for (int i = 0; i < names.size(); i++) {
                Row d = silver.get(e.year() + "|" + e.code() + "|" + dimensionCodes.get(names.get(i)));
                assertEquals(0, nine(e.dimensions().get(i)).compareTo(d.getAs("score")), e + " " + names.get(i));
                assertEquals("dimension", d.getAs("component_level"));
                checked++;
            }
        }
        System.out.println("PAPI workbook: provinces with a total per year " + totals + "; " + checked
                + " dimension scores equal openpyxl's");
        assertEquals(Map.of(2011, 63, 2012, 63, 2013, 63, 2014, 61, 2015, 63, 2016, 63), totals);
        assertEquals(
                totals.values().stream().mapToLong(Integer::longValue).sum(),
                papi.filter("component_code = 'TOTAL'").count(),
                "no other total");
    }

    @Test
    void sixDimensionsAndTheirSubDimensionsEachYear() {
        Map<Integer, Long> dimensions = papi
                .filter("component_level = 'dimension'")
                .groupBy("year")
                .agg(org.apache
                        .spark
                        .sql
                        .functions
                        .countDistinct("component_code")
                        .as("n"))
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> r.getInt(0), r -> r.getLong(1)));
        assertEquals(Map.of(2011, 6L, 2012, 6L, 2013, 6L, 2014, 6L, 2015, 6L, 2016, 6L), dimensions);
        // 22 sub-dimensions a year; Vertical Accountability changed in 2016
        Map<Integer, String> accountability = papi
                .filter("parent_component = 'C03'")
                .groupBy("year")
                .agg(org.apache
                        .spark
                        .sql
                        .functions
                        .concat_ws(
                                ",",
                                org.apache.spark.sql.functions.sort_array(
                                        org.apache.spark.sql.functions.collect_set("component_code")))
                        .as("codes"))
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(r -> r.getInt(0), r -> r.getString(1)));
        assertEquals("SC31,SC34,SC35", accountability.get(2011));
        assertEquals("SC31,SC32,SC34", accountability.get(2016));
        assertEquals(
                22,
                papi.filter("component_level = 'sub_dimension' AND year = 2013")
                        .select("component_code")
                        .distinct()
                        .count());
        // a dimension is published as the sum of its sub-dimensions (to the workbook's 7 digits)
        Dataset<Row> parts = papi.filter("component_level = 'sub_dimension'")
                .groupBy("year", "province_code", "parent_component")
                .agg(org.apache.spark.sql.functions.sum("score").as("parts"));
        Dataset<Row> dims = papi.filter("component_level = 'dimension'")
                .select(col("year"), col("province_code"), col("component_code").as("parent_component"), col("score"));
        Dataset<Row> joined = parts.join(
                dims,
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("year", "province_code", "parent_component"))
                        .toSeq());
        assertEquals((6 * 63 - 2) * 6, joined.count(), "every dimension of every scored province has its parts");
        assertEquals(0, joined.filter("abs(parts - score) > 0.00001").count());
    }

    @Test
    void rowsThatAreNotProvincesAreQuarantinedWithTheirSheetAndCell() {
        List<Row> q = LakeSpark.read(spark, lake, LakeTable.QUARANTINE)
                .orderBy("raw_text")
                .collectAsList();
        List<Row> highest = q.stream()
                .filter(r -> r.<String>getAs("raw_text").contains("Highest"))
                .toList();
        assertEquals(6, highest.size());
        for (Row r : highest) {
            assertEquals("UNKNOWN_PROVINCE", r.getAs("reason_code"));
            assertEquals("province_code", r.getAs("field"));
            String message = r.getAs("message");
            assertTrue(message.contains("'999'") && message.matches(".*\\(sheet 201[1-6]_PAPI, cell A66\\)"), message);
        }
        List<Row> empty = q.stream()
                .filter(r -> "MISSING_VALUE".equals(r.getAs("reason_code")))
                .toList();
        assertEquals(
                List.of(17L, 58L),
                empty.stream().map(r -> r.<Long>getAs("row_number")).sorted().toList(),
                "2014: Bắc Giang and Đồng Tháp, no scores (the total formula gives 0 over empty cells)");
        assertTrue(empty.get(0).<String>getAs("raw_text").startsWith("[2014_PAPI]"));
    }

    /** A copy of the workbook with a name that is no province and a name that contradicts its code. */
    @Test
    void unresolvedOrContradictoryNamesAreQuarantined(@TempDir Path tmp) throws Exception {
        Path altered = tmp.resolve("in").resolve("PAPI_2011-2016_altered.xlsx");
        Files.createDirectories(altered.getParent());
        try (InputStream in = Files.newInputStream(ReferenceFiles.path(WORKBOOK));
                XSSFWorkbook wb = new XSSFWorkbook(in);
                OutputStream out = Files.newOutputStream(altered)) {
            wb.getSheet("2012_PAPI").getRow(3).getCell(2).setCellValue("Hà Nam"); // tinhid 2 is Hà Giang
            wb.getSheet("2013_PAPI").getRow(5).getCell(2).setCellValue("Tỉnh Không Có");
            wb.write(out);
        }
        String other = TestSpark.newLake(tmp, "other");
        IngestReport report = new IngestJob(spark, other, m -> {}).run(List.of(altered.toString()));
        assertEquals(report.rowsRead(), report.rowsAccepted() + report.rowsQuarantined());
        assertEquals(10, report.rowsQuarantined());
        Map<String, Row> byReason =
                LakeSpark.read(spark, other, LakeTable.QUARANTINE).filter("field = 'province'").collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getAs("reason_code"), r -> r));
        String mismatch = byReason.get("PROVINCE_MISMATCH").getAs("message");
        assertTrue(
                mismatch.contains("Hà Nam")
                        && mismatch.contains("02 Hà Giang")
                        && mismatch.endsWith("(sheet 2012_PAPI, cell C4)"),
                mismatch);
        Row unknown = byReason.get("UNKNOWN_PROVINCE");
        assertTrue(unknown.<String>getAs("message").endsWith("(sheet 2013_PAPI, cell C6)"), unknown.toString());
    }
}
