package vn.chiso.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} on 127.0.0.1: 200 while the last batch succeeded (503 after a failed one),
 * with the batches done, the files seen and the last batch's figures as JSON.
 */
public final class HealthEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Instant started = Instant.now();
    private volatile int batches;
    private volatile int filesSeen;
    private volatile WarmPipeline.BatchResult lastBatch;
    private volatile String lastError;
    private volatile Instant lastPoll;

    public HealthEndpoint(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.createContext("/health", this::answer);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    void polled(int files) {
        filesSeen = files;
        lastPoll = Instant.now();
    }

    void succeeded(WarmPipeline.BatchResult result) {
        batches++;
        lastBatch = result;
        lastError = null;
    }

    void failed(Exception e) {
        lastError = e.toString();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", lastError == null ? "UP" : "FAILING");
            body.put("startedAt", started.toString());
            body.put("lastPoll", lastPoll == null ? null : lastPoll.toString());
            body.put("batches", batches);
            body.put("filesSeen", filesSeen);
            body.put("lastBatch", lastBatch);
            body.put("lastError", lastError);
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(lastError == null ? 200 : 503, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
