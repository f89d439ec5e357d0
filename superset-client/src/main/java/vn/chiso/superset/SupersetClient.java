package vn.chiso.superset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small client for Superset's REST API (tested against 6.1.0), standard library HTTP only.
 *
 * <p>Authentication is the API's own: {@code POST /api/v1/security/login} gives a JWT access token
 * sent as {@code Authorization: Bearer}; {@code GET /api/v1/security/csrf_token/} gives a CSRF
 * token <em>and</em> sets the {@code session} cookie the token is bound to. Every write sends
 * both, the {@code X-CSRFToken} header and that cookie (without the cookie Superset answers
 * "400 The CSRF session token is missing."). Cookies are kept by a small jar of our own, so they
 * work for any host name (the JDK's CookieManager drops cookies for {@code localhost}).
 *
 * <p>An expired access token (HTTP 401 after a successful login) is renewed by logging in again,
 * once per call. Failures are {@link SupersetException}s whose message says what to check.
 */
public final class SupersetClient {

    private static final String LOGIN = "/api/v1/security/login";
    private static final String CSRF = "/api/v1/security/csrf_token/";

    private final URI base;
    private final String user;
    private final String password;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String accessToken;
    private String csrfToken;

    private SupersetClient(URI base, String user, String password, Duration timeout) {
        this.base = base;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Logs in (JWT) and fetches the CSRF token with its session cookie. */
    public static SupersetClient connect(String url, String user, String password, Duration timeout) {
        if (url == null || url.isBlank()) {
            throw new SupersetException(SupersetException.Kind.DEFINITION, "no Superset URL given");
        }
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new SupersetException(SupersetException.Kind.DEFINITION, 0, "not a URL: " + url, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new SupersetException(SupersetException.Kind.DEFINITION, "not an http(s) URL: " + url);
        }
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new SupersetException(
                    SupersetException.Kind.AUTHENTICATION,
                    "no Superset login given: set SUPERSET_ADMIN_USER and SUPERSET_ADMIN_PASSWORD");
        }
        SupersetClient client = new SupersetClient(uri, user, password, timeout);
        client.login();
        return client;
    }

    public static SupersetClient connect(String url, String user, String password) {
        return connect(url, user, password, Duration.ofSeconds(120));
    }

    public URI baseUri() {
        return base;
    }

    // ---------------------------------------------------------------- authentication

    private void login() {
        accessToken = null;
        csrfToken = null;
        ObjectNode body = Json.object()
                .put("username", user)
                .put("password", password)
                .put("provider", "db")
                .put("refresh", true);
        Response r = exchange("POST", LOGIN, body, false);
        if (r.status == 401 || r.status == 403) {
            throw new SupersetException(
                    SupersetException.Kind.AUTHENTICATION,
                    r.status,
                    "Superset at " + base + " refused the login of user '" + user + "' (HTTP " + r.status
                            + ": " + r.message() + "). Check SUPERSET_ADMIN_USER / SUPERSET_ADMIN_PASSWORD;"
                            + " `dashboards/superset.sh init` sets the admin's password from them.",
                    null);
        }
        JsonNode json = r.requireOk("POST", LOGIN).json("POST", LOGIN);
        String token = json.path("access_token").asText(null);
        if (token == null || token.isEmpty()) {
            throw new SupersetException(
                    SupersetException.Kind.PROTOCOL,
                    "POST " + LOGIN + " answered without an access_token: " + r.excerpt());
        }
        accessToken = token;
        Response c = exchange("GET", CSRF, null, true);
        String csrf = c.requireOk("GET", CSRF).json("GET", CSRF).path("result").asText(null);
        if (csrf == null || csrf.isEmpty()) {
            throw new SupersetException(
                    SupersetException.Kind.PROTOCOL, "GET " + CSRF + " answered without a token: " + c.excerpt());
        }
        if (!cookies.containsKey("session")) {
            throw new SupersetException(
                    SupersetException.Kind.PROTOCOL,
                    "GET " + CSRF + " set no session cookie, so every write would fail with"
                            + " \"The CSRF session token is missing\" (is a proxy dropping Set-Cookie?)");
        }
        csrfToken = csrf;
    }

    // ---------------------------------------------------------------- calls

    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return call("POST", path, body);
    }

    public JsonNode put(String path, JsonNode body) {
        return call("PUT", path, body);
    }

    public JsonNode delete(String path) {
        return call("DELETE", path, null);
    }

    /** One call with the bearer token (and for writes, the CSRF token and session cookie). */
    public JsonNode call(String method, String path, JsonNode body) {
        Response r = exchange(method, path, body, true);
        if (r.status == 401) { // the access token expired: log in again, once
            login();
            r = exchange(method, path, body, true);
            if (r.status == 401) {
                throw new SupersetException(
                        SupersetException.Kind.AUTHENTICATION,
                        401,
                        method + " " + path + " -> HTTP 401 right after a fresh login: " + r.message(),
                        null);
            }
        }
        return r.requireOk(method, path).json(method, path);
    }

    private Response exchange(String method, String path, JsonNode body, boolean authenticated) {
        HttpResponse<String> resp = send(request(method, path, body, authenticated), method, path);
        for (String header : resp.headers().allValues("set-cookie")) {
            keepCookie(header);
        }
        return new Response(
                resp.statusCode(),
                resp.body(),
                resp.headers().firstValue("content-type").orElse(""));
    }

    /** The request with its body, the bearer token, the CSRF token (on writes) and the kept cookies. */
    private HttpRequest request(String method, String path, JsonNode body, boolean authenticated) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (authenticated && accessToken != null) {
            b.header("Authorization", "Bearer " + accessToken);
        }
        if (csrfToken != null && !method.equals("GET")) {
            b.header("X-CSRFToken", csrfToken);
            b.header("Referer", base + "/");
        }
        if (!cookies.isEmpty()) {
            b.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return b.build();
    }

    /** Sends the request; a failure to get an answer becomes one clear UNREACHABLE error. */
    private HttpResponse<String> send(HttpRequest request, String method, String path) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within 10 s", e);
        } catch (HttpTimeoutException e) {
            throw new SupersetException(
                    SupersetException.Kind.UNREACHABLE,
                    0,
                    method + " " + path + ": Superset at " + base + " gave no answer within " + timeout.toSeconds()
                            + " s",
                    e);
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
                throw unreachable("unknown host " + base.getHost(), e);
            }
            throw unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupersetException(SupersetException.Kind.UNREACHABLE, 0, "interrupted", e);
        }
    }

    private SupersetException unreachable(String why, Exception e) {
        return new SupersetException(
                SupersetException.Kind.UNREACHABLE,
                0,
                "Superset is not reachable at "
                        + base + " (" + why + "). Is it running? `./chiso superset` installs and starts it;"
                        + " `dashboards/superset.sh status` tells whether it runs.",
                e);
    }

    private void keepCookie(String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].trim().toLowerCase(Locale.ROOT);
            if (attr.startsWith("max-age=")) {
                try {
                    expired |= Long.parseLong(attr.substring(8).trim()) <= 0;
                } catch (NumberFormatException ignored) {
                    // a malformed Max-Age leaves the cookie as a session cookie
                }
            }
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    // ---------------------------------------------------------------- finding objects

    /** A rison string literal: {@code 'text'} with {@code !} and {@code '} escaped. */
    public static String risonString(String s) {
        return "'" + s.replace("!", "!!").replace("'", "!'") + "'";
    }

    public static String encodeQuery(String rison) {
        return URLEncoder.encode(rison, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The objects of a resource whose {@code column} equals {@code value}. */
    public List<JsonNode> find(String resource, String column, String value) {
        String q = "(filters:!((col:" + column + ",opr:eq,value:" + risonString(value) + ")),page:0,page_size:100)";
        List<JsonNode> out = new ArrayList<>();
        get("/api/v1/" + resource + "/?q=" + encodeQuery(q)).path("result").forEach(out::add);
        return out;
    }

    /** The single object with that natural key, if any; more than one is an error. */
    public Optional<JsonNode> findOne(String resource, String column, String value) {
        List<JsonNode> found = find(resource, column, value);
        if (found.size() > 1) {
            throw new SupersetException(
                    SupersetException.Kind.HTTP,
                    0,
                    resource + ": " + found.size()
                            + " objects have " + column + " = '" + value + "' (ids "
                            + found.stream().map(n -> n.path("id").asText()).collect(Collectors.joining(", "))
                            + "); remove the extra ones in Superset so provisioning knows which one is ours",
                    null);
        }
        return found.stream().findFirst();
    }

    /** Every object of a resource (paged through), with the listed columns. */
    public List<JsonNode> listAll(String resource, List<String> columns) {
        List<JsonNode> out = new ArrayList<>();
        int pageSize = 100;
        for (int page = 0; ; page++) {
            String q = "(columns:!(" + String.join(",", columns) + "),page:" + page + ",page_size:" + pageSize + ")";
            JsonNode r = get("/api/v1/" + resource + "/?q=" + encodeQuery(q));
            r.path("result").forEach(out::add);
            if (r.path("result").size() < pageSize
                    || out.size() >= r.path("count").asInt(Integer.MAX_VALUE)) {
                return out;
            }
        }
    }

    // ---------------------------------------------------------------- responses

    private record Response(int status, String body, String contentType) {

        Response requireOk(String method, String path) {
            if (status < 200 || status >= 300) {
                throw new SupersetException(
                        SupersetException.Kind.HTTP,
                        status,
                        method + " " + path + " -> HTTP " + status + ": " + message(),
                        null);
            }
            return this;
        }

        JsonNode json(String method, String path) {
            if (body == null || body.isBlank()) {
                return Json.object();
            }
            try {
                return Json.parse(body);
            } catch (IllegalArgumentException e) {
                throw new SupersetException(
                        SupersetException.Kind.PROTOCOL,
                        status,
                        method + " " + path
                                + " -> HTTP " + status + " with "
                                + (contentType.isEmpty() ? "no content type" : contentType)
                                + ", not JSON (is this URL a Superset?): " + excerpt(),
                        e);
            }
        }

        /** Superset's own error text: {"message": …}, {"msg": …} or {"errors": [{"message": …}]}. */
        String message() {
            try {
                JsonNode j = Json.parse(body);
                if (j.hasNonNull("message")) {
                    JsonNode m = j.get("message");
                    return m.isTextual() ? m.asText() : Json.write(m);
                }
                if (j.hasNonNull("msg")) {
                    return j.get("msg").asText();
                }
                if (j.path("errors").isArray() && !j.path("errors").isEmpty()) {
                    List<String> msgs = new ArrayList<>();
                    j.get("errors").forEach(e -> msgs.add(e.path("message").asText(Json.write(e))));
                    return String.join("; ", msgs);
                }
            } catch (IllegalArgumentException ignored) {
                // not JSON: show the text
            }
            return excerpt();
        }

        String excerpt() {
            String t = body == null ? "" : body.strip().replaceAll("\\s+", " ");
            return t.isEmpty() ? "(empty body)" : t.length() > 400 ? t.substring(0, 400) + "…" : t;
        }
    }
}
