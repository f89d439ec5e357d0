package vn.chiso.ingest.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;

/**
 * A batch's accepted rows into a silver table that keeps one row per key. Rows whose key collides
 * with nothing (once in the batch, absent from the table) need no reduction and match no stored
 * row: their MERGE finds no file to touch and only adds files. It is still a MERGE, not a plain
 * append: it reads the key, so Delta refuses its commit when a concurrent job committed the same
 * key (a blind append is never refused, and two jobs could both add one dossier). Only the
 * colliding rows are reduced to the latest per key; they join the fresh rows in the same MERGE,
 * under the table's winner rule.
 *
 * @param table the silver table
 * @param keyValue one non-null value per key (a key of several or nullable columns as JSON)
 * @param on the MERGE condition on the key, target {@code t}, source {@code s}
 * @param replaces when a source row replaces the stored one of its key
 * @param latestFirst orders a key's rows of one batch, the winner first
 */
public record SilverWrite(LakeTable table, Column keyValue, String on, String replaces, List<Column> latestFirst) {

    private static final String KEY = "_silver_key";
    private static final String COLLIDES = "_collides";

    /** Writes the rows; the same rows written again leave the table as it is. */
    public void write(SparkSession spark, String lake, Dataset<Row> accepted) {
        Dataset<Row> flagged =
                flagCollisions(spark, lake, accepted.withColumn(KEY, keyValue)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> fresh = flagged.filter(col(COLLIDES).isNull()).drop(KEY, COLLIDES);
            Dataset<Row> colliding = flagged.filter(col(COLLIDES)).drop(KEY, COLLIDES);
            // one MERGE either way: fresh rows alone take Delta's insert-only path, and with
            // reduced colliding rows they share the one scan for matches
            merge(spark, lake, colliding.isEmpty() ? fresh : fresh.unionByName(latest(colliding)));
        } finally {
            flagged.unpersist();
        }
    }

    /**
     * Marks rows whose key is repeated in the batch or already stored, reading only the table's key
     * at one version: a frame of the latest version would see the fresh rows once they are merged.
     */
    private Dataset<Row> flagCollisions(SparkSession spark, String lake, Dataset<Row> keyed) {
        Dataset<Row> stored = spark.read()
                .format("delta")
                .option("versionAsOf", LakeSpark.version(spark, lake, table))
                .load(table.location(lake))
                .select(keyValue.as(KEY));
        Dataset<Row> repeated =
                keyed.groupBy(KEY).count().filter(col("count").gt(1)).select(KEY);
        Dataset<Row> present = keyed.select(KEY).distinct().join(stored, KEY, "left_semi");
        Dataset<Row> colliding = repeated.union(present).distinct().withColumn(COLLIDES, lit(true));
        return keyed.join(colliding, KEY, "left");
    }

    /** A key's rows of the batch reduced to the winner. */
    private Dataset<Row> latest(Dataset<Row> rows) {
        return rows.withColumn(
                        "_n",
                        row_number().over(Window.partitionBy(keyValue).orderBy(latestFirst.toArray(Column[]::new))))
                .filter(col("_n").equalTo(1))
                .drop("_n");
    }

    /**
     * Rows of distinct keys: each replaces its key's stored row when it wins the table's rule, or is
     * inserted. Rows of keys not stored (the usual case for the fresh ones) touch no stored file: the
     * commit only adds files. A fresh key that another job stored meanwhile meets the same rule.
     */
    private void merge(SparkSession spark, String lake, Dataset<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        DeltaTable.forPath(spark, table.location(lake))
                .as("t")
                .merge(LakeSpark.conform(rows, table).as("s"), on)
                .whenMatched(replaces)
                .updateAll()
                .whenNotMatched()
                .insertAll()
                .execute();
    }
}
