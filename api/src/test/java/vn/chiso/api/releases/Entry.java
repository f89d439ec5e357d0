package vn.chiso.api.releases;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One figure-carrying item of an answer — a ranking line, a unit's KPIs, a component score — with
 * what it is about (index, level, period, unit) and its fields as text: JSON null and an empty CSV
 * cell are both null, so JSON and CSV answers are checked alike.
 */
record Entry(String index, String level, String period, String unit, Map<String, String> fields) {

    /** The scalar fields of a JSON object (nested objects and arrays left out). */
    static Entry of(String index, String level, String period, String unit, JsonNode object) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isValueNode()) {
                fields.put(
                        f.getKey(), f.getValue().isNull() ? null : f.getValue().asText());
            }
        }
        return new Entry(index, level, period, unit, fields);
    }

    static Entry of(String index, String level, String period, String unit, Map<String, String> row) {
        Map<String, String> fields = new LinkedHashMap<>();
        row.forEach((k, v) -> fields.put(k, v == null || v.isEmpty() ? null : v));
        return new Entry(index, level, period, unit, fields);
    }

    boolean has(String field) {
        return fields.containsKey(field);
    }

    String get(String field) {
        return fields.get(field);
    }

    BigDecimal number(String field) {
        String v = fields.get(field);
        return v == null ? null : new BigDecimal(v);
    }

    /** Two values of a field are the same figure: equal numbers (any scale), or equal text. */
    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }

    /** Whether every field of {@code names} this entry has is the same figure in {@code fact}. */
    boolean agreesWith(Entry fact, List<String> names) {
        if (fact == null) {
            return false;
        }
        for (String name : names) {
            if (has(name) && fact.has(name) && !same(get(name), fact.get(name))) {
                return false;
            }
        }
        return true;
    }

    /** The fields where this entry and {@code fact} differ, for messages. */
    List<String> differences(Entry fact, List<String> names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            if (fact != null && has(name) && fact.has(name) && !same(get(name), fact.get(name))) {
                found.add(name + "=" + get(name) + " (published: " + fact.get(name) + ")");
            }
        }
        return found;
    }

    String about() {
        return Objects.toString(index, "kpis") + " " + level + " " + period + " unit " + unit;
    }
}
