package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.ingest.IngestReport.FileResult;
import vn.chiso.ingest.source.DossierFileReader;
import vn.chiso.ingest.source.FileProbe;
import vn.chiso.ingest.source.HadoopConf;
import vn.chiso.ingest.source.SourceFile;
import vn.chiso.ingest.validate.DossierValidation;

/**
 * Files → bronze → silver dossiers, quarantine and reconciliation. The order of writes makes a
 * rerun safe: a file counts as ingested only once its checksum is registered, which is the last
 * write; a crashed run's leftovers for unregistered files are removed before they are loaded again.
 */
public final class IngestJob {

    public static final String LOADED = "loaded";
    public static final String SKIPPED_DUPLICATE = "skipped_duplicate";
    public static final String REJECTED = "rejected";

    private final SparkSession spark;
    private final String lake;
    private final Consumer<String> progress;

    public IngestJob(SparkSession spark, String lake, Consumer<String> progress) {
        this.spark = spark;
        this.lake = lake;
        this.progress = progress;
    }

    public IngestReport run(List<String> inputs) {
        String batchId = newBatchId();
        Timestamp now = Timestamp.from(Instant.now());
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        List<String> paths = listFiles(inputs, spark.sparkContext().hadoopConfiguration());
        progress.accept("batch " + batchId + ": " + paths.size() + " file(s) to check");

        List<SourceFile> probed = probe(paths, conf);
        Set<String> known = registeredChecksums();
        List<SourceFile> toLoad = new ArrayList<>();
        Map<String, FileResult> results = new LinkedHashMap<>();
        Map<String, String> checksumOf = new HashMap<>();
        for (SourceFile f : probed) {
            checksumOf.put(f.path(), f.checksum());
            if (known.contains(f.checksum())) {
                results.put(f.path(), new FileResult(f.path(), SKIPPED_DUPLICATE, 0, 0, 0,
                        "same content already ingested"));
            } else if (f.rejected()) {
                results.put(f.path(), new FileResult(f.path(), REJECTED, 0, 0, 0, f.path() + ": " + f.rejection()));
            } else {
                known.add(f.checksum());
                toLoad.add(f);
            }
        }
        progress.accept(toLoad.size() + " new, " + countStatus(results, SKIPPED_DUPLICATE) + " already ingested, "
                + countStatus(results, REJECTED) + " rejected");

        for (LakeTable t : List.of(LakeTable.BRONZE_DOSSIERS, LakeTable.RECONCILIATION, LakeTable.INGESTED_FILES)) {
            vn.chiso.ingest.lake.TableEvolution.addMissingColumns(spark, lake, t);
        }
        if (!toLoad.isEmpty()) {
            removeLeftovers(toLoad);
            writeBronze(toLoad, batchId, now, conf);
            progress.accept("bronze: written");
            Dataset<Row> validated = DossierValidation.validate(bronzeBatch(batchId));
            writeQuarantine(DossierValidation.quarantined(validated, now));
            progress.accept("quarantine: written");
            mergeSilver(DossierValidation.accepted(validated));
            progress.accept("silver: written");
            results.putAll(reconcile(batchId, toLoad, validated));
            progress.accept("silver: " + sum(results, FileResult::rowsAccepted) + " rows accepted, "
                    + sum(results, FileResult::rowsQuarantined) + " quarantined");
            SilverUnits.refresh(spark, lake);
        }
        IngestReport report = new IngestReport(batchId, List.copyOf(results.values()));
        recordReconciliation(report, checksumOf, now);
        registerFiles(toLoad, report, batchId, now);
        return report;
    }

