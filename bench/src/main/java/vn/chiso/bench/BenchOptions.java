package vn.chiso.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.chiso.contract.CommandLine;

/**
 * {@code ./chiso bench api}'s options, the {@code BENCH_*} environment and, after {@code --}, the command
 * line that starts the API (the launcher's: JVM options, class-data-sharing archive, jar). The core sets
 * ({@code --server-cpus}, {@code --load-cpus}, {@code --no-pin}) are checked against the machine by
 * {@link Pinning#decide}. {@code --check-options}: only check them (the launcher asks before it builds
 * a demo lake).
 */
record BenchOptions(
        boolean help,
        String lake,
        int port,
        int connections,
        String warmup,
        String seconds,
        int attackers,
        Optional<String> serverCpus,
        Optional<String> loadCpus,
        boolean noPin,
        boolean checkOnly,
        List<String> apiCommand) {

    static BenchOptions parse(String[] args, Map<String, String> env) {
        int dashes = Arrays.asList(args).indexOf("--");
        String[] own = dashes < 0 ? args : Arrays.copyOfRange(args, 0, dashes);
        List<String> api = dashes < 0 ? List.of() : List.of(args).subList(dashes + 1, args.length);
        if (CommandLine.asksForHelp(own)) {
            return new BenchOptions(
                    true, "", 0, 0, "", "", 0, Optional.empty(), Optional.empty(), false, false, List.of());
        }
        CommandLine cl = CommandLine.parse(
                own,
                Set.of("lake", "port", "scale", "seed", "server-cpus", "load-cpus"),
                Set.of("no-pin", "check-options"));
        if (!cl.positional().isEmpty()) {
            throw new IllegalArgumentException(
                    "unexpected argument " + cl.positional().get(0));
        }
        if (api.isEmpty()) {
            throw new IllegalArgumentException("no API command after --");
        }
        return new BenchOptions(
                false,
                Path.of(cl.lake()).toAbsolutePath().normalize().toString(),
                number("--port", cl.get("port", env.getOrDefault("BENCH_PORT", "18089"))),
                number("BENCH_CONNECTIONS", env.getOrDefault("BENCH_CONNECTIONS", "32")),
                seconds("BENCH_WARMUP", env.getOrDefault("BENCH_WARMUP", "10")),
                seconds("BENCH_SECONDS", env.getOrDefault("BENCH_SECONDS", "20")),
                number("BENCH_ATTACKERS", env.getOrDefault("BENCH_ATTACKERS", "32")),
                Optional.ofNullable(cl.get("server-cpus", null)),
                Optional.ofNullable(cl.get("load-cpus", null)),
                cl.flag("no-pin"),
                cl.flag("check-options"),
                api);
    }

    private static int number(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + text + "'", e);
        }
    }

    private static String seconds(String name, String text) {
        try {
            Double.parseDouble(text);
            return text;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be seconds, got '" + text + "'", e);
        }
    }
}
