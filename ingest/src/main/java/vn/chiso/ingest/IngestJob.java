package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import vn.chiso.contract.DossierStatus;
import vn.chiso.contract.FileOutcome;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Lineage.Step;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.ingest.IngestReport.FileResult;
import vn.chiso.ingest.lake.DeltaRetry;
import vn.chiso.ingest.lake.IngestClaims;
import vn.chiso.ingest.lake.SilverWrite;
import vn.chiso.ingest.lake.TableEvolution;
import vn.chiso.ingest.quality.DataQuality;
import vn.chiso.ingest.records.RecordStage;
import vn.chiso.ingest.source.DossierFileReader;
import vn.chiso.ingest.source.FileKind;
import vn.chiso.ingest.source.FileProbe;
import vn.chiso.ingest.source.HadoopConf;
import vn.chiso.ingest.source.RecordFileReader;
import vn.chiso.ingest.source.SourceFile;
import vn.chiso.ingest.validate.DossierValidation;

/**
 * Files → bronze → silver (per kind), quarantine, data-quality results and reconciliation. The
 * order of writes makes a rerun safe: a file counts as ingested only once its checksum is
 * registered, which is the last write; a crashed run's leftovers for unregistered files (and its
 * batch's reconciliation and quality rows) are removed before they are loaded again. Silver writes
 * are MERGEs on each table's key, so loading the same rows again changes nothing. Each Delta
 * commit is atomic; a commit refused because a concurrent job committed first is retried, and
 * two jobs offered the same content never both load it (see {@link IngestClaims}).
 */
public final class IngestJob {

    public static final String LOADED = FileOutcome.LOADED.code();
    public static final String SKIPPED_DUPLICATE = FileOutcome.SKIPPED_DUPLICATE.code();
    public static final String REJECTED = FileOutcome.REJECTED.code();
    public static final String REFERENCE = FileOutcome.REFERENCE.code();
    public static final String SKIPPED_IN_PROGRESS = FileOutcome.SKIPPED_IN_PROGRESS.code();

    /** Batch options: a forced kind, a period for portal captures, how long to wait for another job. */
    public record Options(FileKind kind, String period, long claimWaitMillis) {
        public static final Options DEFAULT = new Options(null, null, 15 * 60_000L);
    }

    /** Properties of every silver table: change data feed (history of replaced rows), deletion vectors. */
    private static final Map<String, String> SILVER_PROPERTIES =
            Map.of("delta.enableChangeDataFeed", "true", "delta.enableDeletionVectors", "true");

    /** Silver tables (by location) this process has prepared: their properties are checked once. */
    private static final Set<String> PREPARED_SILVER = ConcurrentHashMap.newKeySet();

    private static final List<LakeTable> EVOLVING = List.of(
            LakeTable.BRONZE_DOSSIERS, LakeTable.RECONCILIATION, LakeTable.INGESTED_FILES, LakeTable.SILVER_UNITS);

    private final SparkSession spark;
    private final String lake;
    private final Consumer<String> progress;
    private final Options options;
    /** The batches ops/ingested_files held when this run last read it. */
    private Set<String> registeredBatches = Set.of();

    public IngestJob(SparkSession spark, String lake, Consumer<String> progress) {
        this(spark, lake, progress, Options.DEFAULT);
    }

    public IngestJob(SparkSession spark, String lake, Consumer<String> progress, Options options) {
        this.spark = spark;
        this.lake = lake;
        this.progress = progress;
        this.options = options;
    }

