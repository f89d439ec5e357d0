package vn.chiso.api.releases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the figures of one route's answer: from its JSON, or from its CSV (then the JSON answer to
 * the same request gives what the rows are about: index, period, level, unit).
 */
final class RouteReader {

    private static final List<String> COMPARE_KPIS =
            List.of("received", "resolved", "onTimeRatio", "avgProcessingDays", "onlineShare", "avgRating");

    /** @param csv the CSV rows, or null to read the JSON */
    Extracted read(String route, JsonNode body, List<Map<String, String>> csv) {
        Extracted e = new Extracted();
        switch (route) {
            case "/api/v1/rankings" ->
                rows(body.get("items"), csv)
                        .forEach(r -> e.lines.add(entry(
                                body.get("index"),
                                body.get("level").asText(),
                                body.get("period").asText(),
                                r.get("unitCode"),
                                r)));
            case "/api/v1/compare" -> compare(body, csv, e);
            case "/api/v1/trends" ->
                rows(body.get("items"), csv)
                        .forEach(r -> e.lines.add(entry(
                                body.get("index"), body.get("level").asText(), r.get("period"), r.get("unitCode"), r)));
            case "/api/v1/rank-changes" -> rankChange(body, csv, e);
            case "/api/v1/provinces/{code}" -> profile(body, e);
            case "/api/v1/provinces/{code}/districts" ->
                body.get("items")
                        .forEach(d -> e.kpis.add(Entry.of(
                                null,
                                "district",
                                d.get("period").asText(),
                                d.get("unitCode").asText(),
                                d)));
            case "/api/v1/provinces/{code}/indices" ->
                rows(body.get("items"), csv)
                        .forEach(r -> e.lines.add(Entry.of(
                                r.get("index"),
                                "province",
                                r.get("period"),
                                body.get("provinceCode").asText(),
                                r)));
            case "/api/v1/indices/correlations" -> correlations(body, csv, e);
            case "/api/v1/indices" -> indices(body, e);
            case "/api/v1/indices/{index}" -> index(body, e);
            case "/api/v1/releases" -> {
                e.releaseList = true;
                body.get("items")
                        .forEach(r -> e.releases.add(Entry.of(
                                r.get("index").asText(), null, r.get("period").asText(), null, r)));
            }
            case "/api/v1/provinces", "/api/v1/regions" -> {
                assertThat(body.at("/lake/tables"))
                        .as(route + ": reference data, nothing from the lake")
                        .isEmpty();
                e.reference = true;
            }
            default -> throw new AssertionError("no reader for GET " + route + ": add one to RouteReader");
        }
        return e;
    }

    /** The items as text rows: the JSON array's objects, or the CSV rows. */
    private static List<Map<String, String>> rows(JsonNode items, List<Map<String, String>> csv) {
        if (csv != null) {
            return csv;
        }
        List<Map<String, String>> rows = new ArrayList<>();
        items.forEach(i -> rows.add(Entry.of(null, null, null, null, i).fields()));
        return rows;
    }

    private static Entry entry(JsonNode index, String level, String period, String unit, Map<String, String> row) {
        return Entry.of(index.asText(), level, period, unit, row);
    }

    private static void compare(JsonNode body, List<Map<String, String>> csv, Extracted e) {
        String index = body.get("index").asText();
        String level = body.get("level").asText();
        String period = body.get("period").asText();
        for (Map<String, String> r : rows(body.get("items"), csv)) {
            Entry line = Entry.of(index, level, period, r.get("unitCode"), r);
            e.lines.add(line);
            boolean noKpis = COMPARE_KPIS.stream().allMatch(k -> line.get(k) == null);
            (noKpis ? e.missingKpis : e.kpis).add(Entry.of(null, level, period, r.get("unitCode"), r));
        }
        if (csv == null) {
            body.get("components")
                    .forEach(c -> e.components.add(
                            Entry.of(index, level, period, c.get("unitCode").asText(), c)));
        }
    }

    private static void rankChange(JsonNode body, List<Map<String, String>> csv, Extracted e) {
        ReleaseFacts.Key key = new ReleaseFacts.Key(
                body.get("index").asText(), body.get("period").asText());
        String unit = body.get("unitCode").asText();
        List<Entry> components = new ArrayList<>();
        rows(body.get("components"), csv)
                .forEach(c -> components.add(Entry.of(key.index(), "province", key.period(), unit, c)));
        Entry head =
                csv != null ? null : Entry.of(key.index(), body.get("level").asText(), key.period(), unit, body);
        e.explanations.add(new Extracted.Explained(key, unit, head, components));
    }

    private static void profile(JsonNode body, Extracted e) {
        String code = body.at("/province/code").asText();
        String period = body.get("period").asText();
        kpis(body.get("kpis"), code, period, e);
        body.get("rankings")
                .forEach(r -> e.lines.add(Entry.of(
                        r.get("indexCode").asText(),
                        r.get("level").asText(),
                        r.get("period").asText(),
                        r.get("unitCode").asText(),
                        r)));
        for (JsonNode point : body.get("trend")) {
            String year = point.get("period").asText();
            kpis(point.get("kpis"), code, year, e);
            point.get("ranks").forEach(r -> e.lines.add(Entry.of(r.get("index").asText(), "province", year, code, r)));
        }
    }

    private static void kpis(JsonNode kpis, String code, String period, Extracted e) {
        if (kpis == null || kpis.isNull()) {
            e.missingKpis.add(new Entry(null, "province", period, code, Map.of()));
        } else {
            e.kpis.add(Entry.of(null, "province", period, code, kpis));
        }
    }

    private static void correlations(JsonNode body, List<Map<String, String>> csv, Extracted e) {
        String period = body.get("period").asText();
        List<String> indices = new ArrayList<>();
        body.get("indices").forEach(i -> indices.add(i.asText()));
        e.correlated.put(period, indices);
        rows(body.get("items"), csv).forEach(r -> e.correlations.add(Entry.of(null, null, period, null, r)));
    }

    private static void indices(JsonNode body, Extracted e) {
        e.indexList = true;
        for (JsonNode item : body.get("items")) {
            String index = item.get("index").asText();
            item.get("periods").forEach(list -> list.forEach(p -> e.period(index, p.asText())));
            item.get("levels")
                    .forEach(l -> e.levels
                            .computeIfAbsent(index, i -> new java.util.TreeSet<>())
                            .add(l.asText()));
        }
    }

    private static void index(JsonNode body, Extracted e) {
        String index = body.get("index").asText();
        body.get("periods").forEach(list -> list.forEach(p -> e.period(index, p.asText())));
        body.get("levels")
                .forEach(l -> e.levels
                        .computeIfAbsent(index, i -> new java.util.TreeSet<>())
                        .add(l.asText()));
        for (JsonNode m : body.get("methodologies")) {
            List<String> periods = new ArrayList<>();
            m.get("periods").forEach(p -> periods.add(p.asText()));
            List<Entry> nodes = new ArrayList<>();
            m.get("nodes").forEach(n -> nodes.add(Entry.of(index, null, null, null, n)));
            e.methodologies.add(new Extracted.Method(index, m.get("version").asText(), periods, nodes));
        }
    }
}
