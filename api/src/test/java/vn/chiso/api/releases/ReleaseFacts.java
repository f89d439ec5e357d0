package vn.chiso.api.releases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What has been published, as the test knows it: every publication of an (index, period) with the
 * figures a reviewer reads at the versions it recorded (its lines, KPIs, component scores, rank-change
 * explanations and methodology), and which (index, period)s are published now. The checks say
 * whether an anonymous answer's figures are published ones: any publication of a release that is
 * published now (an asOf may reach an earlier one), or exactly the current one.
 */
final class ReleaseFacts {

    static final List<String> LINE = List.of(
            "score",
            "rank",
            "rankInRegion",
            "unitsRanked",
            "percentile",
            "band",
            "rankLow",
            "rankHigh",
            "methodologyVersion",
            "unitName");
    static final List<String> PREVIOUS = List.of(
            "previousPeriod",
            "previousScore",
            "previousRank",
            "previousRankInRegion",
            "scoreChange",
            "rankChange",
            "rankInRegionChange",
            "withinNoise");
    static final List<String> KPI = List.of(
            "received",
            "resolved",
            "resolvedEarly",
            "resolvedOnTime",
            "resolvedLate",
            "returned",
            "pending",
            "pendingWithinDeadline",
            "pendingOverdue",
            "onTime",
            "online",
            "postal",
            "rated",
            "avgRating",
            "onlineShare",
            "postalShare",
            "avgProcessingDays",
            "onTimeRatio",
            "progressScore");
    static final List<String> COMPONENT = List.of(
            "score", "maxPoints", "contribution", "previousContribution", "contributionChange", "shareOfChange");
    static final List<String> EXPLANATION = List.of(
            "previousPeriod",
            "rank",
            "previousRank",
            "rankChange",
            "counterfactualRank",
            "rankChangeOwn",
            "rankChangeOthers",
            "rankLow",
            "rankHigh",
            "withinNoise",
            "comparable",
            "methodologyVersion",
            "previousMethodologyVersion");

    record Key(String index, String period) {
        @Override
        public String toString() {
            return index + " " + period;
        }
    }

    /** The figures of one (index, period) at one set of versions, as a reviewer reads them there. */
    record Figures(
            String versions,
            Map<String, Entry> lines,
            Map<String, Entry> kpis,
            Map<String, Entry> components,
            Map<String, Entry> explanations,
            Map<String, List<Entry>> explanationComponents,
            String methodology,
            List<Entry> nodes) {}

    private final Map<Key, List<Figures>> publications = new HashMap<>();
    private final Set<Key> published = new HashSet<>();

    void published(Key key, Figures figures) {
        publications.computeIfAbsent(key, k -> new ArrayList<>()).add(figures);
        published.add(key);
    }

    void withdrawn(Key key) {
        published.remove(key);
    }

    boolean isPublished(String index, String period) {
        return published.contains(new Key(index, period));
    }

    Set<Key> publishedNow() {
        return Set.copyOf(published);
    }

    List<Figures> publications(Key key) {
        return publications.getOrDefault(key, List.of());
    }

    Figures current(Key key) {
        List<Figures> list = publications.get(key);
        return list.get(list.size() - 1);
    }

    /** The publications an answer may show: the current one, or (asOf) any of a release published now. */
    private List<Figures> candidates(Key key, boolean exact) {
        assertThat(published)
                .as("(%s) is not published: no public answer may carry its figures", key)
                .contains(key);
        return exact ? List.of(current(key)) : publications.get(key);
    }

    static String unitKey(String level, String unit) {
        return (level == null ? "province" : level) + "|" + unit;
    }

    /** A ranking line: a published release's line of that unit, its previous period as that period publishes it. */
    void checkLine(Entry e, boolean exact, String where) {
        Key key = new Key(e.index(), e.period());
        List<Figures> pubs = candidates(key, exact);
        String unit = unitKey(e.level(), e.unit());
        assertThat(pubs.stream().anyMatch(f -> e.agreesWith(f.lines().get(unit), LINE)))
                .as(
                        "%s: %s carries %s, not a published figure: %s",
                        where,
                        e.about(),
                        e.fields(),
                        e.differences(current(key).lines().get(unit), LINE))
                .isTrue();
        checkPrevious(e, exact, where);
    }

