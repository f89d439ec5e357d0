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
 * with nothing (once in the batch, absent from the table) are inserted by an insert-only MERGE:
 * Delta's anti-join path, which rewrites no file, yet reads the key, so Delta refuses the commit
 * when a concurrent job committed the same key (a plain append is blind and would not be refused).
 * Only the colliding rows are reduced to the latest per key and merged with the table's winner
 * rule, so a batch of new keys no longer rewrites the files of the keys it updates.
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
            boolean storedMeanwhile = !insertFresh(spark, lake, fresh);
            // a key stored by another job since it was looked up goes through the winner rule too
            mergeLatest(spark, lake, storedMeanwhile ? colliding.unionByName(fresh) : colliding);
        } finally {
            flagged.unpersist();
        }
    }

    /** Marks rows whose key is repeated in the batch or already stored (reading only the table's key). */
    private Dataset<Row> flagCollisions(SparkSession spark, String lake, Dataset<Row> keyed) {
        Dataset<Row> stored = LakeSpark.read(spark, lake, table).select(keyValue.as(KEY));
        Dataset<Row> repeated =
                keyed.groupBy(KEY).count().filter(col("count").gt(1)).select(KEY);
        Dataset<Row> present = keyed.select(KEY).distinct().join(stored, KEY, "left_semi");
        Dataset<Row> colliding = repeated.union(present).distinct().withColumn(COLLIDES, lit(true));
        return keyed.join(colliding, KEY, "left");
    }

    /** Inserts rows of keys not stored; false if some key was stored meanwhile (its row not inserted). */
    private boolean insertFresh(SparkSession spark, String lake, Dataset<Row> fresh) {
        long rows = fresh.count();
        if (rows == 0) {
            return true;
        }
        Row metrics = DeltaTable.forPath(spark, table.location(lake))
                .as("t")
                .merge(LakeSpark.conform(fresh, table).as("s"), on)
                .whenNotMatched()
                .insertAll()
                .execute()
                .head();
        return metrics.<Long>getAs("num_inserted_rows") == rows;
    }

    /** The latest row per key of the batch replaces the stored one unless that one wins the table's rule. */
    private void mergeLatest(SparkSession spark, String lake, Dataset<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Dataset<Row> latest = rows.withColumn(
                        "_n",
                        row_number().over(Window.partitionBy(keyValue).orderBy(latestFirst.toArray(Column[]::new))))
                .filter(col("_n").equalTo(1))
                .drop("_n");
        DeltaTable.forPath(spark, table.location(lake))
                .as("t")
                .merge(LakeSpark.conform(latest, table).as("s"), on)
                .whenMatched(replaces)
                .updateAll()
                .whenNotMatched()
                .insertAll()
                .execute();
    }
}
