package vn.chiso.api.releases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import vn.chiso.api.lake.TestAccounts;
import vn.chiso.api.system.CsvText;

/**
 * The probes of one route in one stage of {@link EveryRouteEmbargoTest}: the requests that matter
 * for it (each in JSON and CSV when the route has {@code format}, with each kind of {@code asOf}
 * when it has {@code asOf}), anonymous and as a reviewer, and what their figures must be.
 */
final class RouteProbe {

    private static final String PROGRESS = LakeView.KPI_INDEX;

    private final EveryRouteEmbargoTest test;
    private final ReleaseFacts facts;
    private final Map<ReleaseFacts.Key, ReleaseFacts.Figures> drafts;
    private final String x;
    private final String y;
    private final int stage;
    private final Instant beforePublication;
    private final RouteReader reader = new RouteReader();

    RouteProbe(
            EveryRouteEmbargoTest test,
            ReleaseFacts facts,
            Map<ReleaseFacts.Key, ReleaseFacts.Figures> drafts,
            String x,
            String y,
            int stage,
            Instant beforePublication) {
        this.test = test;
        this.facts = facts;
        this.drafts = drafts;
        this.x = x;
        this.y = y;
        this.stage = stage;
        this.beforePublication = beforePublication;
    }

    private static final Set<String> BRIEFS = Set.of("/api/v1/provinces/{code}/brief", "/api/v1/brief/national");
    private static final java.util.regex.Pattern SUMMARY_ROW = java.util.regex.Pattern.compile(
            "<tr data-index=\"([a-z0-9_]+)\">\\s*<td>[^<]*</td>\\s*<td class=\"n\">([^<]*)</td>");
    private static final java.util.regex.Pattern BOARD = java.util.regex.Pattern.compile("id=\"board-([a-z0-9_]+)\"");

    /**
     * A brief (HTML) of province 01 and the national overview, for both years: the public's shows only
     * published indices, each with its published score; a reviewer's shows drafts.
     */
    private void probeBrief(String route) {
        boolean national = route.endsWith("/national");
        int figures = 0;
        boolean drafts = false;
        for (String period : List.of(y, x)) {
            String uri = national
                    ? route + "?format=html&period=" + period
                    : route.replace("{code}", "01") + "?format=html&period=" + period;
            String where = "stage " + stage + " GET " + uri;
            EveryRouteEmbargoTest.Answer a = test.answer(uri, null);
            if (a.ok()) {
                figures += national ? checkBoards(a.body(), period, where) : checkSummary(a.body(), period, where);
            } else {
                assertThat(a.status()).as(where + " → " + a.body()).isBetween(400, 499);
            }
            EveryRouteEmbargoTest.Answer r = test.answer(uri, TestAccounts.as(TestAccounts.REVIEWER));
            assertThat(r.status()).as("reviewer " + where).isEqualTo(200);
            drafts |= national ? showsUnpublished(r.body(), period) : showsDraftScore(r.body(), period);
        }
        assertThat(figures)
                .as("GET %s: the public's briefs showed no figure, so they prove nothing", route)
                .isPositive();
        assertThat(drafts)
                .as("stage %d GET %s: a reviewer's brief shows no draft", stage, route)
                .isTrue();
    }

    private int checkSummary(String html, String period, String where) {
        int seen = 0;
        java.util.regex.Matcher m = SUMMARY_ROW.matcher(html);
        while (m.find()) {
            String index = m.group(1);
            assertThat(facts.isPublished(index, period))
                    .as("%s shows %s %s", where, index, period)
                    .isTrue();
            Entry line = facts.current(new ReleaseFacts.Key(index, period))
                    .lines()
                    .get(ReleaseFacts.unitKey("province", "01"));
            assertThat(line)
                    .as("%s: %s %s has no published line of 01", where, index, period)
                    .isNotNull();
            assertThat(m.group(2)).as("%s: %s score", where, index).isEqualTo(vietnamese(line.get("score")));
            seen++;
        }
        return seen;
    }

    private int checkBoards(String html, String period, String where) {
        int seen = 0;
        java.util.regex.Matcher m = BOARD.matcher(html);
        while (m.find()) {
            assertThat(facts.isPublished(m.group(1), period))
                    .as("%s shows %s %s", where, m.group(1), period)
                    .isTrue();
            seen++;
        }
        return seen;
    }