    private void checkPrevious(Entry e, boolean exact, String where) {
        boolean carries =
                PREVIOUS.stream().filter(f -> !f.equals("previousPeriod")).anyMatch(f -> e.get(f) != null);
        String previous = e.get("previousPeriod") != null ? e.get("previousPeriod") : previousPeriod(e.period());
        Key before = new Key(e.index(), previous);
        String unit = unitKey(e.level(), e.unit());
        if (exact) {
            boolean expected =
                    published.contains(before) && current(before).lines().get(unit) != null;
            assertThat(carries)
                    .as(
                            "%s: %s: previous period %s is %s",
                            where,
                            e.about(),
                            previous,
                            expected ? "published: its figures are due" : "not published: no figure of it")
                    .isEqualTo(expected);
        }
        if (!carries) {
            assertThat(e.get("previousPeriod"))
                    .as("%s: %s names a previous period without figures", where, e.about())
                    .isNull();
            return;
        }
        assertThat(candidates(before, exact).stream()
                        .anyMatch(f -> previousAgrees(e, f.lines().get(unit))))
                .as(
                        "%s: %s carries previous-period figures %s that %s did not publish",
                        where, e.about(), e.fields(), before)
                .isTrue();
    }

    private static boolean previousAgrees(Entry e, Entry then) {
        if (then == null) {
            return false;
        }
        return agrees(e, "previousScore", then.number("score"))
                && agrees(e, "previousRank", then.number("rank"))
                && agrees(e, "previousRankInRegion", then.number("rankInRegion"))
                && agrees(e, "scoreChange", difference(e.number("score"), then.number("score")))
                && agrees(e, "rankChange", difference(then.number("rank"), e.number("rank")))
                && agrees(e, "rankInRegionChange", difference(then.number("rankInRegion"), e.number("rankInRegion")))
                && (e.get("withinNoise") == null
                        || e.get("rankLow") == null
                        || Boolean.parseBoolean(e.get("withinNoise"))
                                == (e.number("rankLow").compareTo(then.number("rank")) <= 0
                                        && then.number("rank").compareTo(e.number("rankHigh")) <= 0));
    }

    private static boolean agrees(Entry e, String field, BigDecimal expected) {
        return !e.has(field)
                || expected == null && e.get(field) == null
                || expected != null && e.get(field) != null && e.number(field).compareTo(expected) == 0;
    }

    private static BigDecimal difference(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.subtract(b);
    }

    /** The period before, of the same type (2024 → 2023, 2024-Q1 → 2023-Q4, 2024-01 → 2023-12). */
    static String previousPeriod(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        if (period.length() == 4) {
            return String.valueOf(year - 1);
        }
        if (period.charAt(5) == 'Q' || period.charAt(5) == 'H') {
            int n = period.charAt(6) - '0';
            return n > 1
                    ? period.substring(0, 6) + (n - 1)
                    : (year - 1) + period.substring(4, 6) + (period.charAt(5) == 'Q' ? 4 : 2);
        }
        int month = Integer.parseInt(period.substring(5));
        return month > 1 ? String.format("%d-%02d", year, month - 1) : (year - 1) + "-12";
    }

    /** A unit's KPIs of a period: released with index progress's ranking of that period. */
    void checkKpis(Entry e, boolean exact, String where) {
        Key key = new Key(LakeView.KPI_INDEX, e.period());
        String unit = unitKey(e.level(), e.unit());
        assertThat(candidates(key, exact).stream()
                        .anyMatch(f -> e.agreesWith(f.kpis().get(unit), KPI)))
                .as(
                        "%s: KPIs of %s %s: %s are not the published ones (%s)",
                        where,
                        unit,
                        e.period(),
                        e.fields(),
                        e.differences(current(key).kpis().get(unit), KPI))
                .isTrue();
    }

