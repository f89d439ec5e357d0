package vn.chiso.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a real HTTP server on loopback: fixed-length and chunked answers, attackers. */
class ApiLoadTest {

    private HttpServer server;
    private final AtomicInteger unauthorized = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/fixed", exchange -> answer(exchange, 200, "fixed length body".getBytes(), false));
        server.createContext(
                "/chunked", exchange -> answer(exchange, 200, "x".repeat(5000).getBytes(), true));
        server.createContext("/private", exchange -> {
            boolean wrong = exchange.getRequestHeaders().containsKey("Authorization");
            if (wrong) {
                unauthorized.incrementAndGet();
            }
            answer(exchange, wrong ? 401 : 200, "{}".getBytes(), false);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void measuresEveryGroupAndPrintsTheSummaryLineScriptsRead() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = ApiLoad.run(
                ApiLoad.Options.parse(new String[] {
                    "2",
                    "0.2",
                    "0.6",
                    "--attackers=2",
                    "--attack-header=Authorization: Basic d3Jvbmc=",
                    "fixed=" + base + "/fixed",
                    "chunked=" + base + "/chunked",
                    "private=" + base + "/private"
                }),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, code, String.join("\n", lines));
        for (String group : List.of("fixed", "chunked", "private", "all")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(group + " +[0-9]+ req/s .*p99.*requests\\)")), group);
        }
        assertTrue(lines.contains("errors 0, non-200 0"), String.join("\n", lines));
        LoadSummary summary = LoadSummary.find(lines).orElseThrow();
        assertTrue(summary.requestsPerSecond() > 0, lines.toString());
        assertTrue(summary.p99Ms() >= summary.p50Ms(), lines.toString());
        assertTrue(summary.attackRequestsPerSecond() > 0, "the attackers were answered: " + lines);
        assertTrue(unauthorized.get() > 0, "the attackers sent their header");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("attackers ") && l.contains("401=")), lines.toString());
    }

    @Test
    void summaryLineIsReadByKeyAndTheLastOneCounts() {
        LoadSummary s = LoadSummary.find(List.of(
                        "summary req_s=1.0 p50_ms=1.00 p99_ms=2.00 attack_req_s=0.0",
                        "all ...",
                        "summary req_s=5321.7 p50_ms=4.12 p99_ms=17.85 attack_req_s=812.3",
                        "errors 0, non-200 0"))
                .orElseThrow();
        assertEquals(new LoadSummary(5321.7, 4.12, 17.85, 812.3), s);
        assertTrue(LoadSummary.find(List.of("errors 3, non-200 0")).isEmpty());
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body, boolean chunked)
            throws java.io.IOException {
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
