package vn.chiso.transforms.kpi;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.UnitLevel;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;

class DossierKpisTest {

    private final SparkSession spark = TestSpark.session();
    private static final Timestamp T = Timestamp.valueOf("2024-01-01 00:00:00");

    /** A silver dossier with just what KPIs read. */
    private static Row dossier(
            String id,
            String district,
            int month,
            String status,
            boolean onTime,
            String channel,
            Integer rating,
            String days) {
        List<Object> v = new ArrayList<>();
        v.add(id);
        v.add("01");
        v.add(district);
        v.add(district == null ? "01.S01" : district);
        v.add("unit");
        v.add(district == null ? "province" : "district");
        v.add(null);
        v.add(null);
        v.add(channel);
        v.add(T);
        v.add(T);
        v.add(status.startsWith("pending") ? null : T);
        v.add(status);
        v.add(onTime);
        v.add(rating);
        v.add(days == null ? null : new BigDecimal(days));
        v.add(2024);
        v.add(month);
        v.add(T);
        v.add("b");
        v.add("f");
        v.add(1L);
        return RowFactory.create(v.toArray());
    }

    private Dataset<Row> silver() {
        return spark.createDataFrame(
                List.of(
                        dossier("1", null, 1, "resolved_early", true, "online", 5, "1.00"),
                        dossier("2", null, 2, "resolved_on_time", true, "direct", 4, "3.00"),
                        dossier("3", "001", 4, "resolved_late", false, "postal", null, "8.00"),
                        dossier("4", "001", 4, "pending_within_deadline", true, "online", null, null),
                        dossier("5", "001", 5, "pending_overdue", false, "direct", null, null),
                        dossier("6", "002", 7, "resolved_early", true, "online", null, "2.00"),
                        dossier("7", "002", 7, "returned", false, "direct", null, "1.00")),
                LakeSpark.schema(LakeTable.SILVER_DOSSIERS));
    }

    private Row only(Dataset<Row> rows, String unit, String period) {
        List<Row> r = rows.filter(
                        col("unit_code").equalTo(unit).and(col("period").equalTo(period)))
                .collectAsList();
        assertEquals(1, r.size(), unit + " " + period);
        return r.get(0);
    }

    @Test
    void yearlyProvinceKpisFromCounts() {
        Dataset<Row> year = DossierKpis.withRates(
                DossierKpis.rollUp(DossierKpis.monthlyCounts(silver()), UnitLevel.PROVINCE, "year"));
        Row p = only(year, "01", "2024");
        assertEquals(7L, (long) p.getAs("received"));
        assertEquals(4L, (long) p.getAs("resolved"));
        assertEquals(2L, (long) p.getAs("pending"));
        assertEquals(1L, (long) p.getAs("returned"));
        assertEquals(4L, (long) p.getAs("on_time"));
        assertEquals(new BigDecimal("57.14"), p.getAs("on_time_ratio"), "100 × 4 ÷ 7");
        assertEquals(new BigDecimal("11.43"), p.getAs("progress_score"), "20 × 57.14 ÷ 100");
        assertEquals(new BigDecimal("42.86"), p.getAs("online_share"));
        assertEquals(new BigDecimal("14.29"), p.getAs("postal_share"));
        assertEquals(new BigDecimal("4.50"), p.getAs("avg_rating"));
        assertEquals(new BigDecimal("3.50"), p.getAs("avg_processing_days"), "(1+3+8+2) ÷ 4 resolved");
    }

    @Test
    void quartersMonthsAndDistricts() {
        Dataset<Row> monthly = DossierKpis.monthlyCounts(silver());
        Dataset<Row> quarters = DossierKpis.withRates(DossierKpis.rollUp(monthly, UnitLevel.PROVINCE, "quarter"));
        assertEquals(2L, (long) only(quarters, "01", "2024-Q1").getAs("received"));
        assertEquals(3L, (long) only(quarters, "01", "2024-Q2").getAs("received"));
        assertEquals(2L, (long) only(quarters, "01", "2024-Q3").getAs("received"));
        Dataset<Row> months = DossierKpis.withRates(DossierKpis.rollUp(monthly, UnitLevel.DISTRICT, "month"));
        Row d = only(months, "001", "2024-04");
        assertEquals(2L, (long) d.getAs("received"));
        assertEquals(new BigDecimal("50.00"), d.getAs("on_time_ratio"));
        assertNull(d.getAs("avg_rating"));
        assertEquals("01", d.getAs("province_code"));
        assertEquals(0, months.filter(col("unit_code").equalTo("01")).count(), "province-level units are no district");
    }

    @Test
    void everyGrainAtOnceEqualsEachRollUp() {
        Dataset<Row> monthly = DossierKpis.monthlyCounts(silver());
        List<UnitLevel> levels = List.of(UnitLevel.PROVINCE, UnitLevel.DISTRICT);
        List<String> periodTypes = List.of("year", "quarter", "month");
        Dataset<Row> each = null;
        for (UnitLevel level : levels) {
            for (String periodType : periodTypes) {
                Dataset<Row> one = DossierKpis.rollUp(monthly, List.of(level), List.of(periodType));
                each = each == null ? one : each.unionByName(one);
            }
        }
        Dataset<Row> all = DossierKpis.rollUp(monthly, levels, periodTypes);
        assertEquals(List.of(each.columns()), List.of(all.columns()));
        assertEquals(1 + 3 + 5 + 2 + 2 + 3, all.count(), "1 + 3 + 5 province rows, 2 + 2 + 3 district rows");
        assertEquals(0, all.exceptAll(each).count());
        assertEquals(0, each.exceptAll(all).count());
    }
}
