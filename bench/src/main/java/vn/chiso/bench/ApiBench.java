package vn.chiso.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./chiso bench api}: starts the API (the command line the launcher gives after {@code --}, with
 * its JVM options and class-data-sharing archive) on the lake with a reviewer account made for this run,
 * measures its start-up, then drives the rankings and profile endpoints from {@link ApiLoad} in a second
 * JVM three times: anonymous; anonymous while more connections send wrong credentials; a reviewer with a
 * bearer token. Prints the API's CPU seconds per run, its RSS and the load average.
 */
public final class ApiBench {

    public static final String HELP = """
            ./chiso bench api [--lake DIR] [--port 18089] [--scale tiny|small|large|N] [--seed 42]
                              [--server-cpus LIST] [--load-cpus LIST] [--no-pin]
              Starts the API on the lake (the demo lake at --scale, built first if DIR has no gold tables; its
              rankings count as published) and drives the rankings and profile endpoints from a second JVM on
              loopback (vn.chiso.bench.ApiLoad) three times: anonymous; anonymous while BENCH_ATTACKERS (32) more
              connections send wrong credentials; a reviewer with a bearer token. Start-up time, req/s,
              p50/p90/p99, API CPU s, RSS, load average. BENCH_CONNECTIONS (32), BENCH_WARMUP (10 s),
              BENCH_SECONDS (20 s) per run; BENCH_PORT (18089) unless --port. The lake DIR defaults to ./lakehouse.
              The API runs under taskset -c on --server-cpus (default: the lower half of the CPUs, CPU 0 on two)
              and the load generator on --load-cpus (default: the upper half, CPU 1 on two); both unpinned with
              --no-pin, without taskset (util-linux) or on one CPU. The output names the cores each side used.
            """;

    private static final String USER = "bench";
    private static final Pattern SPRING_STARTED = Pattern.compile("Started ChisoApiApplication in ([0-9.]+) seconds");
    private static final List<String> PROFILES = List.of("01", "79", "48", "31", "92", "26", "38", "56");

    private final BenchOptions options;
    private final Pinning pinning;
    private final ProcStats proc = ProcStats.linux();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    /** The API while the bench runs: its process, log and loopback base URL. */
    private record Api(Process process, Path log, String base) {}

    /** One run's figures: the load generator's summary (if it printed one) and the API's CPU seconds. */
    private record Run(Optional<LoadSummary> summary, double cpuSeconds) {}

    ApiBench(BenchOptions options, Pinning pinning) {
        this.options = options;
        this.pinning = pinning;
    }

    public static void main(String[] args) {
        BenchOptions options;
        Pinning pinning;
        try {
            options = BenchOptions.parse(args, System.getenv());
            pinning = Pinning.decide(
                    options.serverCpus(),
                    options.loadCpus(),
                    options.noPin(),
                    Runtime.getRuntime().availableProcessors(),
                    Pinning.findTaskset(System.getenv().getOrDefault("PATH", "")));
        } catch (IllegalArgumentException e) {
            System.err.println("[chiso] error: " + e.getMessage() + " (./chiso bench api --help)");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(HELP);
            return;
        }
        if (options.checkOnly()) {
            return;
        }
        try {
            System.exit(new ApiBench(options, pinning).run());
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("[chiso] error: " + e.getMessage());
            System.exit(2);
        }
    }

    int run() {
        String password = randomText(18);
        say(pinning.how());
        long t0 = System.nanoTime();
        Api api = start(password);
        Thread stopper = new Thread(() -> api.process().destroy());
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            awaitReady(api);
            long startupMs = (System.nanoTime() - t0) / 1_000_000;
            String period = awaitRankings(api);
            long pid = api.process().pid();
            say(String.format(
                    Locale.ROOT,
                    "API up: %d ms to ready (Spring: %s; %.2f CPU s incl. loading the tables); RSS after start %d MB;"
                            + " load average %s",
                    startupMs,
                    springStart(api.log()),
                    proc.cpuSeconds(pid),
                    proc.memoryMb(pid, "VmRSS"),
                    proc.loadAverage()));
            say("API process " + pid + " may run on CPUs " + proc.field(pid, "Cpus_allowed_list") + " (/proc)");
            Map<String, Run> runs = runs(api, period, token(api, password));
            printSummary(runs, pid);
            return 0;
        } finally {
            stop(api);
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
    }

