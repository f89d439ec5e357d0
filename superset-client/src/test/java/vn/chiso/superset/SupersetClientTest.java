package vn.chiso.superset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a tiny in-process HTTP server playing Superset's auth and error answers. */
class SupersetClientTest {

    private HttpServer server;
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private String start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        return "http://localhost:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, int status, String contentType, String body, String... headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private static String body(HttpExchange ex) throws IOException {
        return new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Login and CSRF endpoints that behave like Superset 6.1's. */
    private void superset(String password, boolean setsSession) {
        server.createContext("/api/v1/security/login", ex -> {
            JsonNode b = Json.parse(body(ex));
            seen.add("login " + b.path("username").asText() + " "
                    + b.path("provider").asText());
            if (b.path("password").asText().equals(password)) {
                reply(ex, 200, "application/json", "{\"access_token\":\"jwt-1\",\"refresh_token\":\"r\"}");
            } else {
                reply(ex, 401, "application/json", "{\"message\":\"Not authorized\"}");
            }
        });
        server.createContext("/api/v1/security/csrf_token/", ex -> {
            seen.add("csrf " + ex.getRequestHeaders().getFirst("Authorization"));
            if (setsSession) {
                reply(
                        ex,
                        200,
                        "application/json",
                        "{\"result\":\"csrf-1\"}",
                        "Set-Cookie",
                        "session=abc.def; HttpOnly; Path=/");
            } else {
                reply(ex, 200, "application/json", "{\"result\":\"csrf-1\"}");
            }
        });
    }