    /** Expands folders (recursively) into their files; sorted, so runs are repeatable. */
    static List<String> listFiles(List<String> inputs, Configuration conf) {
        List<String> files = new ArrayList<>();
        try {
            for (String input : inputs) {
                Path path = new Path(input);
                FileSystem fs = path.getFileSystem(conf);
                if (!fs.exists(path)) {
                    throw new IllegalArgumentException("input does not exist: " + input);
                }
                Path qualified = fs.makeQualified(path);
                if (fs.getFileStatus(qualified).isFile()) {
                    files.add(qualified.toString());
                    continue;
                }
                var it = fs.listFiles(qualified, true);
                while (it.hasNext()) {
                    FileStatus status = it.next();
                    String name = status.getPath().getName();
                    if (!name.startsWith(".") && !name.startsWith("_") && !name.endsWith(".part")
                            && !name.endsWith(".tmp")) {
                        files.add(status.getPath().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().distinct().sorted().toList();
    }

    private List<SourceFile> probe(List<String> paths, HadoopConf conf) {
        if (paths.isEmpty()) {
            return List.of();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return jsc.parallelize(paths, Math.min(paths.size(), jsc.defaultParallelism() * 4))
                .map(p -> FileProbe.probe(p, conf)).collect();
    }

    private Set<String> registeredChecksums() {
        Set<String> known = new HashSet<>();
        LakeSpark.read(spark, lake, LakeTable.INGESTED_FILES).select("file_checksum").collectAsList()
                .forEach(r -> known.add(r.getString(0)));
        return known;
    }

    /** Rows a crashed earlier run wrote for files it never registered. */
    private void removeLeftovers(List<SourceFile> files) {
        List<String> checksums = files.stream().map(SourceFile::checksum).toList();
        for (LakeTable table : List.of(LakeTable.BRONZE_DOSSIERS, LakeTable.QUARANTINE, LakeTable.RECONCILIATION)) {
            if (LakeSpark.exists(spark, lake, table)) {
                DeltaTable.forPath(spark, table.location(lake))
                        .delete(col("file_checksum").isin(checksums.toArray()));
            }
        }
    }

    private void writeBronze(List<SourceFile> files, String batchId, Timestamp now, HadoopConf conf) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = jsc.parallelize(files, readTasks(files, jsc.defaultParallelism()))
                .flatMap(f -> DossierFileReader.read(f, batchId, now, conf));
        Dataset<Row> bronze = spark.createDataFrame(rows, LakeSpark.schema(LakeTable.BRONZE_DOSSIERS));
        progress.accept("bronze: reading " + files.size() + " file(s)");
        LakeSpark.append(bronze, lake, LakeTable.BRONZE_DOSSIERS);
    }

    /**
     * Whole files per task (row numbers stay exact): about 128 MB per task, at least two tasks per
     * core, never more tasks than files. Few tasks keep small batches from writing many tiny files.
     */
    static int readTasks(List<SourceFile> files, int parallelism) {
        long bytes = files.stream().mapToLong(SourceFile::bytes).sum();
        long bySize = (bytes >> 27) + 1;
        return (int) Math.max(1, Math.min(files.size(), Math.max(2L * parallelism, bySize)));
    }

    private Dataset<Row> bronzeBatch(String batchId) {
        return LakeSpark.read(spark, lake, LakeTable.BRONZE_DOSSIERS).filter(col("ingest_batch_id").equalTo(batchId));
    }

    private void writeQuarantine(Dataset<Row> rows) {
        LakeSpark.append(rows, lake, LakeTable.QUARANTINE);
    }

    /**
     * Latest state per dossier: within the batch the newest row wins; against silver, a row
     * replaces the stored one unless the stored one is newer.
     */
    private void mergeSilver(Dataset<Row> accepted) {
        Dataset<Row> latest = accepted
                .withColumn("_n", row_number().over(Window.partitionBy("dossier_id")
                        .orderBy(desc("updated_at"), col("resolved_at").desc_nulls_last(), desc("source_file"),
                                desc("row_number"))))
                .filter(col("_n").equalTo(1)).drop("_n");
        String location = LakeTable.SILVER_DOSSIERS.location(lake);
        if (!LakeSpark.exists(spark, lake, LakeTable.SILVER_DOSSIERS)) {
            LakeSpark.append(latest, lake, LakeTable.SILVER_DOSSIERS);
        } else {
            DeltaTable.forPath(spark, location).as("t")
                    .merge(LakeSpark.conform(latest, LakeTable.SILVER_DOSSIERS).as("s"), "t.dossier_id = s.dossier_id")
                    .whenMatched("s.updated_at >= t.updated_at").updateAll()
                    .whenNotMatched().insertAll()
                    .execute();
        }
    }

    /**
     * Per file: rows read (bronze), accepted (sent to silver) and quarantined (as stored in the
     * quarantine table). The three are counted independently; if they do not add up the run fails.
     */
    private Map<String, FileResult> reconcile(String batchId, List<SourceFile> files, Dataset<Row> validated) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        files.forEach(f -> counts.put(f.path(), new long[3]));
        validated.groupBy("source_file")
                .agg(count(lit(1)).as("read"), count(org.apache.spark.sql.functions.when(
                        col("failure").isNull(), lit(1))).as("accepted"))
                .collectAsList()
                .forEach(r -> {
                    long[] c = counts.get(r.getString(0));
                    c[0] = r.getLong(1);
                    c[1] = r.getLong(2);
                });
        LakeSpark.read(spark, lake, LakeTable.QUARANTINE).filter(col("ingest_batch_id").equalTo(batchId))
                .groupBy("source_file").count().collectAsList()
                .forEach(r -> counts.computeIfAbsent(r.getString(0), k -> new long[3])[2] = r.getLong(1));
        Map<String, FileResult> results = new LinkedHashMap<>();
        counts.forEach((file, c) -> {
            if (c[0] != c[1] + c[2]) {
                throw new IllegalStateException(file + ": read " + c[0] + " rows but accepted " + c[1]
                        + " + quarantined " + c[2] + "; batch " + batchId + " is not registered, rerun it");
            }
            results.put(file, new FileResult(file, LOADED, c[0], c[1], c[2],
                    c[2] == 0 ? null : c[2] + " row(s) quarantined"));
        });
        return results;
    }

    private void recordReconciliation(IngestReport report, Map<String, String> checksumOf, Timestamp now) {
        if (report.files().isEmpty()) {
            return;
        }
        List<Row> rows = report.files().stream().map(f -> RowFactory.create(report.batchId(), f.sourceFile(),
                checksumOf.get(f.sourceFile()), f.status(), f.rowsRead(), f.rowsAccepted(), f.rowsQuarantined(),
                f.message(), now, "dossiers")).toList();
        LakeSpark.append(spark.createDataFrame(rows, LakeSpark.schema(LakeTable.RECONCILIATION)), lake,
                LakeTable.RECONCILIATION);
    }

    /** The commit marker of the batch: from here on these contents count as ingested. */
    private void registerFiles(List<SourceFile> loaded, IngestReport report, String batchId, Timestamp now) {
        if (loaded.isEmpty()) {
            return;
        }
        Map<String, Long> read = new HashMap<>();
        report.files().forEach(f -> read.put(f.sourceFile(), f.rowsRead()));
        List<Row> rows = loaded.stream().map(f -> RowFactory.create(f.checksum(), f.path(), f.bytes(), batchId,
                read.getOrDefault(f.path(), 0L), now, "dossiers")).toList();
        LakeSpark.append(spark.createDataFrame(rows, LakeSpark.schema(LakeTable.INGESTED_FILES)), lake,
                LakeTable.INGESTED_FILES);
    }

    private static long countStatus(Map<String, FileResult> results, String status) {
        return results.values().stream().filter(r -> r.status().equals(status)).count();
    }

    private static long sum(Map<String, FileResult> results, java.util.function.ToLongFunction<FileResult> f) {
        return results.values().stream().mapToLong(f).sum();
    }

    private static String newBatchId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
