package vn.chiso.contract.spark;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Lineage;
import vn.chiso.contract.SparkDefaults;

/**
 * Spark side of the lake contract: the session every job uses, table schemas as StructTypes, and
 * reads/registration by table. Spark is a provided dependency of this module, so the API (which
 * must not load Spark) can depend on the contract without pulling it in.
 */
public final class LakeSpark {

    private LakeSpark() {}

    /**
     * The job's session. Runs embedded ({@code local[*]}) unless a master was given by spark-submit
     * or {@code -Dspark.master=...}. Settings given by spark-submit ({@code --conf}) win over the
     * lake's defaults.
     */
    public static SparkSession session(String appName) {
        SparkConf conf = new SparkConf(); // loads spark.* system properties, as spark-submit sets them
        SparkDefaults.conf().forEach((key, value) -> {
            if (!conf.contains(key)) {
                conf.set(key, value);
            }
        });
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        return SparkSession.builder().appName(appName).config(conf).getOrCreate();
    }

    /** The session setting Delta copies into every commit's {@code userMetadata}. */
    static final String COMMIT_USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    /**
     * Runs one lineage step: every Delta commit made meanwhile names it, so the lake's history says
     * which step wrote what and {@link LineageCheck} can hold it to its declared outputs.
     */
    public static <T> T step(SparkSession spark, Lineage.Step step, java.util.function.Supplier<T> work) {
        scala.Option<String> before = spark.conf().getOption(COMMIT_USER_METADATA);
        spark.conf().set(COMMIT_USER_METADATA, step.id());
        try {
            return work.get();
        } finally {
            if (before.isDefined()) {
                spark.conf().set(COMMIT_USER_METADATA, before.get());
            } else {
                spark.conf().unset(COMMIT_USER_METADATA);
            }
        }
    }

    public static void step(SparkSession spark, Lineage.Step step, Runnable work) {
        step(spark, step, () -> {
            work.run();
            return null;
        });
    }

    public static StructType schema(LakeTable table) {
        return StructType.fromDDL(table.ddl());
    }

    private static final long LEFTOVER_QUIET_MILLIS = 10_000;

    private static final java.util.regex.Pattern COMMIT_OR_CHECKPOINT =
            java.util.regex.Pattern.compile("\\d{20}\\.(json|checkpoint.*\\.parquet)");

    /** Whether the table has a committed version; a file-system check that starts no Spark job. */
    public static boolean exists(SparkSession spark, String lakeRoot, LakeTable table) {
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(table.location(lakeRoot), "_delta_log");
        try {
            org.apache.hadoop.fs.FileSystem fs =
                    log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            // a crash before the first commit can leave _delta_log with only _commits/ or temp files
            return fs.exists(log)
                    && fs.listStatus(
                                            log,
                                            f -> COMMIT_OR_CHECKPOINT
                                                    .matcher(f.getName())
                                                    .matches())
                                    .length
                            > 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot check " + log, e);
        }
    }

    /** The table's current version as a DataFrame; an empty frame with its schema if not written yet. */
    public static Dataset<Row> read(SparkSession spark, String lakeRoot, LakeTable table) {
        if (!exists(spark, lakeRoot, table)) {
            return spark.createDataFrame(java.util.List.of(), schema(table));
        }
        return spark.read().format("delta").load(table.location(lakeRoot));
    }

    /** Registers every existing table of the lake as a temporary view named {@link LakeTable#sqlName()}. */
    public static void registerTables(SparkSession spark, String lakeRoot) {
        for (LakeTable table : LakeTable.values()) {
            if (exists(spark, lakeRoot, table)) {
                read(spark, lakeRoot, table).createOrReplaceTempView(table.sqlName());
            }
        }
    }

    /** Creates the table with the contract's schema (NOT NULL columns enforced by Delta) if it is missing. */
    public static void ensureTable(SparkSession spark, String lakeRoot, LakeTable table) {
        ensureTable(spark, lakeRoot, table, Map.of());
    }

    /** As {@link #ensureTable(SparkSession, String, LakeTable)}, with table properties set at creation. */
    public static void ensureTable(
            SparkSession spark, String lakeRoot, LakeTable table, Map<String, String> properties) {
        if (exists(spark, lakeRoot, table)) {
            return;
        }
        removeCrashLeftovers(spark, lakeRoot, table);
        DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
                .location(table.location(lakeRoot))
                .addColumns(schema(table))
                .partitionedBy(table.partitionColumns().toArray(String[]::new));
        properties.forEach(builder::property);
        builder.execute();
    }

