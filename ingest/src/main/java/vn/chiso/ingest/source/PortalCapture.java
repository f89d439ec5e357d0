package vn.chiso.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The national portal's evaluation API responses (Decision 766) as captured: the envelope
 * {@code {"code":"OK","data":{...}}} with either a tree ({@code parent} + {@code children}:
 * dvc-progress-tree) or an evaluation list ({@code overview} + {@code evaluation[]} with
 * {@code metrics[]}: transparency, handling-satisfaction, …). Each unit becomes one record per
 * metric plus one {@code TOTAL} record for the group; numbers are kept as their JSON text, so
 * silver gets the portal's decimals unchanged. The capture's period is not in the response: it
 * comes from the capture manifest beside it (matched by SHA-256) or from {@code --period}.
 */
public final class PortalCapture {

    private static final Set<String> UNIT_FIELDS = Set.of(
            "departmentId",
            "departmentName",
            "departmentCode",
            "departmentLevel",
            "departmentType",
            "level",
            "metrics");

    private PortalCapture() {}

    /** Whether the head of a JSON text looks like a portal evaluation response. */
    public static boolean looksLike(String head) {
        return head.contains("\"departmentId\"")
                && (head.contains("\"evaluation\"")
                        || head.contains("\"children\"")
                        || head.contains("\"overview\"")
                        || head.contains("\"parent\""));
    }