    /** A component's score in a comparison. */
    void checkComponent(Entry e, boolean exact, String where) {
        String node = e.unit() + "|" + e.get("nodeType") + ":" + e.get("nodeCode");
        assertThat(candidates(new Key(e.index(), e.period()), exact).stream()
                        .anyMatch(f -> e.agreesWith(f.components().get(node), COMPONENT)))
                .as("%s: component %s of %s %s: %s not published", where, node, e.index(), e.period(), e.fields())
                .isTrue();
    }

    /**
     * A rank-change explanation (its head, or null for a CSV of components only): only one a reviewer
     * read when both periods were published at the same versions, and with both published now.
     */
    void checkExplanation(Entry head, List<Entry> components, Key key, String unit, String where) {
        List<Figures> pubs = candidates(key, false);
        String previous = head != null ? head.get("previousPeriod") : previousPeriod(key.period());
        assertThat(published)
                .as("%s: explained against %s %s, not published", where, key.index(), previous)
                .contains(new Key(key.index(), previous));
        assertThat(pubs.stream()
                        .anyMatch(f -> f.explanations().containsKey(unitKey("province", unit))
                                && (head == null
                                        || head.agreesWith(
                                                f.explanations().get(unitKey("province", unit)), EXPLANATION))
                                && sameComponents(
                                        components, f.explanationComponents().get(unitKey("province", unit)))))
                .as("%s: the rank change of %s in %s is not one published (%s)", where, unit, key, head)
                .isTrue();
    }

    private static boolean sameComponents(List<Entry> shown, List<Entry> published) {
        if (published == null || shown.size() != published.size()) {
            return false;
        }
        for (int i = 0; i < shown.size(); i++) {
            if (!shown.get(i).agreesWith(published.get(i), COMPONENT)) {
                return false;
            }
        }
        return true;
    }

    /** A methodology version and the periods it is shown for: each period published with that version and those nodes. */
    void checkMethodology(
            String index, String version, List<String> periods, List<Entry> nodes, boolean exact, String where) {
        for (String period : periods) {
            assertThat(candidates(new Key(index, period), exact).stream()
                            .anyMatch(f -> version.equals(f.methodology()) && sameNodes(nodes, f.nodes())))
                    .as(
                            "%s: %s %s shown with methodology %s %s, not as published",
                            where, index, period, version, nodes)
                    .isTrue();
        }
    }

    private static boolean sameNodes(List<Entry> shown, List<Entry> published) {
        Map<String, Entry> byCode = new LinkedHashMap<>();
        published.forEach(n -> byCode.put(n.get("type") + ":" + n.get("code"), n));
        return shown.stream()
                .allMatch(n -> n.agreesWith(
                        byCode.get(n.get("type") + ":" + n.get("code")),
                        List.of("weight", "maxPoints", "name", "parent")));
    }

