package vn.chiso.transforms.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Province;
import vn.chiso.contract.ReferenceFiles;
import vn.chiso.contract.spark.LakeSpark;

/**
 * The real reference files of reference/raw read into the shapes the engine takes: silver
 * rows as the contract declares them (what ingest will write), or engine inputs directly.
 */
public final class ReferenceData {

    public static final String PHU_THO = "25";
    private static final Timestamp NOW = Timestamp.valueOf("2026-09-28 00:00:00");

    private ReferenceData() {}

    /** A row of a contract table from named values (others null). */
    public static Row row(StructType schema, Map<String, Object> values) {
        Object[] v = new Object[schema.size()];
        for (Map.Entry<String, Object> e : values.entrySet()) {
            v[schema.fieldIndex(e.getKey())] = e.getValue();
        }
        return RowFactory.create(v);
    }

    // ---- portal 766, Phú Thọ, August 2026 -------------------------------------------------------

    private static JsonNode portal(String group) {
        try {
            return new ObjectMapper()
                    .readTree(ReferenceFiles.path("raw/portal_766_phutho/fixtures/" + group + "/month-all.json")
                            .toFile())
                    .get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal dec(JsonNode n) {
        return n == null || n.isNull() ? null : n.decimalValue();
    }

    private static Long count(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    /** The six evaluation groups of the capture (Decision 766), as the portal names its endpoints. */
    public static final List<String> PORTAL_GROUPS = List.of(
            "transparency",
            "dvc-progress-tree",
            "provide-online-tree",
            "formality-online-payment-tree",
            "dossier-digitized",
            "handling-satisfaction");

    /**
     * The six captured evaluation groups as silver portal_evaluations rows: per unit, one row per
     * metric and a TOTAL row with the group's points and ratio; the province's own row has is_total.
     * The tree endpoints have no metrics: processing progress's TOTAL row carries on-time ÷ received,
     * online services' and online payment's carry only points and ratio.
     */
    public static List<Row> portalSilverRows() {
        StructType schema = LakeSpark.schema(LakeTable.SILVER_PORTAL_EVALUATIONS);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String group : PORTAL_GROUPS) {
            JsonNode data = portal(group);
            List<JsonNode> units = new ArrayList<>();
            units.add(data.has("parent") ? data.get("parent") : data.get("overview"));
            (data.has("children") ? data.get("children") : data.get("evaluation")).forEach(units::add);
            for (int i = 0; i < units.size(); i++) {
                JsonNode unit = units.get(i);
                boolean total = i == 0;
                rows.add(portalRow(
                        unit,
                        total,
                        group,
                        "TOTAL",
                        count(unit.get("totalOnTime")),
                        count(unit.get("totalReceived")),
                        dec(unit.get("ratio")),
                        dec(unit.has("score") ? unit.get("score") : unit.get("totalScore")),
                        dec(unit.has("maxScore") ? unit.get("maxScore") : unit.get("totalMaxScore"))));
                for (JsonNode metric : unit.path("metrics")) {
                    rows.add(portalRow(
                            unit,
                            total,
                            group,
                            metric.get("code").asText(),
                            count(metric.get("numerator")),
                            count(metric.get("denominator")),
                            dec(metric.get("ratio")),
                            dec(metric.get("score")),
                            dec(metric.get("maxScore"))));
                }
            }
        }
        List<Row> out = new ArrayList<>();
        int n = 0;
        for (Map<String, Object> r : rows) {
            r.put("row_number", (long) ++n);
            out.add(row(schema, r));
        }
        return out;
    }

    private static Map<String, Object> portalRow(
            JsonNode unit,
            boolean total,
            String group,
            String metric,
            Long num,
            Long den,
            BigDecimal ratio,
            BigDecimal score,
            BigDecimal max) {
        Map<String, Object> r = new HashMap<>();
        r.put("province_code", PHU_THO);
        r.put("root_department_id", "019d2be3-6a88-732b-8b17-b68020c8553a");
        r.put("department_id", unit.get("departmentId").asText());
        r.put(
                "department_code",
                unit.hasNonNull("departmentCode") ? unit.get("departmentCode").asText() : null);
        r.put("department_name", unit.get("departmentName").asText());
        String level = unit.hasNonNull("level")
                ? unit.get("level").asText()
                : unit.hasNonNull("departmentLevel")
                        ? unit.get("departmentLevel").asText()
                        : null;
        String type =
                unit.hasNonNull("departmentType") ? unit.get("departmentType").asText() : null;
        r.put("department_level", "COMMUNE_PEOPLE_COMMITTEE".equals(type) ? "COMMUNE" : level);
        r.put("department_type", type);
        r.put("is_total", total);
        r.put("evaluation_group", group);
        r.put("metric_code", metric);
        r.put("numerator", num);
        r.put("denominator", den);
        r.put("ratio", ratio);
        r.put("score", score);
        r.put("max_score", max);
        r.put("scope", "all");
        r.put("captured_at", NOW);
        r.put("period_type", "month");
        r.put("period", "2026-08");
        r.put("period_start", Date.valueOf("2026-08-01"));
        r.put("period_end", Date.valueOf("2026-08-31"));
        r.put("year", 2026);
        r.put("updated_at", NOW);
        r.put("ingest_batch_id", "test");
        r.put("source_file", "raw/portal_766_phutho/fixtures/" + group + "/month-all.json");
        return r;
    }

    public static Dataset<Row> portalSilver(SparkSession spark) {
        return spark.createDataFrame(portalSilverRows(), LakeSpark.schema(LakeTable.SILVER_PORTAL_EVALUATIONS));
    }

    // ---- PAPI sub-dimensions 2011–2024 (third-party compilation) ---------------------------------

    /** P01…P63 of the compilation → official province codes, by name (and checked against the official order). */
    static Map<String, String> papiProvinces() {
        Map<String, String> byName = new HashMap<>();
        for (Province p : AdminUnits.get().provinces()) {
            byName.put(key(p.name()), p.code());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] f : csv("codebook_provinces.csv")) {
            String code = byName.get(key(f[1]));
            if (code == null) {
                throw new IllegalStateException("no official province for PAPI name " + f[1]);
            }
            out.put(f[0], code);
        }
        if (out.size() != 63 || new java.util.HashSet<>(out.values()).size() != 63) {
            throw new IllegalStateException("PAPI provinces do not map one to one: " + out);
        }
        return out;
    }

    private static String key(String name) {
        String s = Normalizer.normalize(name.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z]", "");
        return s.replace("city", "").replace("hanoi", "hanoi");
    }

    private static List<String[]> csv(String file) {
        try {
            List<String> lines =
                    Files.readAllLines(ReferenceFiles.path("raw/papi_subdimensions_hnks-gh_ml-mcdm/" + file));
            List<String[]> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    out.add(line.split(",", -1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] header(String file) {
        try {
            Path p = ReferenceFiles.path("raw/papi_subdimensions_hnks-gh_ml-mcdm/" + file);
            return Files.readAllLines(p).get(0).split(",", -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One year as (official province code → sub-dimension code → score); blanks are absent. */
    public static Map<String, Map<String, BigDecimal>> papiYear(int year) {
        Map<String, String> provinces = papiProvinces();
        String[] header = header(year + ".csv");
        Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
        for (String[] f : csv(year + ".csv")) {
            Map<String, BigDecimal> scores = new LinkedHashMap<>();
            for (int i = 1; i < header.length; i++) {
                if (i < f.length && !f[i].isBlank()) {
                    scores.put(header[i], new BigDecimal(f[i]));
                }
            }
            out.put(provinces.get(f[0]), scores);
        }
        return out;
    }

    /** Engine inputs of one PAPI year (provinces, year period). */
    public static List<UnitInputs> papiInputs(int year) {
        List<UnitInputs> units = new ArrayList<>();
        for (Map.Entry<String, Map<String, BigDecimal>> e : papiYear(year).entrySet()) {
            Province p = AdminUnits.get().province(e.getKey()).orElseThrow();
            Map<String, InputValue> inputs = new HashMap<>();
            e.getValue().forEach((code, v) -> inputs.put(code, InputValue.ofValue(v)));
            units.add(new UnitInputs(
                    new UnitKey(
                            "province", "year", String.valueOf(year), year, p.code(), p.name(), p.code(), p.region()),
                    inputs));
        }
        return units;
    }

    /** Silver index_scores rows of the compilation (sub-dimensions only), for the given years. */
    public static Dataset<Row> papiSilver(SparkSession spark, int fromYear, int toYear) {
        StructType schema = LakeSpark.schema(LakeTable.SILVER_INDEX_SCORES);
        List<Row> rows = new ArrayList<>();
        long n = 0;
        for (int year = fromYear; year <= toYear; year++) {
            for (Map.Entry<String, Map<String, BigDecimal>> e : papiYear(year).entrySet()) {
                for (Map.Entry<String, BigDecimal> s : e.getValue().entrySet()) {
                    Map<String, Object> r = new HashMap<>();
                    r.put("index_code", "PAPI");
                    r.put("year", year);
                    r.put("province_code", e.getKey());
                    r.put("component_code", s.getKey());
                    r.put("component_level", "sub_dimension");
                    r.put("parent_component", "C0" + s.getKey().charAt(2));
                    r.put("score", s.getValue());
                    r.put("source", "hnks-gh/ml-mcdm compilation");
                    r.put("updated_at", NOW);
                    r.put("ingest_batch_id", "test");
                    r.put("source_file", "raw/papi_subdimensions_hnks-gh_ml-mcdm/" + year + ".csv");
                    r.put("row_number", ++n);
                    rows.add(row(schema, r));
                }
            }
        }
        return spark.createDataFrame(rows, schema);
    }
}