    /** Records of the capture: field → text (numbers as their JSON text), in file order. */
    public static List<Map<String, String>> records(InputStream in, String groupHint) throws IOException {
        JsonNode root = JsonRecordReader.MAPPER.readTree(TextDecoding.reader(in));
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new IOException("no 'data' object in the portal response");
        }
        List<Map<String, String>> out = new ArrayList<>();
        JsonNode total = data.has("parent") ? data.get("parent") : data.get("overview");
        List<JsonNode> units = new ArrayList<>();
        (data.has("children") ? data.get("children") : data.path("evaluation")).forEach(units::add);
        if (total == null || !total.isObject()) {
            throw new IOException("no province total ('parent' or 'overview') in the portal response");
        }
        String group = groupHint != null ? groupHint : group(data, units);
        Map<String, String> envelope = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = data.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!Set.of("parent", "overview", "children", "evaluation").contains(e.getKey())) {
                envelope.put(e.getKey(), e.getValue().toString());
            }
        }
        envelope.put("responseCode", JsonRecordReader.text(root.get("code")));
        Map<String, String> rootInfo = new LinkedHashMap<>();
        rootInfo.put("root_department_id", text(total, "departmentId"));
        rootInfo.put("root_department_code", text(total, "departmentCode"));
        rootInfo.put("root_department_name", text(total, "departmentName"));
        rootInfo.put("group", group);
        unit(out, total, true, 1, rootInfo, envelope);
        int position = 2;
        for (JsonNode u : units) {
            unit(out, u, false, position++, rootInfo, Map.of());
        }
        return out;
    }

    private static final Set<String> METRIC_FIELDS =
            Set.of("code", "name", "numerator", "denominator", "ratio", "score", "maxScore", "dataQualityStatus");

    /** A unit's records: its total (with the unit's other fields and the envelope), then one per metric. */
    private static void unit(
            List<Map<String, String>> out,
            JsonNode u,
            boolean isTotal,
            int position,
            Map<String, String> rootInfo,
            Map<String, String> envelope) {
        Map<String, String> base = new LinkedHashMap<>(rootInfo);
        base.put("_position", String.valueOf(position));
        base.put("department_id", text(u, "departmentId"));
        base.put("department_code", text(u, "departmentCode"));
        base.put("department_name", text(u, "departmentName"));
        base.put("department_level", u.has("departmentLevel") ? text(u, "departmentLevel") : text(u, "level"));
        base.put("department_type", text(u, "departmentType"));
        base.put("is_total", String.valueOf(isTotal));
        Map<String, String> attributes = otherFields(u, UNIT_FIELDS);
        attributes.putAll(envelope);
        Map<String, String> total = new LinkedHashMap<>(base);
        total.put("metric_code", "TOTAL");
        total.put("metric_name", null);
        boolean tree = u.has("totalReceived");
        total.put("numerator", tree ? raw(u.get("totalOnTime")) : null);
        total.put("denominator", tree ? raw(u.get("totalReceived")) : null);
        total.put("ratio", raw(u.get("ratio")));
        total.put("score", raw(u.has("score") ? u.get("score") : u.get("totalScore")));
        total.put("max_score", raw(u.has("maxScore") ? u.get("maxScore") : u.get("totalMaxScore")));
        total.put("_attributes", encode(attributes));
        out.add(total);
        for (JsonNode m : u.path("metrics")) {
            out.add(metric(base, m));
        }
    }

    /** One metric of a unit: the unit's fields, the metric's figures and its other fields as attributes. */
    private static Map<String, String> metric(Map<String, String> base, JsonNode m) {
        Map<String, String> metric = new LinkedHashMap<>(base);
        metric.put("metric_code", text(m, "code"));
        metric.put("metric_name", text(m, "name"));
        metric.put("numerator", raw(m.get("numerator")));
        metric.put("denominator", raw(m.get("denominator")));
        metric.put("ratio", raw(m.get("ratio")));
        metric.put("score", raw(m.get("score")));
        metric.put("max_score", raw(m.get("maxScore")));
        metric.put("data_quality_status", text(m, "dataQualityStatus"));
        metric.put("_attributes", encode(otherFields(m, METRIC_FIELDS)));
        return metric;
    }

    /** A node's fields other than the known ones, in order, as their raw text. */
    private static Map<String, String> otherFields(JsonNode node, Set<String> known) {
        Map<String, String> other = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                other.put(e.getKey(), raw(e.getValue()));
            }
        }
        return other;
    }

    /** Which evaluation group a response is, from its shape and metric codes. */
    static String group(JsonNode data, List<JsonNode> units) {
        if (data.has("children")) {
            JsonNode first = units.isEmpty() ? data.get("parent") : units.get(0);
            if (first.has("totalReceived")) {
                return "dvc-progress-tree";
            }
            if (first.has("totalDossierOnlinePaymentSuccess")) {
                return "formality-online-payment-tree";
            }
            return "provide-online-tree";
        }
        JsonNode metrics = (units.isEmpty() ? data.path("overview") : units.get(0)).path("metrics");
        for (JsonNode m : metrics) {
            String code = m.path("code").asText();
            switch (code) {
                case "PUBLISH_ON_TIME", "PUBLIC_CONTENT_FULL" -> {
                    return "transparency";
                }
                case "DOSSIER_RECEIVING_SATISFACTION", "PETITION_PROCESSING_ON_TIME" -> {
                    return "handling-satisfaction";
                }
                case "ORIGINAL_RESULT_AVAILABLE", "ELECTRONIC_CERTIFIED_COPY" -> {
                    return "dossier-digitized";
                }
                default -> {}
            }
        }
        return "unknown";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A JSON value's own text: 78.38 stays "78.38", null stays null. */
    private static String raw(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue().toPlainString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** A small map as one text value (key=value lines), for bronze's extra columns. */
    static String encode(Map<String, String> map) {
        StringBuilder b = new StringBuilder();
        map.forEach((k, v) ->
                b.append(k).append('\u001F').append(v == null ? "" : v).append('\u001E'));
        return b.toString();
    }

    public static Map<String, String> decode(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text == null) {
            return map;
        }
        for (String entry : text.split("\u001E")) {
            int sep = entry.indexOf('\u001F');
            if (sep > 0) {
                String v = entry.substring(sep + 1);
                map.put(entry.substring(0, sep), v.isEmpty() ? null : v);
            }
        }
        return map;
    }

    /**
     * Facts about a capture from a manifest ({@code manifest*.json} with {@code captures[]}, each with
     * {@code sha256}, {@code url}, {@code payload}, {@code capturedAt}) in the file's folder or up to
     * three folders above it: period, group, scope and capture time.
     */
    public static Map<String, String> manifestHints(String path, String checksum, HadoopConf conf) {
        Map<String, String> hints = new HashMap<>();
        try {
            Path dir = new Path(path).getParent();
            FileSystem fs = dir.getFileSystem(conf.get());
            for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
                FileStatus[] listing;
                try {
                    listing = fs.listStatus(
                            dir,
                            p -> p.getName().startsWith("manifest")
                                    && p.getName().endsWith(".json"));
                } catch (IOException e) {
                    continue;
                }
                for (FileStatus manifest : listing) {
                    JsonNode root;
                    try (InputStream in = fs.open(manifest.getPath())) {
                        root = JsonRecordReader.MAPPER.readTree(in);
                    } catch (IOException e) {
                        continue;
                    }
                    for (JsonNode c : root.path("captures")) {
                        if (checksum.equalsIgnoreCase(c.path("sha256").asText())) {
                            captureHints(c, manifest.getPath(), hints);
                            return hints;
                        }
                    }
                }
            }
        } catch (IOException e) {
            return hints;
        }
        return hints;
    }

    /** The facts of one capture entry: group (the URL's last part), time, scope and period. */
    private static void captureHints(JsonNode c, Path manifest, Map<String, String> hints) {
        JsonNode p = c.path("payload");
        String url = c.path("url").asText("");
        hints.put("group", url.substring(url.lastIndexOf('/') + 1));
        hints.put("captured_at", c.path("capturedAt").asText(null));
        hints.put("manifest", manifest.toString());
        String formality = p.has("formalityId")
                ? p.get("formalityId").asText()
                : p.has("formalityID") ? p.get("formalityID").asText() : null;
        hints.put("scope", formality == null ? "all" : "formality:" + formality);
        if (p.has("fromDate")) {
            hints.put("from_date", p.get("fromDate").asText());
            hints.put("to_date", p.path("toDate").asText());
        } else if (p.has("timeType")) {
            int year = p.path("year").asInt();
            hints.put(
                    "period",
                    switch (p.get("timeType").asText()) {
                        case "month" ->
                            String.format("%04d-%02d", year, p.path("month").asInt());
                        case "quarter" -> year + "-Q" + p.path("quarter").asInt();
                        default -> String.valueOf(year);
                    });
        }
    }
}