    /** The three runs on the same URLs: anonymous, anonymous under attack, a reviewer. */
    private Map<String, Run> runs(Api api, String period, String token) {
        String forged = "v1." + base64Url(USER.getBytes(StandardCharsets.US_ASCII)) + "."
                + (Instant.now().getEpochSecond() + 600) + "." + base64Url(randomBytes(32));
        String basic = Base64.getEncoder().encodeToString("bench:wrong-password".getBytes(StandardCharsets.US_ASCII));
        Map<String, List<String>> extras = new LinkedHashMap<>();
        extras.put("anonymous", List.of());
        extras.put(
                "attacked",
                List.of(
                        "--attackers=" + options.attackers(),
                        "--attack-header=Authorization: Basic " + basic,
                        "--attack-header=Authorization: Bearer " + forged));
        extras.put("reviewer", List.of("--header=Authorization: Bearer " + token));
        List<String> urls = urls(api.base(), period);
        Map<String, Run> runs = new LinkedHashMap<>();
        extras.forEach((name, extra) -> runs.put(name, load(api, name, urls, extra)));
        return runs;
    }

    static List<String> urls(String base, String period) {
        List<String> urls = new ArrayList<>(List.of(
                "rankings=" + base + "/rankings?index=progress&period=" + period,
                "rankings=" + base + "/rankings?index=progress&period=" + period + "&sort=score&size=20",
                "rankings=" + base + "/rankings?index=progress&period=" + period
                        + "&region=%C4%90%C3%B4ng%20Nam%20B%E1%BB%99",
                "csv=" + base + "/rankings?index=progress&period=" + period + "&format=csv"));
        PROFILES.forEach(code -> urls.add("profile=" + base + "/provinces/" + code));
        return urls;
    }

