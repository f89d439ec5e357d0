package vn.chiso.transforms.kpi;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.UnitLevel;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.IngestJob;

/**
 * A district named without its code in an export loaded before any export gave its code: its rows
 * carry the key of its name; once the unit list knows the district's code, its district KPIs are
 * one row under that code, with the coded rows.
 */
@Tag("integration") // runs the whole job on a Delta lake: ./chiso test, not the fast tier
class NameKeyedDistrictsTest {

    private final SparkSession spark = TestSpark.session();

    private static Path write(Path dir, String name, List<String> lines) throws Exception {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static String named(String id, String unit) {
        return String.join(
                ",",
                id,
                unit,
                "Phú Yên",
                "Đất đai",
                "Trực tiếp",
                "15/01/2024",
                "22/01/2024",
                "19/01/2024",
                "Đã giải quyết trước hạn");
    }

    private static String coded(String id, String resolved, String status) {
        return String.join(
                ",",
                id,
                "559",
                "Huyện Tuy An",
                "Huyện",
                "54",
                "559",
                "Đất đai",
                "Trực tiếp",
                "03/01/2024 08:00",
                "10/01/2024 17:00",
                resolved,
                status);
    }

    private static Map<String, Long> received(Dataset<Row> kpis) {
        Map<String, Long> byUnit = new TreeMap<>();
        kpis.collectAsList().forEach(r -> byUnit.put(r.getAs("unit_code"), r.getAs("received")));
        return byUnit;
    }

    @Test
    void aDistrictNamedBeforeItsCodeWasKnownCountsUnderItsCode(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        Path names = write(
                tmp.resolve("in"),
                "ho_so_theo_ten.csv",
                List.of(
                        "Số hồ sơ,Đơn vị tiếp nhận,Tỉnh,Lĩnh vực,Hình thức nộp,Ngày nộp,Hạn trả kết quả,Ngày có kết quả,"
                                + "Tình trạng hồ sơ",
                        named("N-1", "UBND huyện Tuy An"),
                        named("N-2", "UBND huyen Tuy An"),
                        named("N-3", "Huyện Tuy An"),
                        named("N-4", "Sở Tư pháp")));
        Path codes = write(
                tmp.resolve("in"),
                "ho_so_co_ma.csv",
                List.of(
                        "Mã hồ sơ,Mã đơn vị,Tên đơn vị,Cấp,Mã tỉnh,Mã huyện,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,"
                                + "Ngày trả kết quả,Trạng thái",
                        coded("C-1", "05/01/2024 10:00", "Đã giải quyết trước hạn"),
                        coded("C-2", "12/01/2024 10:00", "Đã giải quyết quá hạn")));
        new IngestJob(spark, lake, m -> {}).run(List.of(names.toString()));
        new IngestJob(spark, lake, m -> {}).run(List.of(codes.toString()));

        Dataset<Row> silver = LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS);
        assertEquals(
                3,
                silver.filter(col("district_code").equalTo("54:district:huyen-tuy-an"))
                        .count(),
                "loaded before the code was known: keyed by name");
        Dataset<Row> monthly = DossierKpis.monthlyCounts(silver);
        assertEquals(
                Map.of("54:district:huyen-tuy-an", 3L, "559", 2L),
                received(DossierKpis.rollUp(monthly, UnitLevel.DISTRICT, "year")),
                "without the unit list");

        Dataset<Row> resolved =
                DossierKpis.withOfficialDistricts(monthly, LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS));
        Dataset<Row> districts = DossierKpis.withRates(DossierKpis.rollUp(resolved, UnitLevel.DISTRICT, "year"));
        assertEquals(Map.of("559", 5L), received(districts));
        Row tuyAn = districts.first();
        assertEquals(4L, (long) tuyAn.getAs("on_time"), "three named and one coded dossier resolved early");
        assertEquals(new java.math.BigDecimal("80.00"), tuyAn.getAs("on_time_ratio"));
        assertEquals(
                Map.of("54", 6L),
                received(DossierKpis.rollUp(resolved, UnitLevel.PROVINCE, "year")),
                "the province counts every row, the department's too");
    }
}
