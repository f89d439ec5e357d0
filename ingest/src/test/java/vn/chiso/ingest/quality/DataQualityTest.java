package vn.chiso.ingest.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.ReasonCode;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.DossierFields;
import vn.chiso.ingest.validate.DossierChecks;
import vn.chiso.ingest.validate.DossierValidation;

class DataQualityTest {

    private final SparkSession spark = TestSpark.session();
    private static final Timestamp NOW = Timestamp.valueOf("2025-01-02 08:00:00");

    /** Bronze values in contract order, from dossier_id to updated_at; then the parse error. */
    static Row bronze(long line, String parseError, String... raw) {
        List<Object> values = new ArrayList<>(List.of("b1", "f.csv", "sum", line, NOW));
        values.addAll(Arrays.asList(raw));
        while (values.size() < 5 + DossierFields.RAW.size()) {
            values.add(null);
        }
        values.addAll(Arrays.asList(null, parseError == null ? null : "raw", parseError));
        return RowFactory.create(values.toArray());
    }

    /** A dossier of unit 01.S05 of province 01: id, received, due, resolved, status, rating. */
    static Row dossier(
            long line, String id, String received, String due, String resolved, String status, String rating) {
        return bronze(
                line,
                null,
                id,
                "01.S05",
                "Sở Tư pháp",
                "Tỉnh",
                "01",
                null,
                "2.000815",
                "tư pháp",
                "Trực tuyến",
                received,
                due,
                resolved,
                status,
                rating);
    }

    static List<Row> batch() {
        return List.of(
                dossier(2, "OK", "03/01/2024 08:15", "10/01/2024 17:00", "05/01/2024 10:15", "Trước hạn", "5"),
                dossier(3, "RATED", "03/01/2024 08:15", "10/01/2024 17:00", "05/01/2024 10:15", "Trước hạn", "9"),
                dossier(4, "DUE", "03/01/2024 08:15", "01/01/2024 17:00", null, "Đang giải quyết trong hạn", null),
                dossier(5, null, "03/01/2024 08:15", "10/01/2024 17:00", null, "Đang giải quyết quá hạn", "0"),
                dossier(6, "ST", "03/01/2024 08:15", "10/01/2024 17:00", null, "Bỏ dở", null),
                dossier(6, "ST", "03/01/2024 08:15", "10/01/2024 17:00", null, "Đang giải quyết trong hạn", null),
                bronze(7, "MALFORMED_ROW: expected 14 fields, found 3"));
    }

    private Dataset<Row> validated(List<Row> rows) {
        return DossierValidation.validate(spark.createDataFrame(rows, LakeSpark.schema(LakeTable.BRONZE_DOSSIERS)));
    }

    /** check_name:column_name → rows_failed. */
    static Map<String, Long> failures(Dataset<Row> quality) {
        Map<String, Long> failed = new TreeMap<>();
        quality.collectAsList()
                .forEach(r -> failed.put(r.getAs("check_name") + ":" + r.getAs("column_name"), r.getAs("rows_failed")));
        return failed;
    }

    @Test
    void aCheckDeclaredOnceQuarantinesAndIsMeasured() {
        Dataset<Row> v = validated(batch());
        Map<Long, String> reasons = new TreeMap<>();
        DossierValidation.quarantined(v, NOW)
                .collectAsList()
                .forEach(r -> reasons.merge(
                        r.getAs("row_number"),
                        r.getAs("field") + " " + r.getAs("reason_code"),
                        (a, b) -> a + "; " + b));
        assertEquals("rating INVALID_VALUE", reasons.get(3L));
        assertEquals("due_at DUE_BEFORE_RECEIVED", reasons.get(4L));
        assertEquals("dossier_id MISSING_VALUE", reasons.get(5L), "the first failing check, not the rating");
        assertEquals("status INVALID_VALUE", reasons.get(6L));
        assertEquals("null MALFORMED_ROW", reasons.get(7L));

        Map<String, Long> failed = failures(DataQuality.dossiers(v, "b1", NOW));
        assertEquals(
                2L, failed.get("in_domain:rating"), "rows 3 and 5: every failing row counts, not the first failure");
        assertEquals(1L, failed.get("date_order:due_at"));
        assertEquals(1L, failed.get("completeness:dossier_id"), "the malformed row is counted as unparseable only");
        assertEquals(1L, failed.get("in_domain:status"));
        assertEquals(1L, failed.get("parseable:null"));
        assertEquals(2L, failed.get("unique_id:dossier_id"));
        assertEquals(0L, failed.get("date_order:resolved_at"));
    }

    @Test
    void everyMeasuredCheckIsOneQualityRow() {
        Set<String> declared = new HashSet<>();
        DossierChecks.measured()
                .forEach(c -> assertTrue(
                        declared.add(c.measure().name() + ":" + c.column()),
                        "declared twice: " + c.measure().name() + ":" + c.column()));
        declared.add("unique_id:dossier_id");
        assertEquals(
                Set.of(
                        "completeness:dossier_id",
                        "completeness:province_code",
                        "completeness:channel",
                        "completeness:received_at",
                        "completeness:due_at",
                        "completeness:status",
                        "completeness:unit_level",
                        "unit_missing:unit_code",
                        "unit_unresolved:unit_name",
                        "district_unlisted:unit_name",
                        "date_order:resolved_at",
                        "date_order:due_at",
                        "in_domain:status",
                        "in_domain:channel",
                        "in_domain:unit_level",
                        "in_domain:rating",
                        "unit_valid_on_date:province_code",
                        "parseable:null",
                        "unique_id:dossier_id"),
                declared);
        assertEquals(
                declared,
                failures(DataQuality.dossiers(validated(batch()), "b1", NOW)).keySet());
    }

    @Test
    void everyQuarantiningCheckHasOneOfTheReasonCodes() {
        List<DossierChecks.Check> quarantining = DossierChecks.quarantining();
        assertEquals(24, quarantining.size());
        Set<String> codes = new HashSet<>();
        Arrays.stream(ReasonCode.values()).forEach(r -> codes.add(r.code()));
        assertEquals(ReasonCode.values().length, codes.size(), "codes are distinct");
        Set<String> literals = new HashSet<>();
        codes.forEach(code -> literals.add(functions.lit(code).toString()));
        // the first check quarantines with the reader's own code; every other with a literal ReasonCode
        quarantining.stream()
                .skip(1)
                .forEach(c -> assertTrue(literals.contains(c.reason().toString()), c.toString()));
    }

    @Test
    void recordReasonsCountInOneCheckEach() {
        Set<ReasonCode> seen = new HashSet<>();
        DataQuality.RECORD_REASONS.forEach(
                r -> r.reasons().stream().forEach(code -> assertTrue(seen.add(code), code + " counted twice")));
        assertTrue(seen.contains(ReasonCode.MISSING_VALUE));
    }
}
