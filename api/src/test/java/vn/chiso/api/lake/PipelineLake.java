package vn.chiso.api.lake;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The lake the API tests read, built once per test JVM.
 *
 * <p>When the pipeline is built (ingest and transforms classes plus their target/runtime.classpath),
 * it runs the real thing in child JVMs, exactly as ./chiso demo does: {@code IngestMain generate}, then
 * {@code IngestMain ingest} of the exports and the published files, then {@code TransformMain
 * transform}, into a temporary directory, with all output in {@code pipeline.log} there; a failing
 * step fails the tests with the log's tail.
 * Until then it writes {@link SyntheticLake}'s gold tables with Delta Kernel.
 *
 * <p>System properties: {@code chiso.test.lake=DIR} reuses an existing lake (no build);
 * {@code chiso.test.pipeline=required} fails instead of falling back, {@code =off} always uses the
 * synthetic lake.
 */
public final class PipelineLake {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final long STEP_TIMEOUT_MINUTES = 20;
    /** The published files ./chiso demo loads beside the generated exports, one path a line. */
    private static final Path PUBLISHED_INPUTS = REPO.resolve("reference/published-inputs.txt");

    private static Path root;
    private static RuntimeException failure;
    private static boolean fromPipeline;

    private PipelineLake() {}

    /** The lake root directory, built on first use; a failed build is not retried in the same JVM. */
    public static synchronized Path root() {
        if (failure != null) {
            throw failure;
        }
        if (root == null) {
            try {
                root = build();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return root;
    }

    /** Whether {@link #root()} came from the real pipeline rather than the synthetic fallback. */
    public static synchronized boolean fromPipeline() {
        root();
        return fromPipeline;
    }

    /** A fresh copy of the lake, for tests that write to it. */
    public static Path copy() {
        try {
            Path target = Files.createTempDirectory("chiso-lake-copy");
            deleteOnExit(target);
            Path source = root();
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path p : paths.toList()) {
                    Path to = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path build() {
        String existing = System.getProperty("chiso.test.lake");
        if (existing != null && !existing.isBlank()) {
            fromPipeline = true;
            return Path.of(existing).toAbsolutePath();
        }
        String mode = System.getProperty("chiso.test.pipeline", "auto");
        try {
            Path dir = Files.createTempDirectory("chiso-test-lake");
            Path lake = dir.resolve("lakehouse");
            if (!mode.equals("off") && pipelineBuilt()) {
                runPipeline(dir, lake);
                fromPipeline = true;
            } else if (mode.equals("required")) {
                throw new IllegalStateException("chiso.test.pipeline=required but the pipeline is not built: "
                        + "run mvn install -DskipTests -pl contract,ingest,transforms");
            } else {
                System.err.println("[PipelineLake] pipeline not built; using Kernel-written synthetic gold tables");
                SyntheticLake.write(lake.toString());
            }
            deleteOnExit(dir); // kept, with its log, if a step failed
            return lake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the pipeline's ingest of {@code inputs} into an existing lake (a copy), as ./chiso ingest does,
     * in a child JVM; fails when the pipeline is not built.
     */
    public static void ingest(Path lake, Path... inputs) {
        List<String> args = new ArrayList<>(List.of("ingest", "--lake", lake.toString()));
        for (Path input : inputs) {
            args.add(input.toString());
        }
        step(lake, "ingest", "vn.chiso.ingest.IngestMain", args);
    }

    /**
     * Runs the pipeline's transform on an existing lake (a copy), e.g. with {@code --methodologies DIR},
     * as ./chiso transform does, in a child JVM; fails when the pipeline is not built.
     */
    public static void transform(Path lake, String... args) {
        List<String> all = new ArrayList<>(List.of("transform", "--lake", lake.toString()));
        all.addAll(List.of(args));
        step(lake, "transforms", "vn.chiso.transforms.TransformMain", all);
    }

    private static void step(Path lake, String module, String mainClass, List<String> args) {
        if (!pipelineBuilt()) {
            throw new IllegalStateException("the pipeline is not built (ingest and transforms classes and "
                    + "target/runtime.classpath): build the project first (mvn -o package -DskipTests)");
        }
        try {
            Path dir = Files.createTempDirectory("chiso-pipeline-step");
            deleteOnExit(dir);
            run(dir, dir.resolve("pipeline.log"), module, mainClass, args.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean pipelineBuilt() {
        return Files.isRegularFile(REPO.resolve("ingest/target/classes/vn/chiso/ingest/IngestMain.class"))
                && Files.isRegularFile(REPO.resolve("ingest/target/runtime.classpath"))
                && Files.isRegularFile(
                        REPO.resolve("transforms/target/classes/vn/chiso/transforms/TransformMain.class"))
                && Files.isRegularFile(REPO.resolve("transforms/target/runtime.classpath"));
    }

    private static void runPipeline(Path dir, Path lake) throws IOException {
        Path raw = dir.resolve("raw");
        Path log = dir.resolve("pipeline.log");
        System.err.println("[PipelineLake] building the lake with the real pipeline; log: " + log);
        run(
                dir,
                log,
                "ingest",
                "vn.chiso.ingest.IngestMain",
                "generate",
                "--out",
                raw.toString(),
                "--scale",
                "20000",
                "--seed",
                "7");
        List<String> ingest = new ArrayList<>(List.of("ingest", "--lake", lake.toString(), raw.toString()));
        for (String line : Files.readAllLines(PUBLISHED_INPUTS, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                ingest.add(REPO.resolve(line.strip()).toString());
            }
        }
        run(dir, log, "ingest", "vn.chiso.ingest.IngestMain", ingest.toArray(String[]::new));
        run(dir, log, "transforms", "vn.chiso.transforms.TransformMain", "transform", "--lake", lake.toString());
    }

    /** One pipeline step in a child JVM, as ./chiso runs it; its working directory is {@code dir}, not the repo. */
    private static void run(Path dir, Path log, String module, String mainClass, String... args) throws IOException {
        String classpath = REPO.resolve(module + "/target/classes")
                + File.pathSeparator
                + Files.readString(REPO.resolve(module + "/target/runtime.classpath"))
                        .strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + REPO.resolve("conf/spark-jvm.options"),
                "-cp",
                classpath,
                mainClass));
        command.addAll(List.of(args));
        Files.writeString(
                log,
                "\n$ " + mainClass + " " + String.join(" ", args) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " " + args[0] + " did not finish in " + STEP_TIMEOUT_MINUTES
                        + " min; log tail:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(mainClass + " " + args[0] + " exited with " + process.exitValue()
                    + "; log tail (" + log + "):\n" + tail(log));
        }
    }

    /** The error lines (stack frames left out) and the last lines of the log. */
    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> errors = lines.stream()
                .filter(l -> l.startsWith("error") || l.contains("Exception") && !l.startsWith("\tat "))
                .limit(10)
                .toList();
        return String.join("\n", errors) + "\n...\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort
            }
        }));
    }
}