    /**
     * For a table without a version: a crash before the first commit leaves its directory (maybe a
     * _delta_log with temp files, maybe orphan data files), and CREATE IF NOT EXISTS takes the
     * directory for a table. A live writer commits within moments of making the directory, so once it has been
     * quiet for {@link #LEFTOVER_QUIET_MILLIS} with still no version, it is removed, as VACUUM
     * removes files no version references, and the table is created.
     */
    private static void removeCrashLeftovers(SparkSession spark, String lakeRoot, LakeTable table) {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(table.location(lakeRoot));
        try {
            org.apache.hadoop.fs.FileSystem fs =
                    dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir)) {
                return;
            }
            long wait = lastModified(fs, dir) + LEFTOVER_QUIET_MILLIS - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            if (!exists(spark, lakeRoot, table) && fs.exists(dir)) {
                System.err.println("chiso: removing " + dir + ", left without a version by a crashed first write");
                fs.delete(dir, true);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove what a crash left in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + dir, e);
        }
    }

    private static long lastModified(org.apache.hadoop.fs.FileSystem fs, org.apache.hadoop.fs.Path dir)
            throws java.io.IOException {
        long newest = fs.getFileStatus(dir).getModificationTime();
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(dir, "_delta_log");
        if (fs.exists(log)) {
            for (org.apache.hadoop.fs.FileStatus entry : fs.listStatus(log)) {
                newest = Math.max(newest, entry.getModificationTime());
            }
        }
        return newest;
    }

    /**
     * The frame's columns in contract order, cast to the contract's types; extra columns dropped,
     * optional columns the frame lacks set to null.
     */
    public static Dataset<Row> conform(Dataset<Row> frame, LakeTable table) {
        java.util.Set<String> present = java.util.Set.of(frame.columns());
        Column[] columns = table.columns().stream()
                .map(c -> (present.contains(c.name()) || !c.nullable() ? functions.col(c.name()) : functions.lit(null))
                        .cast(c.sqlType())
                        .as(c.name()))
                .toArray(Column[]::new);
        return frame.select(columns);
    }

    public static void append(Dataset<Row> frame, String lakeRoot, LakeTable table) {
        write(frame, lakeRoot, table, "append");
    }

    /** Replaces the table's content in one commit; readers of earlier versions keep theirs. */
    public static void overwrite(Dataset<Row> frame, String lakeRoot, LakeTable table) {
        write(frame, lakeRoot, table, "overwrite");
    }

    /** Replaces the rows matching a predicate (e.g. one index's rankings) in one commit. */
    public static void replace(Dataset<Row> frame, String lakeRoot, LakeTable table, String predicate) {
        ensureTable(frame.sparkSession(), lakeRoot, table);
        conform(frame, table)
                .write()
                .format("delta")
                .mode("overwrite")
                .option("replaceWhere", predicate)
                .save(table.location(lakeRoot));
    }

    private static void write(Dataset<Row> frame, String lakeRoot, LakeTable table, String mode) {
        ensureTable(frame.sparkSession(), lakeRoot, table);
        conform(frame, table).write().format("delta").mode(mode).save(table.location(lakeRoot));
    }

    /** Latest Delta version of a table, or -1 if it does not exist. */
    public static long version(SparkSession spark, String lakeRoot, LakeTable table) {
        return exists(spark, lakeRoot, table)
                ? latestSnapshot(spark, lakeRoot, table).version()
                : -1;
    }

    /**
     * The table's latest snapshot (version, metadata, properties), read from its log each call: a
     * listing and the commits since the last one seen, no Spark job (a history read starts two).
     */
    public static org.apache.spark.sql.delta.Snapshot latestSnapshot(
            SparkSession spark, String lakeRoot, LakeTable table) {
        org.apache.spark.sql.delta.DeltaLog log =
                org.apache.spark.sql.delta.DeltaLog.forTable(spark, table.location(lakeRoot));
        return log.update(log.update$default$1(), log.update$default$2(), log.update$default$3());
    }
}
