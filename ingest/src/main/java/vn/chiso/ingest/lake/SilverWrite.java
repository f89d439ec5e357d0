package vn.chiso.ingest.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.delta.tables.DeltaMergeBuilder;
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
 * row. When no key of the batch collides (a first load, a day of new dossiers) the rows go in by an
 * insert-only MERGE: Delta appends the rows it finds no match for, with no copy of the source and
 * no rewrite. It is still a MERGE, not a plain append: it reads the key, so Delta refuses its
 * commit when a concurrent job committed to the table (a blind append is never refused, and two
 * jobs could both add one dossier). Otherwise the colliding rows are reduced to the latest per key
 * and join the fresh rows in one MERGE, under the table's winner rule.
 *
 * @param table the silver table
 * @param keyValue one non-null value per key (a key of several or nullable columns as JSON)
 * @param on the MERGE condition on the key, target {@code t}, source {@code s}
 * @param replaces when a source row replaces the stored one of its key
 * @param latestFirst orders a key's rows of one batch, the winner first
 */
public record SilverWrite(LakeTable table, Column keyValue, String on, String replaces, List<Column> latestFirst) {

    private static final String KEY = "_silver_key";

    /** Writes the rows; the same rows written again leave the table as it is. */
    public void write(SparkSession spark, String lake, Dataset<Row> accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        if (!mergeOnce(spark, lake, accepted, LakeSpark.version(spark, lake, table))) {
            // another job committed between the key check and the insert-only MERGE: where its rows
            // share keys with ours, that MERGE kept theirs; now they collide and meet the rule
            mergeOnce(spark, lake, accepted, LakeSpark.version(spark, lake, table));
        }
    }

    /**
     * One MERGE of the rows with the keys checked at {@code version}: insert-only when none
     * collides, else under the rule. False when the insert-only MERGE was not the next commit.
     */
    private boolean mergeOnce(SparkSession spark, String lake, Dataset<Row> accepted, long version) {
        // only the colliding keys are kept: one narrow column, usually a day's updates at most
        Dataset<Row> colliding = collidingKeys(spark, lake, accepted, version).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            if (colliding.isEmpty()) {
                mergeInto(spark, lake, accepted).whenNotMatched().insertAll().execute();
                return LakeSpark.version(spark, lake, table) == version + 1;
            }
            Dataset<Row> keyed = accepted.withColumn(KEY, keyValue);
            Dataset<Row> fresh = keyed.join(colliding, KEY, "left_anti").drop(KEY);
            Dataset<Row> repeated = keyed.join(colliding, KEY, "left_semi").drop(KEY);
            // fresh rows and the reduced colliding ones share the one scan for matches
            mergeInto(spark, lake, fresh.unionByName(latest(repeated)))
                    .whenMatched(replaces)
                    .updateAll()
                    .whenNotMatched()
                    .insertAll()
                    .execute();
            return true;
        } finally {
            colliding.unpersist();
        }
    }

    /**
     * The keys repeated in the batch or already stored, reading only the table's key at one
     * version: a frame of the latest version would see the fresh rows once they are merged.
     */
    private Dataset<Row> collidingKeys(SparkSession spark, String lake, Dataset<Row> accepted, long version) {
        Dataset<Row> stored = spark.read()
                .format("delta")
                .option("versionAsOf", version)
                .load(table.location(lake))
                .select(keyValue.as(KEY));
        // one aggregation of the batch's keys gives both the repeated and the distinct ones
        Dataset<Row> counted = accepted.groupBy(keyValue.as(KEY)).count();
        Dataset<Row> repeated = counted.filter(col("count").gt(1)).select(KEY);
        // the table's keys stream past the batch's: a day's keys are small enough to broadcast, and
        // then the table's millions of keys are not shuffled
        Dataset<Row> present = stored.join(counted.select(KEY), KEY, "left_semi");
        return repeated.union(present).distinct();
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
     * A MERGE of rows of distinct keys into the table. Rows of keys not stored (the usual case for
     * the fresh ones) touch no stored file: the commit only adds files. A fresh key that another
     * job stored meanwhile meets the table's rule (after an insert-only MERGE, by the full one).
     */
    private DeltaMergeBuilder mergeInto(SparkSession spark, String lake, Dataset<Row> rows) {
        return DeltaTable.forPath(spark, table.location(lake))
                .as("t")
                .merge(LakeSpark.conform(rows, table).as("s"), on);
    }
}