    /** Spearman's rho of two published province lists (average ranks for ties), four decimals. */
    boolean correlationIsPublished(String indexA, String indexB, String period, String rho, boolean exact) {
        for (Figures a : candidates(new Key(indexA, period), exact)) {
            for (Figures b : candidates(new Key(indexB, period), exact)) {
                String computed = spearman(a.lines(), b.lines());
                if (rho == null
                        ? computed == null
                        : computed != null
                                && new BigDecimal(rho)
                                                .subtract(new BigDecimal(computed))
                                                .abs()
                                                .compareTo(new BigDecimal("0.0001"))
                                        <= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String spearman(Map<String, Entry> a, Map<String, Entry> b) {
        List<String> common = a.keySet().stream()
                .filter(u -> u.startsWith("province|") && b.containsKey(u))
                .toList();
        double[] x = averageRanks(common, u -> a.get(u).number("score"));
        double[] y = averageRanks(common, u -> b.get(u).number("score"));
        double mx = java.util.Arrays.stream(x).average().orElse(0);
        double my = java.util.Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0
                ? null
                : BigDecimal.valueOf(sxy / Math.sqrt(sxx * syy))
                        .setScale(4, RoundingMode.HALF_UP)
                        .toPlainString();
    }

    private static double[] averageRanks(List<String> units, Function<String, BigDecimal> score) {
        double[] ranks = new double[units.size()];
        for (int i = 0; i < units.size(); i++) {
            BigDecimal s = score.apply(units.get(i));
            long higher =
                    units.stream().filter(u -> score.apply(u).compareTo(s) > 0).count();
            long equal =
                    units.stream().filter(u -> score.apply(u).compareTo(s) == 0).count();
            ranks[i] = higher + (equal + 1) / 2.0;
        }
        return ranks;
    }

    /** The figures of a reviewer's answer, read through {@code get} (null when not 200). */
    static Figures read(String index, String period, String versions, Function<String, JsonNode> get) {
        String asOf = versions == null ? "" : "&asOf=" + versions;
        Map<String, Entry> lines = new LinkedHashMap<>();
        for (String list : List.of("level=province", "level=district&province=01")) {
            JsonNode page =
                    get.apply("/api/v1/rankings?size=500&index=" + index + "&period=" + period + "&" + list + asOf);
            if (page != null) {
                page.get("items")
                        .forEach(i -> lines.put(
                                unitKey(
                                        page.get("level").asText(),
                                        i.get("unitCode").asText()),
                                Entry.of(
                                        index,
                                        page.get("level").asText(),
                                        period,
                                        i.get("unitCode").asText(),
                                        i)));
            }
        }
        Map<String, Entry> kpis = new LinkedHashMap<>();
        if (index.equals(LakeView.KPI_INDEX)) {
            for (String code : List.of("01", "79")) {
                JsonNode profile = get.apply("/api/v1/provinces/" + code + "?period=" + period + asOf);
                if (profile != null && !profile.get("kpis").isNull()) {
                    kpis.put(unitKey("province", code), Entry.of(null, "province", period, code, profile.get("kpis")));
                }
            }
            JsonNode districts = get.apply("/api/v1/provinces/01/districts?period=" + period + asOf);
            if (districts != null) {
                districts
                        .get("items")
                        .forEach(d -> kpis.put(
                                unitKey("district", d.get("unitCode").asText()),
                                Entry.of(
                                        null,
                                        "district",
                                        period,
                                        d.get("unitCode").asText(),
                                        d)));
            }
        }
        return figures(index, period, versions, asOf, lines, kpis, get);
    }

    private static Figures figures(
            String index,
            String period,
            String versions,
            String asOf,
            Map<String, Entry> lines,
            Map<String, Entry> kpis,
            Function<String, JsonNode> get) {
        Map<String, Entry> components = new LinkedHashMap<>();
        JsonNode compare = get.apply("/api/v1/compare?units=01,79&index=" + index + "&period=" + period + asOf);
        if (compare != null) {
            compare.get("components")
                    .forEach(c -> components.put(
                            c.get("unitCode").asText() + "|" + c.get("nodeType").asText() + ":"
                                    + c.get("nodeCode").asText(),
                            Entry.of(
                                    index, "province", period, c.get("unitCode").asText(), c)));
        }
        Map<String, Entry> explanations = new LinkedHashMap<>();
        Map<String, List<Entry>> explanationComponents = new LinkedHashMap<>();
        for (String unit : List.of("01", "79")) {
            JsonNode e =
                    get.apply("/api/v1/rank-changes?unit=" + unit + "&index=" + index + "&period=" + period + asOf);
            if (e != null) {
                explanations.put(unitKey("province", unit), Entry.of(index, "province", period, unit, e));
                List<Entry> parts = new ArrayList<>();
                e.get("components").forEach(c -> parts.add(Entry.of(index, "province", period, unit, c)));
                explanationComponents.put(unitKey("province", unit), parts);
            }
        }
        String methodology = null;
        List<Entry> nodes = new ArrayList<>();
        JsonNode detail = get.apply("/api/v1/indices/" + index + (versions == null ? "" : "?asOf=" + versions));
        for (JsonNode m : detail == null ? List.<JsonNode>of() : iterable(detail.get("methodologies"))) {
            if (iterable(m.get("periods")).stream().anyMatch(p -> p.asText().equals(period))) {
                methodology = m.get("version").asText();
                m.get("nodes").forEach(n -> nodes.add(Entry.of(index, null, period, null, n)));
            }
        }
        return new Figures(versions, lines, kpis, components, explanations, explanationComponents, methodology, nodes);
    }

    static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
