package vn.chiso.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spark and Delta settings every job of the lake uses, as plain data so that this module needs no
 * Spark. A cluster run passes its own master through spark-submit; these stay the same.
 */
public final class SparkDefaults {

    /** Dates in provinces' files are Vietnam local time. */
    public static final String TIME_ZONE = "Asia/Ho_Chi_Minh";

    private SparkDefaults() {}

    public static Map<String, String> conf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        conf.put("spark.sql.session.timeZone", TIME_ZONE);
        conf.put("spark.sql.ansi.enabled", "true");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.ui.showConsoleProgress", "false");
        conf.put("spark.sql.adaptive.enabled", "true");
        conf.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
        // Embedded runs on a few cores: Spark's 200 shuffle partitions cost more than they bring;
        // a cluster sets its own with --conf spark.sql.shuffle.partitions=N.
        conf.put("spark.sql.shuffle.partitions", "8");
        // Delta replays its log with 50 partitions by default: far too many for tables this size.
        conf.put("spark.databricks.delta.snapshotPartitions", "4");
        // Cached frames (an ingest keeps a batch's checked rows for its four readers) stay plain
        // columns: compressing them cost more CPU than it saved in spills (bench/README.md).
        conf.put("spark.sql.inMemoryColumnarStorage.compressed", "false");
        // A task writing rows of several partitions (silver's months) keeps a file open per partition
        // instead of sorting its rows by partition first (beyond 16 it sorts the rest): at 10M the
        // sort on (year, month) cost 60 CPU s (bench/README.md).
        conf.put("spark.sql.maxConcurrentOutputFileWriters", "16");
        return conf;
    }
}
