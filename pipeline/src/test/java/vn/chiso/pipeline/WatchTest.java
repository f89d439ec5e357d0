package vn.chiso.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.IngestJob;
import vn.chiso.ingest.sample.SampleGenerator;
import vn.chiso.transforms.TransformJob;

/**
 * ./chiso watch end to end, as an operator runs it (a child JVM, its health endpoint probed over
 * HTTP): a file copied in two steps is loaded; the watch is killed (SIGKILL) between batches; files
 * dropped meanwhile (a new one, the first sent again under another name, a broken one) are loaded on
 * restart; every file ends up exactly once in silver, and gold equals a full rebuild.
 */
@Tag("integration") // child JVMs running warm-pipeline batches on a Delta lake
class WatchTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    /** Exit value Java reports for a child killed by SIGKILL (128 + 9). */
    private static final int KILLED_BY_SIGKILL = 137;

    private final SparkSession spark = TestSpark.session();

    @Test
    void droppedFilesEndUpOnceAcrossAKillAndGoldEqualsAFullRebuild(@TempDir Path tmp) throws Exception {
        List<Path> exports = exports(tmp.resolve("exports"));
        Path drop = Files.createDirectories(tmp.resolve("drop"));
        String lake = tmp.resolve("lake").toString();
        Path log = tmp.resolve("watch.log");
        int port = freePort();

        Process first = watch(lake, drop, port, log, "--interval", "0.2");
        try {
            copyInTwoSteps(exports.get(0), drop.resolve("a.csv"));
            awaitBatches(first, port, 1, log);
        } finally {
            first.destroyForcibly(); // SIGKILL, between batches
        }
        assertEquals(KILLED_BY_SIGKILL, first.waitFor(), tail(log));

        Files.copy(exports.get(1), drop.resolve("b.csv"));
        Files.copy(exports.get(0), drop.resolve("a-gui-lai.csv")); // the same export, sent again
        Files.writeString(drop.resolve("hong.csv"), "\u0000\u0001 not an export\n", StandardCharsets.UTF_8);
        Process second = watch(lake, drop, port, log, "--interval", "0.2", "--batches", "1");
        assertTrue(second.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES), "the restarted watch ran its batch");
        assertEquals(0, second.exitValue(), tail(log));

        assertEquals(
                Map.of(
                        "a.csv", List.of(IngestJob.LOADED, IngestJob.SKIPPED_DUPLICATE),
                        "b.csv", List.of(IngestJob.LOADED),
                        "a-gui-lai.csv", List.of(IngestJob.SKIPPED_DUPLICATE),
                        "hong.csv", List.of(IngestJob.REJECTED)),
                outcomes(lake),
                tail(log));
        String rebuilt = tmp.resolve("rebuilt").toString();
        new IngestJob(spark, rebuilt, m -> {})
                .run(List.of(exports.get(0).toString(), exports.get(1).toString()));
        new TransformJob(spark, rebuilt, m -> {}).run();
        assertEquals(
                LakeSpark.read(spark, rebuilt, LakeTable.SILVER_DOSSIERS).count(),
                LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count(),
                "every dossier once");
        for (LakeTable table : LakeTable.values()) {
            if (table.layer().equals("gold") && LakeSpark.exists(spark, rebuilt, table)) {
                assertSameRows(table, LakeSpark.read(spark, lake, table), LakeSpark.read(spark, rebuilt, table));
            }
        }
    }

    /** ./chiso watch in a child JVM, output appended to {@code log}. */
    private static Process watch(String lake, Path drop, int port, Path log, String... options) throws IOException {
        String classpath = REPO.resolve("pipeline/target/classes")
                + File.pathSeparator
                + Files.readString(REPO.resolve("pipeline/target/runtime.classpath"))
                        .strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + REPO.resolve("conf/spark-jvm.options"),
                "-Xmx1500m",
                "-Dspark.master=local[2]",
                "-cp",
                classpath,
                "vn.chiso.pipeline.PipelineMain",
                "watch",
                "--lake",
                lake,
                "--health-port",
                String.valueOf(port)));
        command.addAll(List.of(options));
        command.add(drop.toString());
        return new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Two provinces' exports of one year, a few thousand dossiers. */
    static List<Path> exports(Path dir) {
        SampleGenerator.Summary generated =
                new SampleGenerator().generate(new SampleGenerator.Options(dir, 4_000, 7, 2024, 2024), m -> {});
        return generated.paths().stream().sorted().limit(2).toList();
    }

    /** A slow copy as a province's upload does it: a hidden partial file, renamed when complete. */
    static void copyInTwoSteps(Path from, Path to) throws IOException {
        Path partial = to.resolveSibling("." + to.getFileName() + ".part");
        Files.copy(from, partial);
        Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitBatches(Process watch, int port, int expected, Path log) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (batchesReported(port) < expected) {
            assertTrue(watch.isAlive(), "the watch stopped\n" + tail(log));
            assertTrue(System.nanoTime() < deadline, "no batch " + expected + "\n" + tail(log));
            Thread.sleep(200);
        }
    }

    /** The batch count the health endpoint reports, as an operator's probe reads it; -1 before it listens. */
    static int batchesReported(int port) throws InterruptedException {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode health = new ObjectMapper().readTree(response.body());
            assertEquals("UP", health.get("status").asText(), response.body());
            return health.get("batches").asInt();
        } catch (java.net.ConnectException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The outcomes the reconciliation records per dropped file name, in batch order. */
    private Map<String, List<String>> outcomes(String lake) {
        Map<String, List<String>> outcomes = new TreeMap<>();
        for (Row r : LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                .orderBy("recorded_at")
                .select("source_file", "status")
                .collectAsList()) {
            String file = r.getString(0);
            outcomes.computeIfAbsent(file.substring(file.lastIndexOf('/') + 1), f -> new ArrayList<>())
                    .add(r.getString(1));
        }
        return outcomes;
    }

    private static void assertSameRows(LakeTable table, Dataset<Row> incremental, Dataset<Row> rebuilt) {
        assertEquals(0, incremental.exceptAll(rebuilt).count(), table + ": rows only in the watched lake");
        assertEquals(0, rebuilt.exceptAll(incremental).count(), table + ": rows only in the rebuilt lake");
    }
}
