package vn.chiso.ingest.lake;

import java.util.Set;
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

    private TableEvolution() {}

    public static void addMissingColumns(SparkSession spark, String lake, LakeTable table) {
        if (!LakeSpark.exists(spark, lake, table)) {
            return;
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
    }
}
