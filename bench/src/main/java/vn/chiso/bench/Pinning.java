package vn.chiso.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which cores the API and the load generator run on: each under {@code taskset -c LIST} on its own core
 * set, so the load generator's threads do not queue behind the API's on the same cores. Unpinned when
 * asked ({@code --no-pin}), when {@code taskset} is missing or when there is a single CPU; {@link #how()}
 * says which, so a figure names how it was measured.
 *
 * @param taskset the {@code taskset} program, or empty when both run unpinned
 */
record Pinning(Optional<Path> taskset, String serverCpus, String loadCpus, String how) {

    private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    /**
     * The pinning for these options on a machine with {@code cpus} CPUs (numbered from 0).
     *
     * @param serverCpus {@code --server-cpus}, empty for the default (the lower half of the CPUs)
     * @param loadCpus {@code --load-cpus}, empty for the default (the upper half)
     */
    static Pinning decide(
            Optional<String> serverCpus, Optional<String> loadCpus, boolean noPin, int cpus, Optional<Path> taskset) {
        String server = serverCpus.orElse(range(0, Math.max(1, cpus / 2)));
        String load = loadCpus.orElse(range(Math.max(1, cpus / 2), cpus));
        validate("--server-cpus", server, cpus);
        if (cpus > 1) {
            validate("--load-cpus", load, cpus);
        }
        if (noPin) {
            return unpinned("unpinned (--no-pin): the API and the load generator share all " + cpus + " CPUs");
        }
        if (cpus < 2) {
            return unpinned("unpinned: only 1 CPU, the API and the load generator share it");
        }
        if (taskset.isEmpty()) {
            return unpinned(
                    "unpinned: taskset not found on PATH (util-linux); the API and the load generator share all " + cpus
                            + " CPUs");
        }
        return new Pinning(
                taskset,
                server,
                load,
                "pinned with taskset -c: the API on CPU " + server + ", the load generator on CPU " + load);
    }

    /** {@code taskset} on the PATH, if it is there. */
    static Optional<Path> findTaskset(String path) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "taskset");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The API's command line, run under {@code taskset -c SERVER_CPUS} when pinned. */
    List<String> server(List<String> command) {
        return wrap(serverCpus, command);
    }

    /** The load generator's command line, run under {@code taskset -c LOAD_CPUS} when pinned. */
    List<String> load(List<String> command) {
        return wrap(loadCpus, command);
    }

    boolean pinned() {
        return taskset.isPresent();
    }

    private List<String> wrap(String cpus, List<String> command) {
        if (taskset.isEmpty()) {
            return command;
        }
        List<String> pinned = new ArrayList<>(List.of(taskset.get().toString(), "-c", cpus));
        pinned.addAll(command);
        return pinned;
    }

    private static Pinning unpinned(String how) {
        return new Pinning(Optional.empty(), "", "", how);
    }

    private static String range(int from, int to) {
        return to - from <= 1 ? String.valueOf(from) : from + "-" + (to - 1);
    }

    /** A taskset CPU list ({@code 0}, {@code 0-1}, {@code 0,2-3}) naming only CPUs this machine has. */
    private static void validate(String option, String list, int cpus) {
        if (!CPU_LIST.matcher(list).matches()) {
            throw new IllegalArgumentException(
                    option + " must be a CPU list such as 0, 0-1 or 0,2, got '" + list + "'");
        }
        for (String part : list.split("[,-]")) {
            if (Integer.parseInt(part) >= cpus) {
                throw new IllegalArgumentException(
                        option + " names CPU " + part + " but this machine has CPUs 0–" + (cpus - 1));
            }
        }
    }
}
