package vn.chiso.pipeline;

import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import vn.chiso.ingest.IngestJob;
import vn.chiso.ingest.IngestReport;
import vn.chiso.transforms.TransformJob;
import vn.chiso.transforms.methodology.MethodologyCatalog;

/**
 * Ingest then transform, batch after batch, in one Spark session: the JVM, the JIT and Spark's
 * start-up are paid once per process instead of twice per batch. Each batch is the same work as
 * {@code ./chiso ingest} followed by {@code ./chiso transform}, with the same guarantees: files are
 * claimed by content, so a batch re-run (after a kill, or the same file dropped twice) loads nothing twice.
 */
public final class WarmPipeline {

    /** What one batch did, for the progress line and the health endpoint. */
    public record BatchResult(
            String batchId,
            int files,
            long loadedFiles,
            long rowsRead,
            long rowsAccepted,
            long rowsQuarantined,
            long rejectedFiles,
            boolean transformed,
            double ingestSeconds,
            double transformSeconds) {

        String summary() {
            return String.format(
                    "batch %s: %d file(s), %d loaded, %d rejected; rows read %,d = accepted %,d + quarantined %,d;"
                            + " ingest %.1f s, transform %s",
                    batchId,
                    files,
                    loadedFiles,
                    rejectedFiles,
                    rowsRead,
                    rowsAccepted,
                    rowsQuarantined,
                    ingestSeconds,
                    transformed ? String.format("%.1f s", transformSeconds) : "skipped (nothing new)");
        }
    }

    private final SparkSession spark;
    private final String lake;
    private final MethodologyCatalog catalog;
    private final Consumer<String> progress;
    /** Whether this process has computed gold since its start; until then gold may trail silver (a kill). */
    private boolean goldCurrent;

    public WarmPipeline(SparkSession spark, String lake, MethodologyCatalog catalog, Consumer<String> progress) {
        this.spark = spark;
        this.lake = lake;
        this.catalog = catalog;
        this.progress = progress;
    }

    /**
     * One batch: ingests {@code paths}, then recomputes gold when the batch loaded a file, or, once per
     * process, when silver exists: a process killed between its ingest and its transform left gold behind.
     */
    public BatchResult run(List<String> paths) {
        long start = System.nanoTime();
        IngestReport report = new IngestJob(spark, lake, progress).run(paths);
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        long loaded = report.count(IngestJob.LOADED);
        boolean transform = loaded > 0 || (!goldCurrent && TransformJob.hasSilverInput(spark, lake));
        double transformSeconds = 0;
        if (transform) {
            long t = System.nanoTime();
            new TransformJob(spark, lake, catalog, progress).run();
            transformSeconds = (System.nanoTime() - t) / 1e9;
            goldCurrent = true;
        }
        return new BatchResult(
                report.batchId(),
                report.files().size(),
                loaded,
                report.rowsRead(),
                report.rowsAccepted(),
                report.rowsQuarantined(),
                report.count(IngestJob.REJECTED),
                transform,
                ingestSeconds,
                transformSeconds);
    }
}
