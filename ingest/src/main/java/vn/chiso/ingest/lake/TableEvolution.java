package vn.chiso.ingest.lake;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.Column;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;

/**
 * Brings an existing table up to the contract when the contract has gained optional columns (e.g.
 * a lake written before {@code ops/reconciliation.kind} existed): adds them, in one commit, as
 * nullable columns. Existing rows read them as null. Never drops or retypes anything.
 */
public final class TableEvolution {

    /** Tables (by location) this process has brought up to the contract: their schema is read once. */
    private static final Set<String> EVOLVED = ConcurrentHashMap.newKeySet();

    private TableEvolution() {}

    /**
     * As {@link #addMissingColumns}, once per table location and process: a later batch finds the
     * columns there (the contract does not change while the process runs). An absent table is not
     * recorded: the next call looks again (a file-system check until the table exists).
     */
    public static void addMissingColumnsOnce(SparkSession spark, String lake, LakeTable table) {
        String location = table.location(lake);
        if (!EVOLVED.contains(location) && addMissingColumns(spark, lake, table)) {
            EVOLVED.add(location);
        }
    }

    /** Adds the optional columns the table lacks; false when the table does not exist (nothing to do). */
    public static boolean addMissingColumns(SparkSession spark, String lake, LakeTable table) {
        if (!LakeSpark.exists(spark, lake, table)) {
            return false;
        }
        Set<String> present =
                Set.of(spark.read().format("delta").load(table.location(lake)).columns());
        String missing = table.columns().stream()
                .filter(c -> !present.contains(c.name()))
                .filter(Column::nullable)
                .map(c -> "`" + c.name() + "` " + c.sqlType())
                .collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            spark.sql("ALTER TABLE delta.`" + table.location(lake) + "` ADD COLUMNS (" + missing + ")");
        }
        return true;
    }
}