    private boolean showsDraftScore(String html, String period) {
        java.util.regex.Matcher m = SUMMARY_ROW.matcher(html);
        while (m.find()) {
            ReleaseFacts.Key key = new ReleaseFacts.Key(m.group(1), period);
            ReleaseFacts.Figures draft = drafts.get(key);
            Entry line = draft == null ? null : draft.lines().get(ReleaseFacts.unitKey("province", "01"));
            boolean differs = line != null
                    && (!facts.isPublished(key.index(), period)
                            || !Entry.same(
                                    line.get("score"),
                                    facts.current(key)
                                            .lines()
                                            .get(ReleaseFacts.unitKey("province", "01"))
                                            .get("score")));
            if (differs && m.group(2).equals(vietnamese(line.get("score")))) {
                return true;
            }
        }
        return false;
    }

    private boolean showsUnpublished(String html, String period) {
        java.util.regex.Matcher m = BOARD.matcher(html);
        while (m.find()) {
            if (!facts.isPublished(m.group(1), period)) {
                return true;
            }
        }
        return false;
    }

    /** A score as the brief prints it: two decimals, a decimal comma. */
    private static String vietnamese(String score) {
        return new java.math.BigDecimal(score)
                .setScale(2, java.math.RoundingMode.HALF_UP)
                .toPlainString()
                .replace('.', ',');
    }

    /** The requests that matter for each route; the first must show figures to the public (unless refusedOnly). */
    private List<String> requests(String route) {
        String q4 = y + "-Q4";
        return switch (route) {
            case "/api/v1/rankings" ->
                List.of(
                        "index=progress&period=" + y,
                        "index=progress&period=" + x,
                        "index=progress",
                        "index=papi&period=" + y,
                        "index=progress&level=district&province=01&period=" + y,
                        "index=progress&period=" + q4,
                        "index=progress&period=" + y + "&sort=score&size=10");
            case "/api/v1/compare" ->
                List.of(
                        "units=01,79&index=progress&period=" + y,
                        "units=01,79&index=progress&period=" + x,
                        "units=01,79&index=progress",
                        "units=01,79&index=papi&period=" + y);
            case "/api/v1/trends" ->
                List.of(
                        "units=01,79&index=progress",
                        "units=01,79&index=papi",
                        "units=01&index=progress&periodType=quarter");
            case "/api/v1/rank-changes" ->
                List.of(
                        "unit=01&index=progress&period=" + y,
                        "unit=79&index=progress&period=" + y,
                        "unit=01&index=progress&period=" + x,
                        "unit=01&index=progress");
            case "/api/v1/provinces/{code}" ->
                List.of("01?period=" + y, "01?period=" + x, "01?period=" + q4, "01", "79?period=" + y);
            case "/api/v1/provinces/{code}/districts" ->
                List.of("01?period=" + y, "01?period=" + x, "01?period=" + q4, "01");
            case "/api/v1/provinces/{code}/indices" -> List.of("01?period=" + y, "01?period=" + x, "01");
            case "/api/v1/indices/correlations" -> List.of("period=" + y, "period=" + x, "");
            case "/api/v1/indices" -> List.of("");
            case "/api/v1/indices/{index}" -> List.of("progress", "papi");
            case "/api/v1/releases" -> List.of("", "index=progress", "status=draft");
            case "/api/v1/provinces", "/api/v1/regions" -> List.of("");
            case "/api/v1/admin/releases/audit" -> List.of("");
            default -> List.of();
        };
    }

    /** Routes whose every anonymous answer must be a refusal in this stage. */
    private boolean refusedOnly(String route) {
        return route.equals("/api/v1/admin/releases/audit") || route.equals("/api/v1/rank-changes") && stage == 3;
    }

    private static String uri(String route, String request) {
        if (route.contains("{")) {
            String path = request.contains("?") ? request.substring(0, request.indexOf('?')) : request;
            String query = request.contains("?") ? request.substring(request.indexOf('?') + 1) : "";
            return route.replaceFirst("\\{[a-z]+\\}", path) + (query.isEmpty() ? "" : "?" + query);
        }
        return route + (request.isEmpty() ? "" : "?" + request);
    }

