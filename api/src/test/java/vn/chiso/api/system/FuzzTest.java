package vn.chiso.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import vn.chiso.api.lake.PipelineLakeTest;
import vn.chiso.api.lake.TestAccounts;

/**
 * Throws malformed values at every parameter of every endpoint the OpenAPI document lists (one
 * parameter at a time and all at once, as an anonymous caller and as an admin), plus odd headers and
 * bodies: no answer may be a 5xx, and every error is problem+json. Then sends malformed requests as raw
 * bytes to the real server on 127.0.0.1 (so that Tomcat's own refusals are covered too: encoded
 * slashes and NULs, oversized request lines, parameters and headers, array parameters, characters
 * Tomcat does not allow, unknown Accept types): every answer is a problem+json 4xx.
 */
class FuzzTest extends PipelineLakeTest {

    private static final List<String> VALUES = List.of(
            "",
            " ",
            "%",
            "%25",
            "'; DROP TABLE gold_rankings;--",
            "../../etc/passwd",
            "\u0000",
            "\uD835\uDD4F",
            "Hà Nội",
            "-1",
            "0",
            "1",
            "2147483648",
            "99999999999999999999",
            "1e309",
            "NaN",
            "null",
            "[]",
            "{}",
            "x".repeat(5000),
            "2024-Q5",
            "2024-13",
            "0000",
            "9999-12",
            "01,",
            ",",
            ",,,,,,,,,,,,",
            "01,79,01",
            "@",
            "gold/rankings@-1",
            "gold/rankings@99999999999999999999",
            "<script>alert(1)</script>",
            "true",
            "csv",
            "PROVINCE",
            "2024-02-30T25:61:00Z",
            "\n\r",
            "\\",
            "*");

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    ApplicationContext context;

    private int requests;

    /** Reasonable values, so that each malformed one is the only thing wrong. */
    private static final Map<String, String> VALID = Map.of(
            "code", "01", "index", "progress", "period", "2024", "units", "01,79", "unit", "01", "level", "province");

    private record Operation(HttpMethod method, String path, List<String> query, List<String> pathVariables) {}

