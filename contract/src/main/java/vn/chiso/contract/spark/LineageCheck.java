package vn.chiso.contract.spark;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Lineage;

/**
 * Holds the lake's history to the declared lineage: every commit that changed a table's rows must
 * name (in its {@code userMetadata}) a {@link Lineage.Step} that declares the table as an output.
 * Commits that only change metadata (creating an empty table, adding columns, properties) are free.
 */
public final class LineageCheck {

    /** Delta operations that change rows. */
    static final Set<String> DATA_OPERATIONS = Set.of(
            "WRITE",
            "MERGE",
            "DELETE",
            "UPDATE",
            "STREAMING UPDATE",
            "CREATE TABLE AS SELECT",
            "REPLACE TABLE AS SELECT",
            "CREATE OR REPLACE TABLE AS SELECT",
            "TRUNCATE");

    private LineageCheck() {}

    /** One line per commit that wrote rows without a step declaring the table; empty when all hold. */
    public static List<String> undeclaredWrites(SparkSession spark, String lakeRoot) {
        List<String> problems = new ArrayList<>();
        for (LakeTable table : LakeTable.values()) {
            if (!LakeSpark.exists(spark, lakeRoot, table)) {
                continue;
            }
            for (Row commit : DeltaTable.forPath(spark, table.location(lakeRoot))
                    .history()
                    .select("version", "operation", "userMetadata")
                    .collectAsList()) {
                String operation = commit.getString(1);
                if (!DATA_OPERATIONS.contains(operation)) {
                    continue;
                }
                String stepId = commit.isNullAt(2) ? null : commit.getString(2);
                Lineage.Step step = stepId == null ? null : Lineage.Step.ofId(stepId);
                if (step == null || !step.writes(table)) {
                    problems.add(table.relativePath() + " v" + commit.getLong(0) + " (" + operation + ") written by "
                            + (stepId == null ? "no declared step" : "'" + stepId + "'")
                            + (step == null
                                    ? ""
                                    : ", which does not declare it; producers: "
                                            + Lineage.producers(table).stream()
                                                    .map(Lineage.Step::id)
                                                    .toList()));
                }
            }
        }
        return problems;
    }
}