    /**
     * The asOf values that matter: none; the primary table's version of each publication of progress Y
     * and of the recomputation; a publication's and the recomputation's X-Chiso-Lake-Versions; now, far
     * in the future, and before anything was published.
     */
    private List<String> asOfs(String route) {
        String primary = route.endsWith("/districts") ? "gold/unit_kpis" : "gold/rankings";
        Map<String, String> latest = versions(
                test.answer("/api/v1/rankings?index=progress&period=" + y, TestAccounts.as(TestAccounts.REVIEWER))
                        .versions());
        latest.putAll(versions(test.answer("/api/v1/provinces/01/districts", TestAccounts.as(TestAccounts.REVIEWER))
                .versions()));
        List<String> values = new ArrayList<>(List.of(""));
        for (ReleaseFacts.Figures publication : facts.publications(new ReleaseFacts.Key(PROGRESS, y))) {
            values.add(versions(publication.versions()).get(primary));
        }
        values.addAll(List.of(
                latest.get(primary),
                facts.current(new ReleaseFacts.Key(PROGRESS, y)).versions(),
                "gold/rankings@" + latest.get("gold/rankings") + ",gold/unit_kpis@" + latest.get("gold/unit_kpis"),
                Instant.now().toString(),
                "2099-01-01",
                beforePublication.toString()));
        assertThat(values)
                .as("asOf values")
                .doesNotContainNull()
                .allSatisfy(v -> assertThat(v).doesNotContain("null"));
        return values.stream().distinct().toList();
    }