    private List<Operation> operations() throws Exception {
        JsonNode doc = json.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        List<Operation> ops = new ArrayList<>();
        doc.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    List<String> query = new ArrayList<>();
                    List<String> vars = new ArrayList<>();
                    JsonNode params = op.getValue().get("parameters");
                    if (params != null) {
                        params.forEach(p -> (p.get("in").asText().equals("path") ? vars : query)
                                .add(p.get("name").asText()));
                    }
                    ops.add(new Operation(HttpMethod.valueOf(op.getKey().toUpperCase()), path.getKey(), query, vars));
                }));
        return ops;
    }

    @Test
    void noMalformedParameterGivesA5xx() throws Exception {
        List<Operation> ops = operations();
        assertThat(ops.stream().map(Operation::path))
                .contains(
                        "/api/v1/rankings",
                        "/api/v1/compare",
                        "/api/v1/trends",
                        "/api/v1/rank-changes",
                        "/api/v1/indices/{index}",
                        "/api/v1/provinces/{code}",
                        "/api/v1/releases",
                        "/api/v1/admin/releases/{index}/{period}/publish");
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
            System.err.printf(
                    "[FuzzTest] %s %s: %d ms%n", op.method(), op.path(), (System.nanoTime() - started) / 1_000_000);
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
        for (String body :
                List.of("{", "[]", "null", "{\"reason\": 5}", "{\"reason\": \"" + "n".repeat(3000) + "\"}", "\u0000")) {
            expectNo5xx(
                    request(HttpMethod.POST, "/api/v1/admin/releases/nothing/2024/publish")
                            .with(TestAccounts.as(TestAccounts.ADMIN))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body),
                    "body " + body);
            expectNo5xx(
                    request(HttpMethod.POST, "/api/v1/admin/releases/progress/1999/withdraw")
                            .with(TestAccounts.as(TestAccounts.ADMIN))
                            .contentType(MediaType.TEXT_PLAIN)
                            .content(body),
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
            path = path.replace(
                    "{" + var + "}",
                    v.isEmpty()
                            ? "%20"
                            : UriComponentsBuilder.fromPath(v)
                                    .encode()
                                    .build()
                                    .toUriString()
                                    .replace("/", "%2F")
                                    .replace("?", "%3F")
                                    .replace("#", "%23")
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
        assertThat(status)
                .as(what + " → " + result.getResponse().getContentAsString())
                .isLessThan(500);
        if (status >= 400) {
            assertThat(result.getResponse().getContentType())
                    .as(what + " → " + status)
                    .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
    }

    /** A malformed request as raw bytes and the status it must get (0: any 4xx). */
    private record Raw(
            String what, String method, String target, List<String> headers, String body, boolean host, int status) {
        static Raw get(String what, String target, int status, String... headers) {
            return new Raw(what, "GET", target, List.of(headers), null, true, status);
        }

        Raw withoutHost() {
            return new Raw(what, method, target, headers, body, false, status);
        }
    }

    private List<Raw> malformedRequests() {
        List<Raw> all = new ArrayList<>(containerRefusals());
        all.addAll(parameterErrors());
        all.addAll(credentialsMethodsAndBodies());
        return all;
    }

    /** What Tomcat or the firewall refuses before a controller sees it. */
    private static List<Raw> containerRefusals() {
        String rankings = "/api/v1/rankings?index=progress";
        return List.of(
                Raw.get("encoded slash in a path segment", "/api/v1/provinces/01%2F..%2F..%2Fetc%2Fpasswd", 400),
                Raw.get("encoded slash, lower case", "/api/v1/provinces/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400),
                Raw.get("encoded traversal", "/api/v1/provinces/..%2F..%2F..%2Fetc%2Fpasswd", 400),
                Raw.get("encoded dots", "/api/v1/provinces/%2e%2e/%2e%2e/etc/passwd", 0),
                Raw.get("raw traversal above the root", "/api/v1/../../../etc/passwd", 0),
                Raw.get("encoded backslash", "/api/v1/provinces/..%5C..%5Cetc%5Cpasswd", 400),
                Raw.get("NUL in a path segment", "/api/v1/provinces/01%00", 400),
                Raw.get("NUL in a path segment, double encoded", "/api/v1/provinces/01%2500", 0),
                Raw.get("broken escape in the path", "/api/v1/provinces/%ZZ", 400),
                Raw.get("path parameter", "/api/v1/rankings;jsessionid=1", 400),
                Raw.get("10k-character path", "/api/v1/provinces/" + "9".repeat(10_000), 0),
                Raw.get("10k-character parameter", rankings + "&region=" + "x".repeat(10_000), 0),
                Raw.get("9 KB header", rankings, 0, "X-Padding: " + "a".repeat(9 * 1024)),
                Raw.get("64 KB of headers", rankings, 0, repeat("X-Many-%d: " + "b".repeat(1000), 64)),
                Raw.get("header with a control character", rankings, 400, "X-Bad: a\u0001b"),
                Raw.get("array parameter, raw brackets", "/api/v1/rankings?period[]=2024", 400),
                Raw.get("array parameter, empty", "/api/v1/rankings?period[]=", 400),
                Raw.get("no Host header", rankings, 400).withoutHost());
    }

    private static List<Raw> parameterErrors() {
        String rankings = "/api/v1/rankings?index=progress";
        return List.of(
                Raw.get("array parameter, encoded brackets", "/api/v1/rankings?period%5B%5D=2024", 400),
                Raw.get("empty parameter", "/api/v1/rankings?period=", 400),
                Raw.get("blank parameter", "/api/v1/rankings?period=%20", 400),
                Raw.get("broken escape in a parameter", "/api/v1/rankings?period=%ZZ", 400),
                Raw.get("half an escape", "/api/v1/rankings?period=2024%2", 400),
                Raw.get("NUL in a parameter", "/api/v1/rankings?period=2024%00", 400),
                Raw.get("CR LF in a parameter", "/api/v1/rankings?index=progress%0D%0AX-Injected:%201", 400),
                Raw.get("hexadecimal size", "/api/v1/rankings?size=0x10", 400),
                Raw.get("exponent size", "/api/v1/rankings?size=1e2", 400),
                Raw.get("size beyond int", "/api/v1/rankings?size=99999999999999999999", 400),
                Raw.get("repeated parameter", "/api/v1/rankings?period=2024&period=2023", 400),
                Raw.get("unknown parameter", "/api/v1/rankings?perod=2024", 400),
                Raw.get("asOf in the future", rankings + "&asOf=2099-12-31T00:00:00Z", 404),
                Raw.get("asOf naming no table", rankings + "&asOf=etc/passwd@0", 400),
                Raw.get("asOf traversal", rankings + "&asOf=..%2F..%2Fetc%2Fpasswd", 400),
                Raw.get("asOf version unknown", rankings + "&asOf=99999999", 404),
                Raw.get("unknown format", rankings + "&format=xml", 400),
                Raw.get("Accept: application/xml", rankings, 406, "Accept: application/xml"),
                Raw.get("Accept: image/png on a JSON-only endpoint", "/api/v1/provinces/01", 406, "Accept: image/png"),
                Raw.get("Accept: text/csv on a JSON-only endpoint", "/api/v1/provinces/01", 406, "Accept: text/csv"),
                Raw.get("Accept: malformed", rankings, 400, "Accept: ;;;"),
                Raw.get("Accept: bad quality", rankings, 400, "Accept: text/csv;q=x"),
                Raw.get("unknown path", "/api/v1/nothing-here", 404),
                Raw.get("unknown unit", "/api/v1/provinces/00", 404));
    }

    private List<Raw> credentialsMethodsAndBodies() {
        String rankings = "/api/v1/rankings?index=progress";
        String admin = "Authorization: " + TestAccounts.bearer(context, TestAccounts.ADMIN);
        return List.of(
                Raw.get("Basic credentials outside the token endpoint", rankings, 401, "Authorization: Basic !!!"),
                Raw.get("a bogus bearer token", rankings, 401, "Authorization: Bearer abc"),
                Raw.get("a forged bearer token", rankings, 401, admin.substring(0, admin.length() - 4) + "AAAA"),
                new Raw("unsupported method", "DELETE", rankings, List.of(), null, true, 405),
                new Raw(
                        "preflight from an origin not allowed",
                        "OPTIONS",
                        rankings,
                        List.of("Origin: http://evil.test", "Access-Control-Request-Method: GET"),
                        null,
                        true,
                        403),
                Raw.get("cross-origin GET from an origin not allowed", rankings, 403, "Origin: http://evil.test"),
                new Raw(
                        "publish without credentials",
                        "POST",
                        "/api/v1/admin/releases/progress/2024/publish",
                        List.of("Content-Type: application/json"),
                        "{\"reason\": \"x\"}",
                        true,
                        401),
                new Raw(
                        "publish without a reason",
                        "POST",
                        "/api/v1/admin/releases/progress/2024/publish",
                        List.of(admin),
                        null,
                        true,
                        400),
                new Raw(
                        "publish with a form body",
                        "POST",
                        "/api/v1/admin/releases/progress/2024/publish",
                        List.of(admin, "Content-Type: application/x-www-form-urlencoded"),
                        "reason=x",
                        true,
                        0),
                new Raw(
                        "token with wrong credentials",
                        "POST",
                        "/api/v1/auth/token",
                        List.of("Content-Type: application/json"),
                        "{\"user\": \"nobody\", \"password\": \"x\"}",
                        true,
                        401),
                new Raw(
                        "token with a broken body",
                        "POST",
                        "/api/v1/auth/token",
                        List.of("Content-Type: application/json"),
                        "{",
                        true,
                        400));
    }

    private static String[] repeat(String format, int times) {
        String[] lines = new String[times];
        for (int i = 0; i < times; i++) {
            lines[i] = String.format(format, i);
        }
        return lines;
    }

    @Test
    void malformedRequestsToTheRealServerAreProblemJson4xx() throws Exception {
        RawHttp.Answer fine =
                RawHttp.send(port, "GET", "/api/v1/rankings?index=progress&size=1", List.of(), null, true);
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
        assertThat(fine.header("Vary")).contains("Accept");
        List<String> failures = new ArrayList<>();
        for (Raw r : malformedRequests()) {
            RawHttp.Answer a = RawHttp.send(port, r.method(), r.target(), r.headers(), r.body(), r.host());
            String type = a.header("Content-Type");
            boolean problem = type != null
                    && type.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    && json.readTree(a.body()).path("status").asInt() == a.status();
            boolean status = r.status() == 0 ? a.status() >= 400 && a.status() < 500 : a.status() == r.status();
            if (!problem || !status) {
                failures.add(r.what() + ": " + a.status() + " " + type + " "
                        + a.body().substring(0, Math.min(200, a.body().length())));
            }
        }
        assertThat(failures).isEmpty();
    }
}
