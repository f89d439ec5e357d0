package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.sample.SampleGenerator;

/**
 * Crash safety: the ingest runs as a child JVM (as ./chiso runs it) and is killed (SIGKILL) twice:
 * first while bronze's data files are on disk but not yet committed (seen in the lake, not guessed
 * from timing), then after silver's commit and before the batch is registered. Each kill must have
 * happened (exit by signal 9) at that point, or the test fails. Every table stays readable, and the
 * rerun completes with counts that add up: each file loaded once, bronze = read, nothing doubled.
 */
@Tag("integration") // child ingest JVMs killed mid-write
class IngestKillTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    /** Exit value Java reports for a child killed by SIGKILL (128 + 9). */
    private static final int KILLED_BY_SIGKILL = 137;

    private final SparkSession spark = TestSpark.session();

    @Test
    void aKilledIngestLeavesReadableTablesAndTheRerunCompletesWithCorrectCounts(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("raw");
        SampleGenerator.Summary generated =
                new SampleGenerator().generate(new SampleGenerator.Options(raw, 6_000, 11, 2024, 2024), m -> {});
        String lake = tmp.resolve("lake").toString();
        Path log = tmp.resolve("ingest.log");
        Path bronze = Path.of(LakeTable.BRONZE_DOSSIERS.location(lake));

        Run first =
                ingest(lake, raw, log, null, () -> !uncommittedDataFiles(bronze).isEmpty());
        assertKilled(first, "while bronze was being written");
        assertFalse(
                uncommittedDataFiles(bronze).isEmpty(),
                "the kill interrupted bronze's write: its data files " + "are on disk and no commit names them\n"
                        + first.tail);
        assertEquals(0, loadedFiles(lake), "nothing registered by the killed run");

        Run second = ingest(lake, raw, log, "silver: written", null);
        assertKilled(second, "after silver was written");
        assertTrue(LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count() > 0, "silver committed");
        assertEquals(0, loadedFiles(lake), "the batch was interrupted before it was registered");

        for (LakeTable t : LakeTable.values()) {
            if (LakeSpark.exists(spark, lake, t)) {
                LakeSpark.read(spark, lake, t).count(); // readable at its last committed version
            }
        }
        Run last = ingest(lake, raw, log, null, null);
        assertEquals(0, last.exit, "the rerun completes; log " + log + "\n" + last.tail);
        assertCountsAddUp(lake, generated);
    }

    private void assertCountsAddUp(String lake, SampleGenerator.Summary generated) {
        Dataset<Row> reconciliation = LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                .filter(col("status").equalTo(IngestJob.LOADED));
        assertEquals(generated.files(), reconciliation.count(), "one loaded row per file, crashed batches removed");
        assertEquals(
                generated.files(),
                reconciliation.select("source_file").distinct().count());
        Row totals = reconciliation
                .agg(sum("rows_read"), sum("rows_accepted"), sum("rows_quarantined"))
                .first();
        assertEquals(generated.rows(), totals.getLong(0), "every generated row read exactly once");
        assertEquals(totals.getLong(0), totals.getLong(1) + totals.getLong(2));
        assertEquals(
                totals.getLong(0),
                LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).count());
        assertEquals(
                totals.getLong(2),
                LakeSpark.read(spark, lake, LakeTable.QUARANTINE).count());
        assertEquals(
                generated.files(),
                LakeSpark.read(spark, lake, LakeTable.INGESTED_FILES).count());
        Dataset<Row> acceptedIds = LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS)
                .join(
                        LakeSpark.read(spark, lake, LakeTable.QUARANTINE),
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of("file_checksum", "row_number"))
                                .toSeq(),
                        "left_anti")
                .select("dossier_id")
                .distinct();
        assertEquals(
                acceptedIds.count(),
                LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count());
        assertEquals(
                0,
                LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY)
                        .filter(col("ingest_batch_id")
                                .notEqual(reconciliation.first().<String>getAs("ingest_batch_id")))
                        .count(),
                "quality rows of crashed batches removed");
    }

    private static void assertKilled(Run run, String when) {
        assertTrue(run.killed, "the ingest finished before it could be killed " + when + "\n" + run.tail);
        assertEquals(KILLED_BY_SIGKILL, run.exit, "killed by SIGKILL " + when + "\n" + run.tail);
    }

    private long loadedFiles(String lake) {
        return LakeSpark.exists(spark, lake, LakeTable.RECONCILIATION)
                ? LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                        .filter(col("status").equalTo(IngestJob.LOADED))
                        .count()
                : 0;
    }

    /** Parquet data files under a Delta table that no commit of its log adds: a write in progress (or cut off). */
    static List<Path> uncommittedDataFiles(Path table) {
        if (!Files.isDirectory(table)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(table)) {
            String commits = commits(table.resolve("_delta_log"));
            return files.filter(f -> !f.startsWith(table.resolve("_delta_log")))
                    .filter(f -> f.getFileName().toString().startsWith("part-")
                            && f.toString().endsWith(".parquet"))
                    .filter(f -> !commits.contains(f.getFileName().toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // files came and went while listing: look again
        }
    }

    private static String commits(Path deltaLog) throws IOException {
        if (!Files.isDirectory(deltaLog)) {
            return "";
        }
        try (Stream<Path> entries = Files.list(deltaLog)) {
            StringBuilder all = new StringBuilder();
            for (Path json : entries.filter(f -> f.toString().endsWith(".json")).toList()) {
                all.append(Files.readString(json));
            }
            return all.toString();
        }
    }

    record Run(int exit, boolean killed, String tail) {}

    /**
     * Runs IngestMain ingest in a child JVM; kills it (SIGKILL) as soon as a log line contains {@code killAtLine}
     * or {@code killWhen} holds (polled every few milliseconds); neither given: runs to the end.
     */
    private static Run ingest(String lake, Path raw, Path log, String killAtLine, BooleanSupplier killWhen)
            throws Exception {
        String classpath = REPO.resolve("ingest/target/classes")
                + File.pathSeparator
                + Files.readString(REPO.resolve("ingest/target/runtime.classpath"))
                        .strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + REPO.resolve("conf/spark-jvm.options"),
                "-Xmx1500m",
                "-Dspark.master=local[2]",
                "-cp",
                classpath,
                "vn.chiso.ingest.IngestMain",
                "ingest",
                "--lake",
                lake,
                raw.toString()));
        Process p = new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .start();
        AtomicBoolean lineSeen = new AtomicBoolean();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> copyOutput(p, log, lines, killAtLine, lineSeen));
        reader.start();
        boolean killed = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        boolean watching = killAtLine != null || killWhen != null;
        while (watching && p.isAlive() && System.nanoTime() < deadline) {
            if (lineSeen.get() || killWhen != null && killWhen.getAsBoolean()) {
                p.destroyForcibly(); // SIGKILL
                killed = true;
                break;
            }
            Thread.sleep(5);
        }
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ingest did not finish; log " + log);
        }
        reader.join(10_000);
        String tail;
        synchronized (lines) {
            tail = lines.subList(Math.max(0, lines.size() - 30), lines.size()).stream()
                    .collect(Collectors.joining("\n"));
        }
        return new Run(p.exitValue(), killed, tail);
    }

    private static void copyOutput(Process p, Path log, List<String> lines, String killAtLine, AtomicBoolean lineSeen) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(
                        log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.println(line);
                synchronized (lines) {
                    lines.add(line);
                }
                if (killAtLine != null && line.contains(killAtLine)) {
                    lineSeen.set(true);
                }
            }
        } catch (IOException e) {
            // the process was killed
        }
    }
}