    @Test
    void writesSendBearerCsrfTokenAndItsSessionCookie() throws IOException {
        String url = start();
        superset("secret", true);
        server.createContext("/api/v1/chart/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String csrf = ex.getRequestHeaders().getFirst("X-CSRFToken");
            String cookie = ex.getRequestHeaders().getFirst("Cookie");
            seen.add("chart " + ex.getRequestMethod() + " " + auth + " " + csrf + " " + cookie);
            if (ex.getRequestMethod().equals("GET")) {
                reply(ex, 200, "application/json", "{\"result\":[]}");
            } else if (csrf == null) {
                reply(
                        ex,
                        400,
                        "application/json",
                        "{\"errors\":[{\"message\":\"400 Bad Request: The CSRF token is missing.\"}]}");
            } else if (cookie == null || !cookie.contains("session=abc.def")) {
                reply(
                        ex,
                        400,
                        "application/json",
                        "{\"errors\":[{\"message\":\"400 Bad Request: The CSRF session token is missing.\"}]}");
            } else {
                reply(ex, 201, "application/json", "{\"id\":7,\"result\":{}}");
            }
        });
        SupersetClient c = SupersetClient.connect(url, "admin", "secret", Duration.ofSeconds(5));
        JsonNode r = c.post("/api/v1/chart/", Json.object().put("slice_name", "Bảng xếp hạng"));
        assertEquals(7, r.path("id").asInt());
        assertEquals("login admin db", seen.get(0));
        assertEquals("csrf Bearer jwt-1", seen.get(1));
        assertEquals("chart POST Bearer jwt-1 csrf-1 session=abc.def", seen.get(2));
        c.get("/api/v1/chart/?q=x");
        assertEquals("chart GET Bearer jwt-1 null session=abc.def", seen.get(3));
    }

    @Test
    void wrongPasswordSaysWhichVariablesToCheck() throws IOException {
        String url = start();
        superset("secret", true);
        SupersetException e = assertThrows(
                SupersetException.class, () -> SupersetClient.connect(url, "admin", "wrong", Duration.ofSeconds(5)));
        assertEquals(SupersetException.Kind.AUTHENTICATION, e.kind());
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("refused the login of user 'admin'"), e.getMessage());
        assertTrue(e.getMessage().contains("Not authorized"), e.getMessage());
        assertTrue(e.getMessage().contains("SUPERSET_ADMIN_PASSWORD"), e.getMessage());
    }

    @Test
    void missingLoginIsRefusedBeforeAnyCall() {
        SupersetException e = assertThrows(
                SupersetException.class,
                () -> SupersetClient.connect("http://127.0.0.1:9", "admin", "", Duration.ofSeconds(5)));
        assertEquals(SupersetException.Kind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains("SUPERSET_ADMIN_USER"), e.getMessage());
    }

    @Test
    void nothingListeningIsUnreachableWithAHint() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SupersetException e = assertThrows(
                SupersetException.class,
                () -> SupersetClient.connect("http://127.0.0.1:" + port, "admin", "admin", Duration.ofSeconds(5)));
        assertEquals(SupersetException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("not reachable at http://127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("./chiso superset"), e.getMessage());
    }

    @Test
    void unknownHostIsUnreachable() {
        SupersetException e = assertThrows(
                SupersetException.class,
                () -> SupersetClient.connect(
                        "http://no-such-host.invalid:8088", "admin", "admin", Duration.ofSeconds(5)));
        assertEquals(SupersetException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        String url = start();
        server.createContext("/api/v1/security/login", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        SupersetException e = assertThrows(
                SupersetException.class, () -> SupersetClient.connect(url, "admin", "admin", Duration.ofSeconds(1)));
        assertEquals(SupersetException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("no answer within 1 s"), e.getMessage());
    }

    @Test
    void somethingElseThanSupersetIsAProtocolError() throws IOException {
        String url = start();
        server.createContext("/", ex -> reply(ex, 200, "text/html", "<html><body>It works!</body></html>"));
        SupersetException e = assertThrows(
                SupersetException.class, () -> SupersetClient.connect(url, "admin", "admin", Duration.ofSeconds(5)));
        assertEquals(SupersetException.Kind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("not JSON (is this URL a Superset?)"), e.getMessage());
        assertTrue(e.getMessage().contains("It works!"), e.getMessage());
    }

    @Test
    void aCsrfTokenWithoutItsSessionCookieIsCaughtAtLogin() throws IOException {
        String url = start();
        superset("secret", false);
        SupersetException e = assertThrows(
                SupersetException.class, () -> SupersetClient.connect(url, "admin", "secret", Duration.ofSeconds(5)));
        assertEquals(SupersetException.Kind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("CSRF session token is missing"), e.getMessage());
    }

    @Test
    void supersetErrorMessagesArePassedOn() throws IOException {
        String url = start();
        superset("secret", true);
        server.createContext(
                "/api/v1/database/",
                ex -> reply(
                        ex,
                        422,
                        "application/json",
                        "{\"message\":{\"database_name\":\"A database with the same name already exists.\"}}"));
        SupersetClient c = SupersetClient.connect(url, "admin", "secret", Duration.ofSeconds(5));
        SupersetException e = assertThrows(
                SupersetException.class,
                () -> c.post("/api/v1/database/", Json.object().put("database_name", "chiso_lake")));
        assertEquals(SupersetException.Kind.HTTP, e.kind());
        assertEquals(422, e.status());
        assertTrue(e.getMessage().startsWith("POST /api/v1/database/ -> HTTP 422"), e.getMessage());
        assertTrue(e.getMessage().contains("A database with the same name already exists."), e.getMessage());
    }

    @Test
    void anExpiredTokenIsRenewedOnce() throws IOException {
        String url = start();
        superset("secret", true);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/api/v1/dashboard/", ex -> {
            if (calls.incrementAndGet() == 1) {
                reply(ex, 401, "application/json", "{\"msg\":\"Token has expired\"}");
            } else {
                reply(ex, 200, "application/json", "{\"count\":0,\"result\":[]}");
            }
        });
        SupersetClient c = SupersetClient.connect(url, "admin", "secret", Duration.ofSeconds(5));
        assertEquals(0, c.get("/api/v1/dashboard/").path("count").asInt());
        assertEquals(2, calls.get());
        assertEquals(2, seen.stream().filter(s -> s.startsWith("login")).count());
    }

    @Test
    void findEscapesRisonAndRefusesAmbiguousKeys() throws IOException {
        String url = start();
        superset("secret", true);
        List<String> queries = new ArrayList<>();
        server.createContext("/api/v1/chart/", ex -> {
            queries.add(ex.getRequestURI().getQuery());
            reply(ex, 200, "application/json", "{\"count\":2,\"result\":[{\"id\":1},{\"id\":2}]}");
        });
        SupersetClient c = SupersetClient.connect(url, "admin", "secret", Duration.ofSeconds(5));
        SupersetException e = assertThrows(
                SupersetException.class, () -> c.findOne("chart", "slice_name", "Bản đồ: tỷ lệ 'đúng hạn'!"));
        assertTrue(e.getMessage().contains("2 objects have slice_name"), e.getMessage());
        assertEquals(
                "q=(filters:!((col:slice_name,opr:eq,value:'Bản đồ: tỷ lệ !'đúng hạn!'!!')),page:0,page_size:100)",
                queries.get(0));
        assertEquals("'a!!b!'c'", SupersetClient.risonString("a!b'c"));
    }
}
