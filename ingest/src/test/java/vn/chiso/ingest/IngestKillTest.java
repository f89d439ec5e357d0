package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;
import vn.chiso.ingest.sample.SampleGenerator;

/**
 * Crash safety: the ingest runs as a child JVM (as ./chiso runs it) and is killed (SIGKILL) twice,
 * once while bronze is being written and once after silver; every table stays readable, and the
 * rerun completes with counts that add up: each file loaded once, bronze = read, nothing doubled.
 */
class IngestKillTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private final SparkSession spark = TestSpark.session();

    @Test
    void aKilledIngestLeavesReadableTablesAndTheRerunCompletesWithCorrectCounts(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("raw");
        SampleGenerator.Summary generated = new SampleGenerator().generate(
                new SampleGenerator.Options(raw, 6_000, 11, 2024, 2024), m -> { });
        String lake = tmp.resolve("lake").toString();
        Path log = tmp.resolve("ingest.log");

        Run first = ingest(lake, raw, log, "bronze: reading", 1500);
        Run second = ingest(lake, raw, log, "silver: written", 0);
        for (LakeTable t : LakeTable.values()) {
            if (LakeSpark.exists(spark, lake, t)) {
                LakeSpark.read(spark, lake, t).count(); // readable at its last committed version
            }
        }
        Run last = ingest(lake, raw, log, null, 0);
        assertEquals(0, last.exit, "the rerun completes; log " + log + "\n" + last.tail);
        assertTrue(first.killed || first.exit == 0, first.tail);
        assertTrue(second.killed || second.exit == 0, second.tail);

        Dataset<Row> reconciliation = LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                .filter(col("status").equalTo(IngestJob.LOADED));
        assertEquals(generated.files(), reconciliation.count(), "one loaded row per file, crashed batches removed");
        assertEquals(generated.files(), reconciliation.select("source_file").distinct().count());
        Row totals = reconciliation.agg(sum("rows_read"), sum("rows_accepted"), sum("rows_quarantined")).first();
        assertEquals(generated.rows(), totals.getLong(0), "every generated row read exactly once");
        assertEquals(totals.getLong(0), totals.getLong(1) + totals.getLong(2));
        assertEquals(totals.getLong(0), LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).count());
        assertEquals(totals.getLong(2), LakeSpark.read(spark, lake, LakeTable.QUARANTINE).count());
        assertEquals(generated.files(), LakeSpark.read(spark, lake, LakeTable.INGESTED_FILES).count());
        Dataset<Row> acceptedIds = LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS)
                .join(LakeSpark.read(spark, lake, LakeTable.QUARANTINE),
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of("file_checksum", "row_number")).toSeq(),
                        "left_anti")
                .select("dossier_id").distinct();
        assertEquals(acceptedIds.count(), LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count());
        assertEquals(0, LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY)
                .filter(col("ingest_batch_id").notEqual(reconciliation.first().<String>getAs("ingest_batch_id"))).count(),
                "quality rows of crashed batches removed");
    }

    record Run(int exit, boolean killed, String tail) {
    }

    /** Runs IngestMain ingest in a child JVM; kills it (SIGKILL) once a line contains {@code killAt}. */
    private static Run ingest(String lake, Path raw, Path log, String killAt, long delayMillis) throws Exception {
        String classpath = REPO.resolve("ingest/target/classes") + File.pathSeparator
                + Files.readString(REPO.resolve("ingest/target/runtime.classpath")).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + REPO.resolve("conf/spark-jvm.options"), "-Xmx1500m", "-Dspark.master=local[2]",
                "-cp", classpath, "vn.chiso.ingest.IngestMain", "ingest", "--lake", lake, raw.toString()));
        Process p = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        CountDownLatch hit = new CountDownLatch(1);
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.println(line);
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (killAt != null && line.contains(killAt)) {
                        hit.countDown();
                    }
                }
            } catch (Exception e) {
                // the process was killed
            }
        });
        reader.start();
        boolean killed = false;
        if (killAt != null && hit.await(10, TimeUnit.MINUTES) && p.isAlive()) {
            Thread.sleep(delayMillis);
            if (p.isAlive()) {
                p.destroyForcibly();
                killed = true;
            }
        }
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ingest did not finish; log " + log);
        }
        reader.join(10_000);
        String tail;
        synchronized (lines) {
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }
        return new Run(p.exitValue(), killed, tail);
    }
}