    public IngestReport run(List<String> inputs) {
        String batchId = newBatchId();
        Timestamp now = Timestamp.from(Instant.now());
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        List<String> paths = listFiles(inputs, spark.sparkContext().hadoopConfiguration());
        progress.accept("batch " + batchId + ": " + paths.size() + " file(s) to check");

        List<SourceFile> probed = probe(paths, conf);
        Map<String, FileResult> results = new LinkedHashMap<>();
        List<SourceFile> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SourceFile f : probed) {
            if (f.rejected()) {
                results.put(f.path(), new FileResult(f.path(), REJECTED, 0, 0, 0, f.path() + ": " + f.rejection()));
            } else if (f.isReference()) {
                results.put(f.path(), new FileResult(f.path(), REFERENCE, 0, 0, 0, f.reference()));
            } else if (!seen.add(f.checksum())) {
                results.put(
                        f.path(),
                        new FileResult(
                                f.path(), SKIPPED_DUPLICATE, 0, 0, 0, "same content as another file of this batch"));
            } else {
                candidates.add(f);
            }
        }
        try (IngestClaims claims = new IngestClaims(spark.sparkContext().hadoopConfiguration(), lake, batchId)) {
            List<SourceFile> toLoad = claimNew(candidates, claims, results);
            progress.accept(toLoad.size() + " new, " + countStatus(results, SKIPPED_DUPLICATE) + " already ingested, "
                    + countStatus(results, REJECTED) + " rejected");
            EVOLVING.forEach(t -> DeltaRetry.run(
                    "evolve " + t.sqlName(), progress, () -> TableEvolution.addMissingColumnsOnce(spark, lake, t)));
            if (!toLoad.isEmpty()) {
                removeLeftovers(toLoad, claims.liveBatches());
                try {
                    results.putAll(load(toLoad, batchId, now, conf));
                } catch (RuntimeException | Error e) {
                    SilverUnits.forget(lake);
                    throw e;
                }
            }
            IngestReport report = new IngestReport(batchId, orderLike(paths, results));
            Map<String, String> checksumOf = new HashMap<>();
            Map<String, String> kindOf = new HashMap<>();
            probed.forEach(f -> {
                checksumOf.put(f.path(), f.checksum());
                kindOf.put(f.path(), f.kind() == null ? null : f.kind().code());
            });
            write(Step.RECONCILE, "reconciliation", () -> recordReconciliation(report, checksumOf, kindOf, now));
            write(Step.REGISTER_FILES, "registry", () -> registerFiles(toLoad, report, batchId, now));
            return report;
        }
    }

    /** Skips contents already registered or being loaded by another job (waiting for that job first). */
    private List<SourceFile> claimNew(
            List<SourceFile> candidates, IngestClaims claims, Map<String, FileResult> results) {
        List<SourceFile> pending = new ArrayList<>(candidates);
        long deadline = System.currentTimeMillis() + options.claimWaitMillis();
        List<SourceFile> mine = new ArrayList<>();
        boolean told = false;
        while (true) {
            List<SourceFile> next = skipRegistered(pending, results);
            Map<String, String> busy =
                    claims.claim(next.stream().map(SourceFile::checksum).toList());
            for (SourceFile f : next) {
                if (!busy.containsKey(f.checksum())) {
                    mine.add(f);
                }
            }
            pending = next.stream().filter(f -> busy.containsKey(f.checksum())).toList();
            if (pending.isEmpty()) {
                // a content registered between our registry read and our claim is not ours to load
                return skipRegistered(mine, results);
            }
            if (System.currentTimeMillis() > deadline) {
                skipInProgress(pending, busy, results);
                return mine;
            }
            if (!told) {
                progress.accept(pending.size() + " file(s) are being ingested by another job ("
                        + busy.values().iterator().next() + "); waiting for it");
                told = true;
            }
            waitForOtherJob();
        }
    }

    /** The files whose content is not registered yet; the others are reported as duplicates. */
    private List<SourceFile> skipRegistered(List<SourceFile> files, Map<String, FileResult> results) {
        Registry registry = registry();
        registeredBatches = registry.batches();
        List<SourceFile> left = new ArrayList<>();
        for (SourceFile f : files) {
            if (registry.checksums().contains(f.checksum())) {
                results.put(
                        f.path(),
                        new FileResult(f.path(), SKIPPED_DUPLICATE, 0, 0, 0, "same content already ingested"));
            } else {
                left.add(f);
            }
        }
        return left;
    }

    /** Reports files another job still holds once the wait is over: a later run picks them up. */
    private static void skipInProgress(
            List<SourceFile> pending, Map<String, String> busy, Map<String, FileResult> results) {
        for (SourceFile f : pending) {
            results.put(
                    f.path(),
                    new FileResult(
                            f.path(),
                            SKIPPED_IN_PROGRESS,
                            0,
                            0,
                            0,
                            "being ingested by " + busy.get(f.checksum()) + "; run again when it has finished"));
        }
    }

    private static void waitForOtherJob() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another ingest job", e);
        }
    }

    private Map<String, FileResult> load(List<SourceFile> toLoad, String batchId, Timestamp now, HadoopConf conf) {
        Map<FileKind, List<SourceFile>> byKind = new EnumMap<>(FileKind.class);
        toLoad.forEach(
                f -> byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f));
        Map<String, long[]> counts = new LinkedHashMap<>();
        toLoad.forEach(f -> counts.put(f.path(), new long[3]));
        long dossiersBefore = LakeSpark.version(spark, lake, LakeTable.SILVER_DOSSIERS);
        List<Dataset<Row>> quality = new ArrayList<>();

        List<SourceFile> dossiers = byKind.getOrDefault(FileKind.DOSSIERS, List.of());
        if (!dossiers.isEmpty()) {
            quality.add(loadDossiers(dossiers, batchId, now, conf, counts));
        }
        List<SourceFile> records =
                toLoad.stream().filter(f -> f.kind() != FileKind.DOSSIERS).toList();
        if (!records.isEmpty()) {
            write(Step.READ_RECORDS, "bronze records", () -> writeBronzeRecords(records, batchId, now, conf));
            progress.accept("bronze records: written");
            countRead(LakeTable.BRONZE_RECORDS, batchId, counts);
            for (Map.Entry<FileKind, List<SourceFile>> e : byKind.entrySet()) {
                if (e.getKey() != FileKind.DOSSIERS) {
                    quality.add(checkRecords(e.getKey(), e.getValue(), batchId, now, counts));
                }
            }
        }
        countQuarantined(batchId, counts);
        Dataset<Row> dq = quality.stream().reduce(Dataset::unionByName).orElseThrow();
        write(
                Step.MEASURE_QUALITY,
                "data quality",
                () -> LakeSpark.append(dq.coalesce(1), lake, LakeTable.DATA_QUALITY));
        progress.accept("counts and data quality: written");
        boolean rewritten = DeltaRetry.get(
                "silver units",
                progress,
                () -> LakeSpark.step(spark, Step.BUILD_UNITS, () -> SilverUnits.update(spark, lake, dossiersBefore)));
        progress.accept(rewritten ? "units: refreshed" : "units: unchanged (the batch names no district new to them)");
        return reconcile(counts, batchId);
    }

    /**
     * Dossier files to bronze, then checked into quarantine and silver; counts read and accepted
     * rows per file and returns the batch's dossier quality measures.
     */
    private Dataset<Row> loadDossiers(
            List<SourceFile> dossiers, String batchId, Timestamp now, HadoopConf conf, Map<String, long[]> counts) {
        write(Step.READ_DOSSIERS, "bronze dossiers", () -> writeBronze(dossiers, batchId, now, conf));
        progress.accept("bronze: written");
        // Validated once, kept (memory, then local disk) for quarantine, silver, counts and quality:
        // each of them would otherwise re-read bronze and re-run every check.
        Dataset<Row> validated = DossierValidation.validate(
                        batch(LakeTable.BRONZE_DOSSIERS, batchId), SilverUnits.listedDistricts(spark, lake))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            write(
                    Step.CHECK_DOSSIERS,
                    "quarantine",
                    () -> LakeSpark.append(DossierValidation.quarantined(validated, now), lake, LakeTable.QUARANTINE));
            progress.accept("quarantine: written");
            write(Step.CHECK_DOSSIERS, "silver dossiers", () -> mergeSilver(DossierValidation.accepted(validated)));
            progress.accept("silver: written");
            // read and accepted per file in one pass over the kept rows (they are this batch's bronze)
            validated
                    .groupBy("source_file")
                    .agg(count(lit(1)), count(when(col("failure").isNull(), lit(1))))
                    .collectAsList()
                    .forEach(r -> {
                        long[] c = counts.get(r.getString(0));
                        c[0] = r.getLong(1);
                        c[1] = r.getLong(2);
                    });
            return DataQuality.dossiers(validated, batchId, now);
        } finally {
            validated.unpersist();
        }
    }

    /**
     * The batch's bronze records of one kind checked into quarantine and silver; counts accepted
     * records per file and returns the kind's quality measures.
     */
    private Dataset<Row> checkRecords(
            FileKind kind, List<SourceFile> files, String batchId, Timestamp now, Map<String, long[]> counts) {
        Map<String, Map<String, String>> hints = new HashMap<>();
        files.forEach(f -> hints.put(f.path(), f.hints()));
        Dataset<Row> bronze =
                batch(LakeTable.BRONZE_RECORDS, batchId).filter(col("kind").equalTo(kind.code()));
        Dataset<Row> validated = RecordStage.validate(bronze, kind, hints).persist();
        try {
            write(
                    Step.CHECK_RECORDS,
                    "quarantine " + kind.code(),
                    () -> LakeSpark.append(RecordStage.quarantined(validated, now), lake, LakeTable.QUARANTINE));
            write(
                    Step.CHECK_RECORDS,
                    "silver " + kind.code(),
                    () -> mergeRecords(kind, RecordStage.accepted(validated, kind.silver())));
            validated
                    .filter(col("fail_reason").isNull())
                    .groupBy("source_file")
                    .agg(sum("_record"))
                    .collectAsList()
                    .forEach(r -> counts.get(r.getString(0))[1] = r.getLong(1));
            Dataset<Row> quality = DataQuality.records(validated, kind, batchId, now);
            progress.accept("silver " + kind.code() + ": written");
            return quality;
        } finally {
            validated.unpersist();
        }
    }

    /** Rows of this batch quarantined per file (dossiers and records alike). */
    private void countQuarantined(String batchId, Map<String, long[]> counts) {
        LakeSpark.read(spark, lake, LakeTable.QUARANTINE)
                .filter(col("ingest_batch_id").equalTo(batchId))
                .groupBy("source_file")
                .count()
                .collectAsList()
                .forEach(r -> counts.computeIfAbsent(r.getString(0), k -> new long[3])[2] = r.getLong(1));
    }

    /** Each file's result; every row read must be accepted or quarantined, or the batch fails. */
    private Map<String, FileResult> reconcile(Map<String, long[]> counts, String batchId) {
        Map<String, FileResult> results = new LinkedHashMap<>();
        counts.forEach((file, c) -> {
            if (c[0] != c[1] + c[2]) {
                throw new IllegalStateException(file + ": read " + c[0] + " rows but accepted " + c[1]
                        + " + quarantined " + c[2] + "; batch " + batchId + " is not registered, rerun it");
            }
            results.put(
                    file,
                    new FileResult(file, LOADED, c[0], c[1], c[2], c[2] == 0 ? null : c[2] + " row(s) quarantined"));
        });
        progress.accept("silver: "
                + results.values().stream().mapToLong(FileResult::rowsAccepted).sum()
                + " rows accepted, "
                + results.values().stream()
                        .mapToLong(FileResult::rowsQuarantined)
                        .sum()
                + " quarantined");
        return results;
    }

    private void countRead(LakeTable bronze, String batchId, Map<String, long[]> counts) {
        batch(bronze, batchId)
                .groupBy("source_file")
                .agg(count(lit(1)))
                .collectAsList()
                .forEach(r -> counts.get(r.getString(0))[0] = r.getLong(1));
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
                    if (!name.startsWith(".")
                            && !name.startsWith("_")
                            && !name.endsWith(".part")
                            && !name.endsWith(".tmp")
                            && !name.endsWith(".crc")
                            && !name.toLowerCase().endsWith(".md")
                            && !(name.startsWith("manifest") && name.endsWith(".json"))) {
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
        FileProbe.Options probeOptions = new FileProbe.Options(options.kind(), options.period());
        return jsc.parallelize(paths, Math.min(paths.size(), jsc.defaultParallelism() * 4))
                .map(p -> FileProbe.probe(p, conf, probeOptions))
                .collect();
    }

    /** What ops/ingested_files holds: the registered contents and the batches that registered them. */
    private record Registry(Set<String> checksums, Set<String> batches) {}

    private Registry registry() {
        Registry registry = new Registry(new HashSet<>(), new HashSet<>());
        LakeSpark.read(spark, lake, LakeTable.INGESTED_FILES)
                .select("file_checksum", "ingest_batch_id")
                .collectAsList()
                .forEach(r -> {
                    registry.checksums().add(r.getString(0));
                    registry.batches().add(r.getString(1));
                });
        return registry;
    }

    /**
     * What a crashed earlier run wrote for files it never registered: their bronze and quarantine
     * rows, and the reconciliation and quality rows of batches that loaded files but never
     * registered them (a batch that loads anything registers last; batches still running elsewhere,
     * known by their fresh claims, are left alone).
     */
    private void removeLeftovers(List<SourceFile> files, Set<String> liveBatches) {
        Column ofTheseFiles = col("file_checksum")
                .isin(files.stream().map(SourceFile::checksum).toArray());
        for (LakeTable table : List.of(LakeTable.BRONZE_DOSSIERS, LakeTable.BRONZE_RECORDS, LakeTable.QUARANTINE)) {
            if (LakeSpark.exists(spark, lake, table)) {
                Column where =
                        table == LakeTable.BRONZE_DOSSIERS ? outsideRegisteredBatches(ofTheseFiles) : ofTheseFiles;
                write(
                        Step.REMOVE_LEFTOVERS,
                        "remove leftovers " + table.sqlName(),
                        () -> DeltaTable.forPath(spark, table.location(lake)).delete(where));
            }
        }
        Set<String> crashed = unregisteredBatches();
        crashed.removeAll(liveBatches);
        if (!crashed.isEmpty()) {
            progress.accept("removing what crashed batch(es) " + crashed + " left behind");
            for (LakeTable table : List.of(LakeTable.RECONCILIATION, LakeTable.DATA_QUALITY)) {
                if (LakeSpark.exists(spark, lake, table)) {
                    write(
                            Step.REMOVE_LEFTOVERS,
                            "remove leftovers " + table.sqlName(),
                            () -> DeltaTable.forPath(spark, table.location(lake))
                                    .delete(col("ingest_batch_id").isin(crashed.toArray())));
                }
            }
        }
    }

    /**
     * The condition, within the bronze partitions of batches not registered when the registry was
     * last read. A file not registered has no rows in a registered batch's partition (a batch
     * registers every file it loaded, in one commit), so the DELETE reads only the partitions of
     * crashed or running batches instead of every bronze file whose statistics span the checksums.
     * A registry read earlier excludes fewer partitions, never one it should not.
     */
    private Column outsideRegisteredBatches(Column condition) {
        return registeredBatches.isEmpty()
                ? condition
                : condition.and(
                        col("ingest_batch_id").isin(registeredBatches.toArray()).unary_$bang());
    }

    /**
     * Batches with loaded files in ops/reconciliation or rows in ops/data_quality that did not
     * register. One query, one task (these tables hold a few rows per batch, so no shuffle is worth
     * its job): the registry is read with the other two, not before them (a batch writes them
     * before it registers).
     */
    private Set<String> unregisteredBatches() {
        Dataset<Row> batches = LakeSpark.read(spark, lake, LakeTable.RECONCILIATION)
                .filter(col("status").equalTo(LOADED))
                .select(col("ingest_batch_id"), lit(false).as("registered"))
                .union(LakeSpark.read(spark, lake, LakeTable.DATA_QUALITY)
                        .select(col("ingest_batch_id"), lit(false).as("registered")))
                .union(LakeSpark.read(spark, lake, LakeTable.INGESTED_FILES)
                        .select(col("ingest_batch_id"), lit(true).as("registered")));
        Set<String> unregistered = new HashSet<>();
        batches.coalesce(1)
                .groupBy("ingest_batch_id")
                .agg(max("registered").as("registered"))
                .filter(not(col("registered")))
                .collectAsList()
                .forEach(r -> unregistered.add(r.getString(0)));
        return unregistered;
    }

    /** One write of a lineage step (its commits name the step), retried when a concurrent job committed first. */
    private void write(Step step, String what, Runnable write) {
        DeltaRetry.run(what, progress, () -> LakeSpark.step(spark, step, write));
    }

    private void writeBronze(List<SourceFile> files, String batchId, Timestamp now, HadoopConf conf) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = jsc.parallelize(files, readTasks(files, jsc.defaultParallelism()))
                .flatMap(f -> DossierFileReader.read(f, batchId, now, conf));
        Dataset<Row> bronze = spark.createDataFrame(rows, LakeSpark.schema(LakeTable.BRONZE_DOSSIERS));
        progress.accept("bronze: reading " + files.size() + " file(s)");
        LakeSpark.append(bronze, lake, LakeTable.BRONZE_DOSSIERS);
    }

    private void writeBronzeRecords(List<SourceFile> files, String batchId, Timestamp now, HadoopConf conf) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = jsc.parallelize(files, readTasks(files, jsc.defaultParallelism()))
                .flatMap(f -> RecordFileReader.read(f, batchId, now, conf));
        LakeSpark.append(
                spark.createDataFrame(rows, LakeSpark.schema(LakeTable.BRONZE_RECORDS)),
                lake,
                LakeTable.BRONZE_RECORDS);
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

    private Dataset<Row> batch(LakeTable table, String batchId) {
        return LakeSpark.read(spark, lake, table).filter(col("ingest_batch_id").equalTo(batchId));
    }

    /** Orders a dossier's states: a later state wins a tie on time (overdue after within the deadline). */
    static final String STATUS_RANK = "CASE %s WHEN '" + DossierStatus.PENDING_WITHIN_DEADLINE.code()
            + "' THEN 1 WHEN '" + DossierStatus.PENDING_OVERDUE.code() + "' THEN 2 ELSE 3 END";

    /**
     * Latest state per dossier by its update time: within the batch the newest row wins; against
     * silver, a row replaces the stored one unless the stored one is newer. Silver's change data
     * feed keeps every replaced state queryable.
     */
    private void mergeSilver(Dataset<Row> accepted) {
        prepareSilver(LakeTable.SILVER_DOSSIERS);
        new SilverWrite(
                        LakeTable.SILVER_DOSSIERS,
                        col("dossier_id"),
                        "t.dossier_id = s.dossier_id",
                        "s.updated_at > t.updated_at OR (s.updated_at = t.updated_at AND "
                                + String.format(STATUS_RANK, "s.status") + " >= "
                                + String.format(STATUS_RANK, "t.status") + ")",
                        List.of(
                                desc("updated_at"),
                                expr(String.format(STATUS_RANK, "status")).desc(),
                                desc("source_file"),
                                desc("row_number")))
                .write(spark, lake, accepted);
    }

    /** One row per key of the kind's silver table, the latest update winning; history in the change feed. */
    private void mergeRecords(FileKind kind, Dataset<Row> accepted) {
        LakeTable table = kind.silver();
        List<String> key = RecordStage.key(kind);
        prepareSilver(table);
        new SilverWrite(
                        table,
                        to_json(struct(key.stream().map(k -> col(k)).toArray(Column[]::new))),
                        key.stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND ")),
                        "s.updated_at >= t.updated_at",
                        List.of(desc("updated_at"), desc("source_file"), desc("row_number")))
                .write(spark, lake, accepted);
    }

    /**
     * Creates a silver table with its change data feed on from version 0 (its whole history is
     * readable) and deletion vectors (a MERGE marks replaced rows instead of copying their files);
     * an existing table gets the properties it lacks. Once per table and process: not per batch.
     */
    private void prepareSilver(LakeTable table) {
        String location = table.location(lake);
        if (PREPARED_SILVER.contains(location)) {
            return;
        }
        LakeSpark.ensureTable(spark, lake, table, SILVER_PROPERTIES);
        Map<String, String> present = new HashMap<>();
        spark.sql("SHOW TBLPROPERTIES delta.`" + location + "`")
                .collectAsList()
                .forEach(r -> present.put(r.getString(0), r.getString(1)));
        String missing = SILVER_PROPERTIES.entrySet().stream()
                .filter(e -> !e.getValue().equals(present.get(e.getKey())))
                .map(e -> e.getKey() + " = " + e.getValue())
                .sorted()
                .collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            spark.sql("ALTER TABLE delta.`" + location + "` SET TBLPROPERTIES (" + missing + ")");
        }
        PREPARED_SILVER.add(location);
    }

    private void recordReconciliation(
            IngestReport report, Map<String, String> checksumOf, Map<String, String> kindOf, Timestamp now) {
        if (report.files().isEmpty()) {
            return;
        }
        List<Row> rows = report.files().stream()
                .map(f -> RowFactory.create(
                        report.batchId(),
                        f.sourceFile(),
                        checksumOf.get(f.sourceFile()),
                        f.status(),
                        f.rowsRead(),
                        f.rowsAccepted(),
                        f.rowsQuarantined(),
                        f.message(),
                        now,
                        kindOf.get(f.sourceFile())))
                .toList();
        LakeSpark.append(
                spark.createDataFrame(rows, LakeSpark.schema(LakeTable.RECONCILIATION)),
                lake,
                LakeTable.RECONCILIATION);
    }

    /** The commit marker of the batch: from here on these contents count as ingested. */
    private void registerFiles(List<SourceFile> loaded, IngestReport report, String batchId, Timestamp now) {
        if (loaded.isEmpty()) {
            return;
        }
        Map<String, Long> read = new HashMap<>();
        report.files().forEach(f -> read.put(f.sourceFile(), f.rowsRead()));
        List<Row> rows = loaded.stream()
                .map(f -> RowFactory.create(
                        f.checksum(),
                        f.path(),
                        f.bytes(),
                        batchId,
                        read.getOrDefault(f.path(), 0L),
                        now,
                        f.kind().code()))
                .toList();
        LakeSpark.append(
                spark.createDataFrame(rows, LakeSpark.schema(LakeTable.INGESTED_FILES)),
                lake,
                LakeTable.INGESTED_FILES);
    }

    private static List<FileResult> orderLike(List<String> paths, Map<String, FileResult> results) {
        List<FileResult> ordered = new ArrayList<>();
        paths.forEach(p -> {
            if (results.containsKey(p)) {
                ordered.add(results.get(p));
            }
        });
        return ordered;
    }

    private static long countStatus(Map<String, FileResult> results, String status) {
        return results.values().stream().filter(r -> r.status().equals(status)).count();
    }

    private static String newBatchId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
