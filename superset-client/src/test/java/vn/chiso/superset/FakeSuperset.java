package vn.chiso.superset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory stand-in for the parts of Superset's REST API the provisioner uses: login, CSRF
 * (refusing writes without token and cookie, like Superset), list with an {@code eq} filter,
 * create, update, delete, dataset refresh (columns from a function of the dataset name) and the
 * chart data endpoint (one scalar). Enough to test idempotency and pruning without Superset.
 */
final class FakeSuperset implements AutoCloseable {

    static final List<String> RESOURCES = List.of("database", "dataset", "chart", "dashboard");

    private final HttpServer server;
    private final Map<String, TreeMap<Integer, ObjectNode>> store = new LinkedHashMap<>();
    private final Function<String, List<String>> columnsOf;
    private int nextId = 1;
    final List<String> calls = new ArrayList<>();
    /** What POST /api/v1/chart/data answers for a one-metric query (by its SQL). */
    volatile Function<String, String> scalar = sql -> "2024";

    static {
        // no Nagle delay on the JDK server's small answers (else ~40 ms per call)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeSuperset(Function<String, List<String>> columnsOf) throws IOException {
        this.columnsOf = columnsOf;
        RESOURCES.forEach(r -> store.put(r, new TreeMap<>()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Map<Integer, ObjectNode> objects(String resource) {
        return store.get(resource);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final Pattern ITEM = Pattern.compile("/api/v1/([a-z]+)/(\\d+)(/refresh)?");
    private static final Pattern LIST = Pattern.compile("/api/v1/([a-z]+)/");
    private static final Pattern EQ = Pattern.compile("col:([a-z_]+),opr:eq,value:'((?:[^'!]|!.)*)'");

    private synchronized void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(method + " " + path);
        try {
            if (path.equals("/api/v1/security/login")) {
                JsonNode b = Json.parse(body);
                if (!b.path("password").asText().equals("admin")) {
                    send(ex, 401, Json.object().put("message", "Not authorized"));
                } else {
                    send(ex, 200, Json.object().put("access_token", "jwt"));
                }
                return;
            }
            if (!"Bearer jwt".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, Json.object().put("msg", "Missing Authorization Header"));
                return;
            }
            if (path.equals("/api/v1/security/csrf_token/")) {
                ex.getResponseHeaders().add("Set-Cookie", "session=s1; HttpOnly; Path=/");
                send(ex, 200, Json.object().put("result", "tok"));
                return;
            }
            if (!method.equals("GET")) {
                String cookie = ex.getRequestHeaders().getFirst("Cookie");
                if (!"tok".equals(ex.getRequestHeaders().getFirst("X-CSRFToken"))
                        || cookie == null
                        || !cookie.contains("session=s1")) {
                    send(ex, 400, Json.object().put("message", "400 Bad Request: The CSRF session token is missing."));
                    return;
                }
            }
            if (path.equals("/api/v1/chart/data")) {
                String sql = Json.parse(body)
                        .path("queries")
                        .path(0)
                        .path("metrics")
                        .path(0)
                        .path("sqlExpression")
                        .asText();
                ObjectNode r = Json.object();
                r.putArray("result").addObject().putArray("data").addObject().put("value", scalar.apply(sql));
                send(ex, 200, r);
                return;
            }
            Matcher item = ITEM.matcher(path);
            Matcher list = LIST.matcher(path);
            if (item.matches() && store.containsKey(item.group(1))) {
                TreeMap<Integer, ObjectNode> objs = store.get(item.group(1));
                int id = Integer.parseInt(item.group(2));
                ObjectNode obj = objs.get(id);
                if (obj == null) {
                    send(ex, 404, Json.object().put("message", "Not found"));
                } else if (item.group(3) != null) {
                    refresh(obj);
                    send(ex, 200, Json.object().put("message", "OK"));
                } else if (method.equals("GET")) {
                    send(ex, 200, Json.object().set("result", obj));
                } else if (method.equals("PUT")) {
                    update(item.group(1), obj, (ObjectNode) Json.parse(body));
                    send(ex, 200, Json.object().put("id", id).set("result", obj));
                } else if (method.equals("DELETE")) {
                    objs.remove(id);
                    send(ex, 200, Json.object().put("message", "OK"));
                }
                return;
            }
            if (list.matches() && store.containsKey(list.group(1))) {
                TreeMap<Integer, ObjectNode> objs = store.get(list.group(1));
                if (method.equals("POST")) {
                    ObjectNode obj = (ObjectNode) Json.parse(body);
                    int id = nextId++;
                    obj.put("id", id);
                    if (list.group(1).equals("dataset")) {
                        int db = obj.path("database").asInt();
                        obj.putObject("database").put("id", db);
                        obj.putArray("columns");
                        obj.putArray("metrics");
                    }
                    objs.put(id, obj);
                    send(ex, 201, Json.object().put("id", id).set("result", obj));
                    return;
                }
                String q = ex.getRequestURI().getRawQuery() == null
                        ? ""
                        : URLDecoder.decode(ex.getRequestURI().getRawQuery().substring(2), StandardCharsets.UTF_8);
                Matcher eq = EQ.matcher(q);
                ArrayNode result = Json.array();
                for (ObjectNode o : objs.values()) {
                    if (!eq.find(0) || o.path(eq.group(1)).asText().equals(unrison(eq.group(2)))) {
                        result.add(o);
                    }
                }
                ObjectNode r = Json.object().put("count", result.size());
                r.set("result", result);
                send(ex, 200, r);
                return;
            }
            send(ex, 404, Json.object().put("message", "no route " + method + " " + path));
        } catch (RuntimeException e) {
            send(ex, 500, Json.object().put("message", e.toString()));
        }
    }

    private static String unrison(String s) {
        return s.replace("!'", "'").replace("!!", "!");
    }

    private void refresh(ObjectNode ds) {
        Map<String, ObjectNode> old = new LinkedHashMap<>();
        ds.path("columns").forEach(c -> old.put(c.path("column_name").asText(), (ObjectNode) c));
        ArrayNode cols = ds.putArray("columns");
        for (String name : columnsOf.apply(ds.path("table_name").asText())) {
            ObjectNode c = old.containsKey(name)
                    ? old.get(name)
                    : Json.object()
                            .put("id", nextId++)
                            .put("column_name", name)
                            .put("type", "VARCHAR")
                            .put("is_dttm", name.equals("thang"))
                            .put("filterable", true)
                            .put("groupby", true);
            cols.add(c);
        }
    }

    private void update(String resource, ObjectNode obj, ObjectNode body) {
        if (resource.equals("dataset") && body.has("metrics")) {
            for (JsonNode m : body.get("metrics")) {
                if (!m.has("id")) {
                    ((ObjectNode) m).put("id", nextId++);
                }
            }
        }
        if (resource.equals("dataset") && body.has("columns")) {
            for (JsonNode c : body.get("columns")) {
                if (!c.has("id")) {
                    throw new IllegalStateException("column without id: a second column of that name would be made");
                }
            }
        }
        obj.setAll(body);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
