package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.sample.AnnexFiles;
import vn.chiso.ingest.sample.IndexAnnexGenerator;
import vn.chiso.ingest.sample.SampleGenerator;

/**
 * The generated PAR Index and SIPAS annex tables, and a table in the same layout that is not
 * sample data, through the real ingest into a Delta lake: every province's total and rank as
 * written, area maxima read from the headers, the average row quarantined, sample rows marked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class IndexAnnexIngestTest {

    private static final Pattern MAX = Pattern.compile("\\((\\d+(?:,\\d+)?) điểm\\)$");
    private static final List<String> AREAS = List.of("PAR1", "PAR2", "PAR3", "PAR4", "PAR5", "PAR6", "PAR7", "PAR8");

    private final SparkSession spark = TestSpark.session();
    private String lake;
    private Path in;
    private List<Path> generated;
    private Path annexLike;
    private IngestReport first;
    private IngestReport second;
    private long silverAfterFirst;

    @BeforeAll
    void ingestTwice(@TempDir Path tmp) throws Exception {
        lake = TestSpark.newLake(tmp, "lake");
        in = tmp.resolve("in");
        generated = new IndexAnnexGenerator().generate(in, SampleGenerator.DEFAULT_SEED);
        annexLike = writeAnnexLikeTable(in.resolve("bnv"));
        first = new IngestJob(spark, lake, m -> {}).run(List.of(in.toString()));
        silverAfterFirst = silver().count();
        second = new IngestJob(spark, lake, m -> {}).run(List.of(in.toString()));
    }

    /**
     * A PAR Index table as a ministry annex lays it out (title, header with units, column numbers,
     * the average at the bottom), semicolon CSV, not marked as sample: two provinces of 2020.
     */
    static Path writeAnnexLikeTable(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve("phu_luc_chi_so_cchc.csv");
        Files.writeString(
                f,
                String.join(
                        "\r\n",
                        "Phụ lục I;;;;;;;;;;;;",
                        "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2020 CỦA CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG;;;;;;;;;;;;",
                        ";;;;;;;;;;;;",
                        "STT;Tỉnh, thành phố;Công tác chỉ đạo, điều hành CCHC (10 điểm);Xây dựng và tổ chức thực hiện văn bản QPPL "
                                + "(10 điểm);Cải cách TTHC (14,5 điểm);Cải cách tổ chức bộ máy hành chính nhà nước (11 điểm);"
                                + "Xây dựng và nâng cao chất lượng đội ngũ CBCCVC (16 điểm);Cải cách tài chính công (7 điểm);"
                                + "Hiện đại hóa hành chính (16 điểm);Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH "
                                + "(15,5 điểm);Tổng điểm đạt được (100 điểm);Chỉ số (%);Xếp hạng",
                        "(1);(2);(3);(4);(5);(6);(7);(8);(9);(10);(11);(12);(13)",
                        "1;TP. Hải Phòng;9,50;9,25;13,10;10,20;14,80;6,55;14,90;13,80;92,10;92,10;1",
                        "2;Tỉnh Cà Mau;8,00;8,50;11,00;9,00;12,40;5,90;12,50;12,00;79,30;79,30;2",
                        ";Trung bình;8,75;8,88;12,05;9,60;13,60;6,23;13,70;12,90;85,70;85,70;",
                        ""),
                StandardCharsets.UTF_8);
        return f;
    }

    private Dataset<Row> silver() {
        return LakeSpark.read(spark, lake, LakeTable.SILVER_INDEX_SCORES);
    }

    private IngestReport.FileResult result(IngestReport report, Path file) {
        return report.files().stream()
                .filter(f -> f.sourceFile().endsWith(file.getFileName().toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(file + " not in " + report.files()));
    }

    @Test
    void everyFileReadEqualsAcceptedPlusQuarantinedAndTheAverageRowIsATotalsRow() {
        for (Path f : generated) {
            IngestReport.FileResult r = result(first, f);
            assertEquals(IngestJob.LOADED, r.status(), f + " " + r.message());
            assertEquals(64, r.rowsRead(), f.toString());
            assertEquals(63, r.rowsAccepted(), f.toString());
            assertEquals(1, r.rowsQuarantined(), f.toString());
        }
        IngestReport.FileResult real = result(first, annexLike);
        assertEquals(List.of(3L, 2L, 1L), List.of(real.rowsRead(), real.rowsAccepted(), real.rowsQuarantined()));
        List<Row> quarantine = LakeSpark.read(spark, lake, LakeTable.QUARANTINE).collectAsList();
        assertEquals(generated.size() + 1, quarantine.size());
        for (Row q : quarantine) {
            assertEquals("TOTALS_ROW", q.getAs("reason_code"), q.toString());
        }
    }

    @Test
    void everyProvinceTotalAndRankAsWrittenAndRowsMarkedAsSample() throws Exception {
        for (Path f : generated) {
            List<List<String>> cells = AnnexFiles.cells(f);
            List<String> header = cells.get(AnnexFiles.headerRow(cells));
            String index = f.getFileName().toString().startsWith("PAR") ? "PAR_INDEX" : "SIPAS";
            int year = Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""));
            Map<String, Row> totals = new HashMap<>();
            silver().filter(col("index_code")
                            .equalTo(index)
                            .and(col("year").equalTo(year))
                            .and(col("component_code").equalTo("TOTAL")))
                    .collectAsList()
                    .forEach(r -> totals.put(r.getAs("province_name"), r));
            assertEquals(63, totals.size(), f.toString());
            for (List<String> row : AnnexFiles.provinceRows(cells)) {
                Row s = totals.get(row.get(1));
                assertEquals(
                        0, AnnexFiles.number(row.get(header.size() - 2)).compareTo(s.getAs("score")), row.toString());
                assertEquals(Integer.parseInt(row.get(header.size() - 1)), (Integer) s.getAs("rank"), row.toString());
                assertEquals(0, BigDecimal.valueOf(100).compareTo(s.getAs("max_score")));
            }
            long components = index.equals("SIPAS") ? 6 : year >= 2022 ? 11 : 10;
            Dataset<Row> rows = silver().filter(
                            col("index_code").equalTo(index).and(col("year").equalTo(year)));
            assertEquals(63 * components, rows.count(), f + ": areas or factors, total points, survey part, index");
            assertEquals(
                    List.of("sample"),
                    rows.select("source").distinct().collectAsList().stream()
                            .map(r -> r.getString(0))
                            .toList(),
                    f.toString());
        }
    }

    @Test
    void areaMaximaComeFromTheHeaders() throws Exception {
        for (int year = 2021; year <= 2024; year++) {
            Path f = IndexAnnexGenerator.parFile(in, year);
            List<List<String>> cells = AnnexFiles.cells(f);
            List<String> header = cells.get(AnnexFiles.headerRow(cells));
            for (int a = 0; a < 8; a++) {
                Matcher m = MAX.matcher(header.get(2 + a));
                assertTrue(m.find());
                BigDecimal max = new BigDecimal(m.group(1).replace(',', '.'));
                List<Row> rows = silver().filter(col("index_code")
                                .equalTo("PAR_INDEX")
                                .and(col("year").equalTo(year))
                                .and(col("component_code").equalTo(AREAS.get(a))))
                        .collectAsList();
                assertEquals(63, rows.size(), year + " " + AREAS.get(a));
                for (Row r : rows) {
                    assertEquals(0, max.compareTo(r.getAs("max_score")), year + " " + AREAS.get(a) + " " + r);
                }
            }
            if (year >= 2022) {
                Row survey = silver().filter(col("year")
                                .equalTo(year)
                                .and(col("component_code").equalTo("SURVEY")))
                        .first();
                assertEquals(0, BigDecimal.valueOf(32).compareTo(survey.getAs("max_score")));
            }
        }
        Map<String, BigDecimal> sipasMax = new HashMap<>();
        silver().filter(col("index_code").equalTo("SIPAS"))
                .select("component_code", "max_score")
                .distinct()
                .collectAsList()
                .forEach(r -> sipasMax.put(r.getString(0), r.getAs(1)));
        assertEquals(
                List.of("SIPAS1", "SIPAS2", "SIPAS3", "SIPAS4", "SIPAS5", "TOTAL"),
                sipasMax.keySet().stream().sorted().toList());
        sipasMax.values().forEach(v -> assertEquals(0, BigDecimal.valueOf(100).compareTo(v)));
    }

    @Test
    void aTableInTheSameLayoutThatIsNotSampleDataLoadsTheSameWay() {
        List<Row> rows = silver().filter(col("year").equalTo(2020))
                .orderBy("province_code", "component_code")
                .collectAsList();
        assertEquals(2 * 10, rows.size(), "eight areas, total points and index for two provinces");
        for (Row r : rows) {
            assertEquals("bnv", r.getAs("source"), "the folder, as for any real file");
            assertEquals("PAR_INDEX", r.getAs("index_code"));
        }
        Row haiPhong = silver().filter(col("year")
                        .equalTo(2020)
                        .and(col("province_code").equalTo("31"))
                        .and(col("component_code").equalTo("TOTAL")))
                .first();
        assertEquals(0, new BigDecimal("92.10").compareTo(haiPhong.getAs("score")));
        assertEquals(1, (Integer) haiPhong.getAs("rank"));
        Row procedures = silver().filter(col("year")
                        .equalTo(2020)
                        .and(col("province_code").equalTo("96"))
                        .and(col("component_code").equalTo("PAR3")))
                .first();
        assertEquals(0, new BigDecimal("11.00").compareTo(procedures.getAs("score")), "Cà Mau, 'Cải cách TTHC'");
        assertEquals(0, new BigDecimal("14.5").compareTo(procedures.getAs("max_score")), "maximum from '(14,5 điểm)'");
    }

    @Test
    void rerunningTheSameFilesChangesNothing() {
        for (IngestReport.FileResult r : second.files()) {
            assertEquals(IngestJob.SKIPPED_DUPLICATE, r.status(), r.sourceFile());
        }
        assertEquals(silverAfterFirst, silver().count());
        assertEquals(
                generated.size() + 1,
                LakeSpark.read(spark, lake, LakeTable.QUARANTINE).count());
    }
}
