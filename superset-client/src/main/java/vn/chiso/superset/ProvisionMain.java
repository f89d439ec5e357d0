package vn.chiso.superset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import vn.chiso.contract.CommandLine;

/**
 * Command line of the Superset client (./chiso superset and dashboards/ci-test.sh call it).
 *
 * <pre>
 *   provision  --url URL --db-uri URI [--db-extra JSON] [--db-name chiso_lake] [--schema main]
 *              [--definitions dashboards/definitions] [--summary FILE] [--no-prune]
 *   validate   [--definitions DIR]              check the definitions without Superset
 *   chart-data --url URL --chart TITLE          the chart's saved query, run by Superset, as JSON
 * </pre>
 * The login comes from SUPERSET_ADMIN_USER / SUPERSET_ADMIN_PASSWORD (demo defaults admin / admin).
 * Exit status: 0 done, 1 Superset or definition error (one clear message), 2 wrong usage.
 */
public final class ProvisionMain {

    private static final Set<String> VALUED =
            Set.of("url", "db-uri", "db-extra", "db-name", "schema", "definitions", "summary", "chart", "timeout");
    private static final Set<String> FLAGS = Set.of("no-prune", "help");

    private ProvisionMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl;
        try {
            cl = CommandLine.parse(args, VALUED, FLAGS);
        } catch (IllegalArgumentException e) {
            err.println("superset-client: " + e.getMessage());
            return 2;
        }
        if (cl.positional().isEmpty() || cl.flag("help")) {
            err.println("usage: ProvisionMain provision|validate|chart-data [options] (see the class comment"
                    + " or dashboards/README.md)");
            return cl.flag("help") ? 0 : 2;
        }
        Path definitions = Path.of(cl.get("definitions", "dashboards/definitions"));
        try {
            switch (cl.positional().get(0)) {
                case "validate" -> validate(definitions, out);
                case "provision" -> provision(cl, definitions, out);
                case "chart-data" -> chartData(cl, out);
                default -> {
                    err.println("superset-client: unknown command "
                            + cl.positional().get(0));
                    return 2;
                }
            }
            return 0;
        } catch (UsageException e) {
            err.println("superset-client: " + e.getMessage());
            return 2;
        } catch (SupersetException e) {
            err.println("superset-client: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("superset-client: " + e);
            return 1;
        }
    }

    private static void validate(Path definitions, PrintStream out) {
        Definitions d = Definitions.load(definitions);
        out.printf(
                "definitions OK: %d datasets, %d dashboards, %d charts%n",
                d.datasets().size(),
                d.dashboards().size(),
                d.dashboards().stream().mapToInt(b -> b.charts().size()).sum());
    }

    private static void provision(CommandLine cl, Path definitions, PrintStream out) throws IOException {
        Definitions d = Definitions.load(definitions);
        String uri = require(cl, "db-uri");
        Provisioner.Target target = new Provisioner.Target(
                cl.get("db-name", "chiso_lake"), uri, cl.get("db-extra", null), cl.get("schema", "main"));
        SupersetClient client = connect(cl);
        ObjectNode summary = new Provisioner(client, d, target, out).run(!cl.flag("no-prune"));
        out.println("provisioned in " + summary.path("seconds").asDouble() + " s: " + summary.path("counts"));
        String file = cl.get("summary", null);
        if (file != null) {
            writeSummary(Path.of(file), summary);
        }
    }

    private static void writeSummary(Path p, ObjectNode summary) throws IOException {
        if (p.getParent() != null) {
            Files.createDirectories(p.getParent());
        }
        Files.writeString(
                p, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary), StandardCharsets.UTF_8);
    }

    /** Prints the rows of the chart's saved query, run by Superset. */
    private static void chartData(CommandLine cl, PrintStream out) {
        SupersetClient client = connect(cl);
        String title = require(cl, "chart");
        JsonNode chart = client.findOne("chart", "slice_name", title)
                .orElseThrow(() ->
                        new SupersetException(SupersetException.Kind.DEFINITION, "no chart titled '" + title + "'"));
        JsonNode data = client.get("/api/v1/chart/" + chart.path("id").asInt() + "/data/");
        out.println(Json.write(data.path("result").path(0).path("data")));
    }

    private static SupersetClient connect(CommandLine cl) {
        String user = env("SUPERSET_ADMIN_USER", "admin");
        String password = env("SUPERSET_ADMIN_PASSWORD", "admin");
        Duration timeout = Duration.ofSeconds(Long.parseLong(cl.get("timeout", "120")));
        return SupersetClient.connect(require(cl, "url"), user, password, timeout);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static String require(CommandLine cl, String option) {
        String v = cl.get(option, null);
        if (v == null || v.isBlank()) {
            throw new UsageException("--" + option + " is required");
        }
        return v;
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