    private static Map<String, String> versions(String header) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String part : header == null ? new String[0] : header.split(",")) {
            String[] tv = part.split("@");
            if (tv.length == 2) {
                found.putIfAbsent(tv[0], tv[1]);
            }
        }
        return found;
    }

    void probe(String route, Set<String> params) {
        if (BRIEFS.contains(route)) {
            probeBrief(route);
            return;
        }
        List<String> requests = requests(route);
        assertThat(requests)
                .as(
                        "no probe for GET %s: every route must show that the embargo holds on it "
                                + "(add its requests to RouteProbe)",
                        route)
                .isNotEmpty();
        List<String> asOfs = params.contains("asOf") ? asOfs(route) : List.of("");
        int figures = 0;
        for (String request : requests) {
            for (String asOf : asOfs) {
                String base = uri(route, request);
                String uri = asOf.isEmpty() ? base : base + (base.contains("?") ? "&" : "?") + "asOf=" + asOf;
                figures += anonymous(route, uri, asOf.isEmpty(), params.contains("format"));
            }
        }
        if (refusedOnly(route)) {
            assertThat(figures).as("GET %s: the public is refused", route).isZero();
        } else {
            assertThat(figures)
                    .as("GET %s: the probes showed no figure, so they prove nothing", route)
                    .isPositive();
        }
        boolean drafts = false;
        for (String request : requests) {
            drafts |= reviewer(route, uri(route, request));
        }
        assertThat(drafts)
                .as("stage %d GET %s: a reviewer sees no draft figure", stage, route)
                .isTrue();
    }

    /** One anonymous request, as JSON and (when the route has format) CSV: the figures checked. */
    private int anonymous(String route, String uri, boolean exact, boolean csvToo) {
        EveryRouteEmbargoTest.Answer a = test.answer(uri, null);
        String where = "stage " + stage + " GET " + uri;
        if (!a.ok()) {
            assertThat(a.status()).as(where + " → " + a.body()).isBetween(400, 499);
            assertThat(a.body()).as(where).doesNotContain("\"score\"").doesNotContain("\"items\"");
            if (csvToo) {
                assertThat(test.answer(withParam(uri, "format=csv"), null).status())
                        .as(where + " as CSV")
                        .isNotEqualTo(200);
            }
            return 0;
        }
        assertThat(refusedOnly(route))
                .as(where + " answered the public: " + a.body())
                .isFalse();
        JsonNode body = test.jsonOf(a);
        Extracted seen = reader.read(route, body, null);
        int checked = check(seen, exact, where, uri);
        if (csvToo) {
            EveryRouteEmbargoTest.Answer csv = test.answer(withParam(uri, "format=csv"), null);
            assertThat(csv.status()).as(where + " as CSV").isEqualTo(200);
            assertThat(csv.csv()).as(where + " as CSV: " + csv.contentType()).isTrue();
            checked += check(reader.read(route, body, CsvText.parse(csv.body())), exact, where + " (CSV)", uri);
        }
        return checked;
    }

    private static String withParam(String uri, String param) {
        return uri + (uri.contains("?") ? "&" : "?") + param;
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.contains("?")) {
            for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return params;
    }

    private int check(Extracted seen, boolean exact, String where, String uri) {
        seen.lines.forEach(e -> facts.checkLine(e, exact, where));
        seen.kpis.forEach(e -> facts.checkKpis(e, exact, where));
        if (exact) {
            seen.missingKpis.forEach(e -> assertThat(facts.isPublished(PROGRESS, e.period())
                            && facts.current(new ReleaseFacts.Key(PROGRESS, e.period()))
                                    .kpis()
                                    .containsKey(ReleaseFacts.unitKey(e.level(), e.unit())))
                    .as("%s: the published KPIs of %s %s are missing", where, e.unit(), e.period())
                    .isFalse());
        }
        seen.components.forEach(e -> facts.checkComponent(e, exact, where));
        seen.explanations.forEach(e -> facts.checkExplanation(e.head(), e.components(), e.key(), e.unit(), where));
        seen.methodologies.forEach(
                m -> facts.checkMethodology(m.index(), m.version(), m.periods(), m.nodes(), exact, where));
        checkLists(seen, exact, where, query(uri));
        return seen.size();
    }

    /** Periods, levels, correlated indices and release states listed: published ones only (all of them, without asOf). */
    private void checkLists(Extracted seen, boolean exact, String where, Map<String, String> query) {
        Set<ReleaseFacts.Key> published = facts.publishedNow();
        seen.periods.forEach((index, periods) -> {
            periods.forEach(p -> assertThat(facts.isPublished(index, p))
                    .as("%s lists %s %s", where, index, p)
                    .isTrue());
            if (exact) {
                assertThat(periods)
                        .as(where + " " + index)
                        .containsExactlyInAnyOrderElementsOf(published.stream()
                                .filter(k -> k.index().equals(index))
                                .map(ReleaseFacts.Key::period)
                                .toList());
            }
        });
        seen.levels.forEach((index, levels) -> levels.forEach(level -> assertThat(published.stream()
                        .filter(k -> k.index().equals(index))
                        .anyMatch(k ->
                                facts.current(k).lines().keySet().stream().anyMatch(u -> u.startsWith(level + "|"))))
                .as("%s: %s level %s has no published ranking", where, index, level)
                .isTrue()));
        seen.correlated.forEach((period, indices) -> {
            Set<String> expected = published.stream()
                    .filter(k -> k.period().equals(period))
                    .map(ReleaseFacts.Key::index)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(expected).as("%s correlates %s", where, indices).containsAll(indices);
            if (exact) {
                assertThat(indices).as(where).containsExactlyInAnyOrderElementsOf(expected);
            }
        });
        seen.correlations.forEach(c -> assertThat(facts.correlationIsPublished(
                        c.get("indexA"), c.get("indexB"), c.period(), c.get("spearmanRho"), exact))
                .as("%s: %s", where, c.fields())
                .isTrue());
        seen.releases.forEach(
                r -> assertThat(r.get("status").equals("published") && facts.isPublished(r.index(), r.period()))
                        .as("%s lists release %s", where, r.fields())
                        .isTrue());
        if (exact && seen.releaseList) {
            String index = query.get("index");
            List<ReleaseFacts.Key> expected = "draft".equals(query.get("status"))
                    ? List.of()
                    : published.stream()
                            .filter(k -> index == null || k.index().equals(index))
                            .toList();
            assertThat(seen.releases.stream()
                            .map(r -> new ReleaseFacts.Key(r.index(), r.period()))
                            .toList())
                    .as(where)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        if (exact && seen.indexList) {
            assertThat(seen.periods.keySet())
                    .as(where)
                    .containsExactlyInAnyOrderElementsOf(
                            published.stream().map(ReleaseFacts.Key::index).collect(Collectors.toSet()));
        }
    }

    /** A reviewer's answer: the latest figures of the recomputed releases; true when it shows one the public does not get. */
    private boolean reviewer(String route, String uri) {
        String where = "stage " + stage + " reviewer GET " + uri;
        EveryRouteEmbargoTest.Answer a = test.answer(uri, TestAccounts.as(TestAccounts.REVIEWER));
        if (route.startsWith("/api/v1/admin/")) {
            assertThat(a.status()).as(where).isEqualTo(403);
            assertThat(test.answer(uri, TestAccounts.as(TestAccounts.ADMIN)).status())
                    .as(where + " (admin)")
                    .isEqualTo(200);
            return true;
        }
        if (!a.ok()) {
            assertThat(a.status()).as(where + " → " + a.body()).isEqualTo(404);
            return false;
        }
        Extracted seen = reader.read(route, test.jsonOf(a), null);
        return seen.reference || new DraftCheck(facts, drafts).sawDrafts(seen, where);
    }
}
