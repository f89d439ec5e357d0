package vn.chiso.ingest.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;

class DossierValidationTest {

    private final SparkSession spark = TestSpark.session();
    private static final Timestamp NOW = Timestamp.valueOf("2025-01-02 08:00:00");

    /** A bronze row: dossier_id … rating as strings, in contract order. */
    private static Row bronze(long line, String... raw) {
        List<Object> values = new ArrayList<>(List.of("b1", "f.csv", "sum", line, NOW));
        values.addAll(Arrays.asList(raw));
        while (values.size() < 5 + vn.chiso.ingest.DossierFields.RAW.size()) {
            values.add(null); // fields the test leaves out (e.g. updated_at)
        }
        values.addAll(Arrays.asList(null, null, null));
        return RowFactory.create(values.toArray());
    }

    private static Row good(long line, String id, String status, String resolved) {
        return bronze(
                line,
                id,
                "01.S05",
                "Sở Tư pháp",
                "Tỉnh",
                "1",
                null,
                "2.000815",
                "tư pháp",
                "Trực tuyến",
                "03/01/2024 08:15",
                "10/01/2024 17:00",
                resolved,
                status,
                "5");
    }

    private Dataset<Row> validated(Row... rows) {
        return DossierValidation.validate(
                spark.createDataFrame(List.of(rows), LakeSpark.schema(LakeTable.BRONZE_DOSSIERS)));
    }

    @Test
    void typesAndConformsAValidDossier() {
        Row silver = DossierValidation.accepted(validated(good(2, "D1", "Đã giải quyết trước hạn", "05/01/2024 10:15")))
                .first();
        assertEquals("01", silver.getAs("province_code"), "single-digit codes are padded");
        assertEquals("online", silver.getAs("channel"));
        assertEquals("province", silver.getAs("unit_level"));
        assertEquals("resolved_early", silver.getAs("status"));
        assertTrue((Boolean) silver.getAs("counts_on_time"));
        assertEquals(Timestamp.valueOf("2024-01-03 08:15:00"), silver.getAs("received_at"));
        assertEquals(new BigDecimal("2.08"), silver.getAs("processing_days"));
        assertEquals(2024, (int) silver.getAs("received_year"));
        assertEquals(5, (int) silver.getAs("rating"));
    }

    @Test
    void lateAndOverdueDoNotCountOnTime() {
        List<Row> rows = DossierValidation.accepted(validated(
                        good(2, "L", "Đã giải quyết quá hạn", "12/01/2024 09:00"),
                        good(3, "P", "Đang giải quyết quá hạn", null),
                        good(4, "W", "Đang giải quyết trong hạn", null)))
                .orderBy("dossier_id")
                .collectAsList();
        assertFalse((Boolean) rows.get(0).getAs("counts_on_time"));
        assertFalse((Boolean) rows.get(1).getAs("counts_on_time"));
        assertTrue((Boolean) rows.get(2).getAs("counts_on_time"));
        assertNull(rows.get(1).getAs("processing_days"));
    }

    @Test
    void eachBadRowGetsItsFirstFailureWithFieldAndReason() {
        Dataset<Row> v = validated(
                bronze(
                        2,
                        null,
                        "u",
                        "n",
                        "Tỉnh",
                        "01",
                        null,
                        null,
                        null,
                        "Trực tiếp",
                        "01/01/2024",
                        "02/01/2024",
                        "02/01/2024",
                        "Đã giải quyết đúng hạn",
                        null),
                bronze(
                        3,
                        "X",
                        "u",
                        "n",
                        "Tỉnh",
                        "99",
                        null,
                        null,
                        null,
                        "Trực tiếp",
                        "01/01/2024",
                        "02/01/2024",
                        "02/01/2024",
                        "Đã giải quyết đúng hạn",
                        null),
                bronze(
                        4,
                        "X",
                        "u",
                        "n",
                        "Tỉnh",
                        "01",
                        null,
                        null,
                        null,
                        "Trực tiếp",
                        "32/13/2024",
                        "02/01/2024",
                        "02/01/2024",
                        "Đã giải quyết đúng hạn",
                        null),
                bronze(
                        5,
                        "X",
                        "u",
                        "n",
                        "Tỉnh",
                        "01",
                        null,
                        null,
                        null,
                        "Trực tiếp",
                        "05/01/2024",
                        "02/01/2024",
                        "06/01/2024",
                        "Đã giải quyết quá hạn",
                        null),
                bronze(
                        6,
                        "X",
                        "u",
                        "n",
                        "Tỉnh",
                        "01",
                        null,
                        null,
                        null,
                        "Fax",
                        "01/01/2024",
                        "02/01/2024",
                        "02/01/2024",
                        "Đã giải quyết đúng hạn",
                        null),
                bronze(
                        7,
                        "X",
                        "u",
                        "n",
                        "Tỉnh",
                        "01",
                        null,
                        null,
                        null,
                        "Trực tiếp",
                        "01/01/2024",
                        "02/01/2024",
                        null,
                        "Đã giải quyết đúng hạn",
                        null),
                bronze(
                        8,
                        "X",
                        "u",
                        "n",
                        "Tỉnh",
                        "01",
                        null,
                        null,
                        null,
                        "Trực tiếp",
                        "01/01/2024",
                        "02/01/2024",
                        "02/01/2024",
                        "Đã giải quyết đúng hạn",
                        "9"));
        List<Row> q =
                DossierValidation.quarantined(v, NOW).orderBy("row_number").collectAsList();
        assertEquals(7, q.size());
        assertEquals(
                List.of(
                        "MISSING_VALUE",
                        "UNKNOWN_PROVINCE",
                        "INVALID_DATE",
                        "DUE_BEFORE_RECEIVED",
                        "INVALID_VALUE",
                        "MISSING_VALUE",
                        "INVALID_VALUE"),
                q.stream().map(r -> r.getAs("reason_code")).toList());
        assertEquals(
                List.of("dossier_id", "province_code", "received_at", "due_at", "channel", "resolved_at", "rating"),
                q.stream().map(r -> r.getAs("field")).toList());
        assertEquals(
                "received_at '32/13/2024' is not a date (dd/MM/yyyy HH:mm)",
                q.get(2).getAs("message"));
        assertTrue(((String) q.get(1).getAs("raw_text")).contains(",99,"), "raw text keeps the values as sent");
        assertEquals(0, DossierValidation.accepted(v).count());
    }

    @Test
    void malformedRowsKeepTheirRawText() {
        List<Object> values = new ArrayList<>(List.of("b1", "f.csv", "sum", 9L, NOW));
        values.addAll(java.util.Collections.nCopies(vn.chiso.ingest.DossierFields.RAW.size() + 1, null));
        values.add("A1,only,three");
        values.add("expected 14 fields, found 3");
        Row q = DossierValidation.quarantined(validated(RowFactory.create(values.toArray())), NOW)
                .first();
        assertEquals("MALFORMED_ROW", q.getAs("reason_code"));
        assertEquals("A1,only,three", q.getAs("raw_text"));
        assertEquals(9L, (long) q.getAs("row_number"));
    }
}
