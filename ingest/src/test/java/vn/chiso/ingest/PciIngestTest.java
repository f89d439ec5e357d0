package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
import vn.chiso.ingest.source.PublishedTableReaderTest;

/**
 * VCCI's eight PCI workbooks, exactly as published, through the real IngestJob into a real Delta
 * lake: detected as index results from their content, every province's total and rank in
 * silver/index_scores as read independently with pandas (src/test/resources/pci/), the year of
 * each table from its own header (the 2016 workbook gives 2016 and 2013), Hà Tây quarantined with
 * its file, sheet and cell, rows read = accepted + quarantined, and a rerun changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class PciIngestTest {

    static final List<String> FILES = List.of(
            "PCI_2005.xls",
            "PCI_2006.xls",
            "PCI_2007.xls",
            "PCI_2008.xls",
            "PCI_2009.xls",
            "PCI_2012.xlsx",
            "PCI_2015.xlsx",
            "PCI_2016.xlsx");
    static final List<Integer> YEARS = List.of(2005, 2006, 2007, 2008, 2009, 2012, 2013, 2015, 2016);

    private final SparkSession spark = TestSpark.session();
    private String lake;
    private IngestReport report;
    private List<String> inputs;

    @BeforeAll
    void ingestEveryWorkbook(@TempDir Path tmp) {
        lake = TestSpark.newLake(tmp, "lake");
        inputs = FILES.stream()
                .map(f -> ReferenceFiles.path("raw/published_indices_vietnamdata/" + f)
                        .toString())
                .toList();
        report = new IngestJob(spark, lake, System.out::println).run(inputs);
    }

    private Dataset<Row> silver() {
        return LakeSpark.read(spark, lake, LakeTable.SILVER_INDEX_SCORES)
                .filter(col("index_code").equalTo("PCI"));
    }

    @Test
    void everyFileLoadsAsIndexResultsAndEveryRowIsAccountedFor() {
        assertEquals(FILES.size(), report.files().size());
        for (IngestReport.FileResult f : report.files()) {
            assertEquals(IngestJob.LOADED, f.status(), f.toString());
            assertTrue(f.rowsRead() > 500, f.toString());
            assertEquals(f.rowsRead(), f.rowsAccepted() + f.rowsQuarantined(), f.toString());
            System.out.printf(
                    "%s: read %d = accepted %d + quarantined %d%n",
                    Path.of(f.sourceFile()).getFileName(), f.rowsRead(), f.rowsAccepted(), f.rowsQuarantined());
        }
        List<Row> reconciliation = LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                .filter(col("ingest_batch_id").equalTo(report.batchId()))
                .collectAsList();
        assertEquals(FILES.size(), reconciliation.size());
        for (Row r : reconciliation) {
            assertEquals("index_scores", r.getAs("kind"));
            assertEquals(
                    r.<Long>getAs("rows_read"), r.<Long>getAs("rows_accepted") + r.<Long>getAs("rows_quarantined"));
        }
        long quarantined = LakeSpark.read(spark, lake, LakeTable.QUARANTINE)
                .filter(col("ingest_batch_id").equalTo(report.batchId()))
                .count();
        assertEquals(report.rowsQuarantined(), quarantined);
    }

    @Test
    void everyTotalAndRankAsPublishedAndTheSubIndicesOfEachYear() throws Exception {
        Map<Integer, Long> subIndices = new TreeMap<>();
        silver().filter("component_level = 'sub_index'")
                .groupBy("year")
                .agg(org.apache.spark.sql.functions.countDistinct("component_code"))
                .collectAsList()
                .forEach(r -> subIndices.put(r.getInt(0), r.getLong(1)));
        assertEquals(YEARS, List.copyOf(subIndices.keySet()), "years from the tables' headers");
        for (int year : YEARS) {
            List<PublishedTableReaderTest.Expected> expected = PublishedTableReaderTest.expected(year).stream()
                    .filter(x -> !x.code().equals("UNRESOLVED"))
                    .toList();
            Map<String, Row> totals = silver()
                    .filter(col("year").equalTo(year).and(col("component_code").equalTo("TOTAL")))
                    .collectAsList()
                    .stream()
                    .collect(Collectors.toMap(r -> r.getAs("province_code"), r -> r));
            assertEquals(expected.size(), totals.size(), year + ": provinces");
            for (PublishedTableReaderTest.Expected x : expected) {
                Row t = totals.get(x.code());
                assertNotNull(t, year + " " + x.code());
                assertEquals(
                        0,
                        x.total().setScale(9, RoundingMode.HALF_UP).compareTo(t.getAs("score")),
                        year + " " + x.province() + ": " + t.getAs("score") + " vs " + x.total());
                assertEquals(x.rank(), t.<Integer>getAs("rank"), year + " " + x.province());
                assertEquals("total", t.getAs("component_level"));
                assertEquals(0, new BigDecimal(100).compareTo(t.getAs("max_score")));
            }
            assertEquals(expected.get(0).subIndices(), subIndices.get(year), year + ": sub-indices");
            System.out.printf("PCI %d: %d provinces, %d sub-indices%n", year, totals.size(), subIndices.get(year));
        }
        Row hcmc2013 = silver().filter("year = 2013 AND province_code = '79' AND component_code = 'TOTAL'")
                .first();
        String source = hcmc2013.getAs("source");
        assertEquals("VCCI PCI workbook", source, "the publisher: both the 2015 and 2016 workbooks carry 2013");
        assertEquals("HCMC", hcmc2013.getAs("province_name"), "the name as published");
        assertEquals(
                "TOTAL",
                silver().filter("year = 2016 AND component_code = 'PCI_LABOR'")
                        .first()
                        .getAs("parent_component"));
    }

    @Test
    void haTayIsQuarantinedWithFileSheetAndCellNeverMapped() {
        Dataset<Row> q = LakeSpark.read(spark, lake, LakeTable.QUARANTINE);
        List<Row> haTay =
                q.filter(col("reason_code").equalTo("UNKNOWN_PROVINCE")).collectAsList();
        assertTrue(
                haTay.stream()
                        .allMatch(r -> r.<String>getAs("message")
                                .startsWith("province 'Hà Tây' is a "
                                        + "former province, merged into 01 Hà Nội on 2008-08-01")),
                "only Hà Tây is unresolved, and says why");
        // 2005: 9 sub-indices, 3 conditions, total; 2006: 10 + total; 2007, 2008: 10 + unweighted + total
        assertEquals(13 + 11 + 12 + 12, haTay.size());
        assertTrue(
                haTay.stream()
                        .anyMatch(
                                r -> r.<String>getAs("message")
                                        .contains(
                                                "(PCI_2006.xls!PCI Tóm tắt!B64; its PCI_ENTRY score at PCI_2006.xls!PCI Tóm tắt!C64)")),
                haTay.get(0).<String>getAs("message"));
        assertEquals(0, silver().filter("province_name = 'Hà Tây'").count());
        Map<String, Long> reasons = q.groupBy("reason_code").count().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        System.out.println("quarantine by reason: " + new TreeMap<>(reasons));
        assertEquals(2L, reasons.get("SUMMARY_ROW"), "2006: MIN and MAX");
        assertTrue(reasons.get("NOT_A_RECORD") >= 2 * 4, "lookup rows below the league tables");
    }

    @Test
    void aRerunOfTheSameFilesChangesNothing() {
        long version = DeltaTable.forPath(spark, LakeTable.SILVER_INDEX_SCORES.location(lake))
                .history(1)
                .first()
                .getLong(0);
        long rows = silver().count();
        IngestReport again = new IngestJob(spark, lake, m -> {}).run(inputs);
        assertEquals(FILES.size(), again.count(IngestJob.SKIPPED_DUPLICATE));
        assertEquals(
                version,
                DeltaTable.forPath(spark, LakeTable.SILVER_INDEX_SCORES.location(lake))
                        .history(1)
                        .first()
                        .getLong(0));
        assertEquals(rows, silver().count());
    }
}
