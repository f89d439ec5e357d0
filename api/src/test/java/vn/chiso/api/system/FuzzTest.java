package vn.chiso.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chiso.api.lake.PipelineLakeTest;
import vn.chiso.api.lake.TestAccounts;

/**
 * Throws malformed values at every parameter of every endpoint the OpenAPI document lists (one
 * parameter at a time and all at once, as an anonymous caller and as an admin), plus odd headers and
 * bodies: no answer may be a 5xx, and every error is problem+json.
 */
class FuzzTest extends PipelineLakeTest {

    private static final List<String> VALUES = List.of("", " ", "%", "%25", "'; DROP TABLE gold_rankings;--",
            "../../etc/passwd", "\u0000", "\uD835\uDD4F", "Hà Nội", "-1", "0", "1", "2147483648",
            "99999999999999999999", "1e309", "NaN", "null", "[]", "{}", "x".repeat(5000), "2024-Q5", "2024-13",
            "0000", "9999-12", "01,", ",", ",,,,,,,,,,,,", "01,79,01", "@", "gold/rankings@-1",
            "gold/rankings@99999999999999999999", "<script>alert(1)</script>", "true", "csv", "PROVINCE",
            "2024-02-30T25:61:00Z", "\n\r", "\\", "*");

    private final ObjectMapper json = new ObjectMapper();
    private int requests;

    /** Reasonable values, so that each malformed one is the only thing wrong. */
    private static final Map<String, String> VALID = Map.of("code", "01", "index", "progress", "period", "2024",
            "units", "01,79", "unit", "01", "level", "province");

    private record Operation(HttpMethod method, String path, List<String> query, List<String> pathVariables) {
    }

    private List<Operation> operations() throws Exception {
        JsonNode doc = json.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        List<Operation> ops = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            List<String> query = new ArrayList<>();
            List<String> vars = new ArrayList<>();
            JsonNode params = op.getValue().get("parameters");
            if (params != null) {
                params.forEach(p -> (p.get("in").asText().equals("path") ? vars : query).add(p.get("name").asText()));
            }
            ops.add(new Operation(HttpMethod.valueOf(op.getKey().toUpperCase()), path.getKey(), query, vars));
        }));
        return ops;
    }

    @Test
    void noMalformedParameterGivesA5xx() throws Exception {
        List<Operation> ops = operations();
        assertThat(ops.stream().map(Operation::path)).contains("/api/v1/rankings", "/api/v1/compare",
                "/api/v1/trends", "/api/v1/rank-changes", "/api/v1/indices/{index}", "/api/v1/provinces/{code}",
                "/api/v1/releases", "/api/v1/admin/releases/{index}/{period}/publish");
        for (Operation op : ops) {
            long started = System.nanoTime();
            List<String> names = new ArrayList<>(op.query());
            names.addAll(op.pathVariables());
            // admin actions authenticate every request: a shorter list keeps the run short
            List<String> tried = op.method() == HttpMethod.POST ? VALUES.subList(0, 16) : VALUES;
            for (String name : names) {
                for (String value : tried) {
                    Map<String, String> values = new LinkedHashMap<>();
                    names.forEach(n -> values.put(n, VALID.getOrDefault(n, "1")));
                    values.put(name, value);
                    check(op, values);
                }
            }
            for (String value : tried) { // everything wrong at once
                Map<String, String> values = new LinkedHashMap<>();
                names.forEach(n -> values.put(n, value));
                check(op, values);
            }
            System.err.printf("[FuzzTest] %s %s: %d ms%n", op.method(), op.path(), (System.nanoTime() - started) / 1_000_000);
        }
        assertThat(requests).isGreaterThan(1000);
    }

    @Test
    void oddHeadersBodiesAndMethodsGiveNo5xx() throws Exception {
        for (String accept : List.of("text/csv", "application/xml", "*/*", ";;;", "text/csv;q=x", "image/png")) {
            expectNo5xx(get("/api/v1/rankings").header("Accept", accept), "Accept: " + accept);
        }
        for (String tag : List.of("", "*", "\"", "W/", "\"a\",,,\"b\"", "x".repeat(3000))) {
            expectNo5xx(get("/api/v1/rankings").header("If-None-Match", tag), "If-None-Match: " + tag);
        }
        for (String body : List.of("{", "[]", "null", "{\"note\": 5}", "{\"note\": \"" + "n".repeat(3000) + "\"}",
                "\u0000")) {
            expectNo5xx(request(HttpMethod.POST, "/api/v1/admin/releases/nothing/2024/publish")
                    .with(TestAccounts.as(TestAccounts.ADMIN)).contentType(MediaType.APPLICATION_JSON).content(body),
                    "body " + body);
            expectNo5xx(request(HttpMethod.POST, "/api/v1/admin/releases/progress/1999/withdraw")
                    .with(TestAccounts.as(TestAccounts.ADMIN)).contentType(MediaType.TEXT_PLAIN).content(body),
                    "body " + body);
        }
        for (HttpMethod method : List.of(HttpMethod.DELETE, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.POST)) {
            expectNo5xx(request(method, "/api/v1/rankings"), method + " /api/v1/rankings");
        }
        expectNo5xx(get("/api/v1/rankings?page=1&page=2&size=1&size=x"), "repeated parameters");
        expectNo5xx(get("/api/v1/rankings").header("Authorization", "Basic !!!"), "broken Basic header");
        expectNo5xx(get("/api/v1/rankings").header("Authorization", "Bearer abc"), "bearer");
    }

    private void check(Operation op, Map<String, String> values) throws Exception {
        String path = op.path();
        for (String var : op.pathVariables()) {
            String v = values.get(var);
            path = path.replace("{" + var + "}", v.isEmpty() ? "%20" : UriComponentsBuilder.fromPath(v).encode()
                    .build().toUriString().replace("/", "%2F").replace("?", "%3F").replace("#", "%23")
                    .replace(";", "%3B"));
        }
        MockHttpServletRequestBuilder builder = request(op.method(), java.net.URI.create(path));
        for (String q : op.query()) {
            builder.param(q, values.get(q));
        }
        if (op.method() == HttpMethod.POST) {
            builder.with(TestAccounts.as(TestAccounts.ADMIN));
            // never a valid (index, period) pair: the fuzz must not publish or withdraw anything
            if ("progress".equals(values.get("index")) && "2024".equals(values.get("period"))) {
                return;
            }
        }
        expectNo5xx(builder, op.method() + " " + path + " " + values);
    }

    private void expectNo5xx(MockHttpServletRequestBuilder builder, String what) throws Exception {
        requests++;
        MvcResult result = mvc.perform(builder).andReturn();
        int status = result.getResponse().getStatus();
        assertThat(status).as(what + " → " + result.getResponse().getContentAsString()).isLessThan(500);
        if (status >= 400) {
            assertThat(result.getResponse().getContentType()).as(what + " → " + status)
                    .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
    }
}