    /** One run of the load generator in its own JVM, its output passed through; the API's CPU around it. */
    private Run load(Api api, String name, List<String> urls, List<String> extra) {
        say(String.format(
                "run '%s': %d URLs (rankings JSON/CSV, province profiles), %d connections%s",
                name,
                urls.size(),
                options.connections(),
                extra.isEmpty()
                        ? ""
                        : ", " + extra.get(0).substring(0, extra.get(0).indexOf('=')) + " …"));
        double before = proc.cpuSeconds(api.process().pid());
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-cp",
                classesLocation(),
                ApiLoad.class.getName(),
                String.valueOf(options.connections()),
                options.warmup(),
                options.seconds()));
        command.addAll(extra);
        command.addAll(urls);
        List<String> lines = new ArrayList<>();
        int exit = runPassingThrough(pinning.load(command), lines);
        if (exit != 0) {
            say("the load generator reported errors");
        }
        double cpu = proc.cpuSeconds(api.process().pid()) - before;
        say(String.format(Locale.ROOT, "API CPU during warm-up and run '%s': %.1f s", name, cpu));
        return new Run(LoadSummary.find(lines), cpu);
    }

    private void printSummary(Map<String, Run> runs, long pid) {
        Optional<LoadSummary> alone = runs.get("anonymous").summary();
        Optional<LoadSummary> attacked = runs.get("attacked").summary();
        Optional<LoadSummary> reviewer = runs.get("reviewer").summary();
        String ratio = alone.isPresent() && attacked.isPresent() && alone.get().p99Ms() > 0
                ? String.format(
                        Locale.ROOT,
                        "%.2f×",
                        attacked.get().p99Ms() / alone.get().p99Ms())
                : "?";
        say(String.format(
                "anonymous p99: %s ms alone, %s ms with %d connections sending wrong credentials (%s; target ≤ 2×)",
                figure(alone, "%.2f", LoadSummary::p99Ms),
                figure(attacked, "%.2f", LoadSummary::p99Ms),
                options.attackers(),
                ratio));
        say(String.format(
                "req/s: anonymous %s alone, %s under attack; reviewer with a token %s",
                figure(alone, "%.1f", LoadSummary::requestsPerSecond),
                figure(attacked, "%.1f", LoadSummary::requestsPerSecond),
                figure(reviewer, "%.1f", LoadSummary::requestsPerSecond)));
        say(String.format(
                Locale.ROOT,
                "API CPU s: anonymous %.1f, attacked %.1f, reviewer %.1f",
                runs.get("anonymous").cpuSeconds(),
                runs.get("attacked").cpuSeconds(),
                runs.get("reviewer").cpuSeconds()));
        say(String.format(
                "RSS of the API after the run: %d MB (peak %d MB); load average %s on %d cores",
                proc.memoryMb(pid, "VmRSS"),
                proc.memoryMb(pid, "VmHWM"),
                proc.loadAverage(),
                Runtime.getRuntime().availableProcessors()));
        say("measured " + pinning.how());
    }

    private static String figure(
            Optional<LoadSummary> s, String format, java.util.function.ToDoubleFunction<LoadSummary> value) {
        return s.map(v -> String.format(Locale.ROOT, format, value.applyAsDouble(v)))
                .orElse("?");
    }

    /** Starts the API with the bench account in its environment; its output goes to a temporary log. */
    private Api start(String password) {
        List<String> command = new ArrayList<>(pinning.server(options.apiCommand()));
        command.add("--chiso.lake=" + options.lake());
        command.add("--server.port=" + options.port());
        // the lake's rankings count as published here (./chiso serve keeps the embargo's default, draft)
        command.add("--chiso.releases.unreleased=published");
        try {
            Path log = Files.createTempFile("chiso-bench-api", ".log");
            ProcessBuilder pb =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("CHISO_SECURITY_USERS_BENCH_PASSWORD", password);
            pb.environment().put("CHISO_SECURITY_USERS_BENCH_ROLES", "reviewer");
            return new Api(pb.start(), log, "http://127.0.0.1:" + options.port() + "/api/v1");
        } catch (IOException e) {
            throw new IllegalStateException("could not start the API: " + e.getMessage(), e);
        }
    }

    private void awaitReady(Api api) {
        URI readiness = URI.create("http://127.0.0.1:" + options.port() + "/actuator/health/readiness");
        for (int i = 0; i < 600 && api.process().isAlive(); i++) {
            if (get(readiness).map(HttpResponse::statusCode).orElse(0) == 200) {
                return;
            }
            pause(50);
        }
        tail(api.log(), 20).forEach(System.err::println);
        throw new IllegalStateException("the API did not start");
    }

    /** The first request loads the gold tables: waits for them, answers the latest ranking's period. */
    private String awaitRankings(Api api) {
        URI first = URI.create(api.base() + "/rankings?size=1");
        for (int i = 0; i < 600; i++) {
            Optional<HttpResponse<String>> r = get(first);
            if (r.isPresent() && r.get().statusCode() == 200) {
                return read(r.get().body()).path("period").asText();
            }
            pause(100);
        }
        throw new IllegalStateException("the API did not answer " + first);
    }

    private String token(Api api, String password) {
        try {
            String body = json.writeValueAsString(Map.of("user", USER, "password", password));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(api.base() + "/auth/token"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = r.statusCode() == 200 ? read(r.body()).path("token").asText("") : "";
            if (token.isEmpty()) {
                throw new IllegalStateException("no token for the bench reviewer (HTTP " + r.statusCode() + ")");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("no token for the bench reviewer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Optional<HttpResponse<String>> get(URI uri) {
        try {
            return Optional.of(http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /**
     * Runs the load generator, printing each output line as it comes and keeping it, and where it may run
     * (from /proc, once taskset has handed over to java); answers the exit code.
     */
    private int runPassingThrough(List<String> command, List<String> lines) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            say("load generator process " + p.pid() + " may run on CPUs " + cpusOf(p));
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    System.out.println(line);
                    lines.add(line);
                }
            }
            return p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void stop(Api api) {
        api.process().destroy();
        try {
            if (!api.process().waitFor(30, TimeUnit.SECONDS)) {
                api.process().destroyForcibly();
            }
            Files.deleteIfExists(api.log());
        } catch (IOException e) {
            System.err.println("[chiso] could not remove " + api.log());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The CPUs a process may run on. taskset sets them, then runs java in the same process: read once the
     * process is no longer taskset (at most 2 s).
     */
    private String cpusOf(Process p) {
        try {
            for (int i = 0;
                    i < 200 && p.isAlive() && proc.field(p.pid(), "Name").equals("taskset");
                    i++) {
                pause(10);
            }
            return proc.field(p.pid(), "Cpus_allowed_list") + " (/proc)";
        } catch (UncheckedIOException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    static String springStart(Path log) {
        try {
            Matcher m = SPRING_STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) + " seconds" : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static List<String> tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    /** Where this module's classes are: the load generator's JVM needs nothing else. */
    private static String classesLocation() {
        try {
            return Path.of(ApiLoad.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A password for this run only: it never leaves this process tree. */
    private String randomText(int bytes) {
        return Base64.getEncoder().encodeToString(randomBytes(bytes)).replaceAll("[/+=]", "");
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void say(String message) {
        System.out.println("[chiso] " + message);
        System.out.flush();
    }
}
