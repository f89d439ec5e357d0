package vn.chiso.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.chiso.ingest.IngestJobTest.HEADER;
import static vn.chiso.ingest.IngestJobTest.row;
import static vn.chiso.ingest.IngestJobTest.write;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.contract.spark.TestSpark;

/**
 * Silver dossiers written as inserts where no key collides and merged only where one does: new
 * dossiers copy no stored row, the winner rules are those of a MERGE of every row, and the same
 * rows written again (as after a kill between the insert and the merge) change nothing.
 */
@Tag("integration") // real Delta tables in a temp dir
class SilverAppendTest {

    private static final String WITHIN = "Đang giải quyết trong hạn";
    private static final String OVERDUE = "Đang giải quyết quá hạn";
    private static final String ON_TIME = "Đã giải quyết đúng hạn";

    private final SparkSession spark = TestSpark.session();

    @Test
    void newDossiersAreInsertedWithoutRewritingStoredOnes(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        ingest(lake, history(tmp));
        ingest(
                lake,
                write(
                        tmp,
                        "new.csv",
                        List.of(HEADER, row("D-4", "01", "03/01/2024 08:00", "09/01/2024 17:00", "", WITHIN))));

        Row last = lastSilverCommit(lake);
        assertEquals("MERGE", last.getAs("operation"));
        Map<String, String> metrics = last.getJavaMap(last.fieldIndex("operationMetrics"));
        assertEquals("1", metrics.get("numTargetRowsInserted"));
        assertEquals("0", metrics.get("numTargetRowsUpdated"));
        assertEquals("0", metrics.get("numTargetRowsCopied"), "no stored row copied");
        assertEquals("0", metrics.get("numTargetFilesRemoved"), "no stored file rewritten");
        long version = last.getAs("version");
        List<Row> changes = spark.read()
                .format("delta")
                .option("readChangeFeed", "true")
                .option("startingVersion", version)
                .load(LakeTable.SILVER_DOSSIERS.location(lake))
                .select("dossier_id", "_change_type")
                .collectAsList();
        assertEquals(
                List.of("D-4 insert"),
                changes.stream().map(r -> r.get(0) + " " + r.get(1)).toList());
    }

    @Test
    void duplicatesAndUpdatesFollowTheWinnerRulesAndAReplayChangesNothing(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        ingest(lake, history(tmp));
        List<String> day = List.of(
                HEADER,
                // stored D-1 resolved later: the update wins
                row("D-1", "01", "02/01/2024 08:00", "05/01/2024 17:00", "04/01/2024 10:00", ON_TIME),
                // twice in the batch, not stored: the later state wins
                row("D-5", "01", "03/01/2024 08:00", "04/01/2024 17:00", "", WITHIN),
                row("D-5", "01", "03/01/2024 08:00", "04/01/2024 17:00", "", OVERDUE),
                // stored D-3 is newer (resolved): the stored state stays
                row("D-3", "01", "02/01/2024 08:00", "08/01/2024 17:00", "", WITHIN),
                // new, once: inserted
                row("D-6", "01", "03/01/2024 09:00", "09/01/2024 17:00", "", WITHIN));
        Path batch = write(tmp, "day/day.csv", day);
        ingest(lake, batch);
        Map<String, String> expected = Map.of(
                "D-1", "resolved_on_time",
                "D-2", "pending_within_deadline",
                "D-3", "resolved_on_time",
                "D-5", "pending_overdue",
                "D-6", "pending_within_deadline");
        assertEquals(expected, silverStatuses(lake));
        List<Row> afterFirst = silverRows(lake);

        // killed after silver was written, before the batch was registered: the rerun loads it again
        DeltaTable.forPath(spark, LakeTable.INGESTED_FILES.location(lake))
                .delete(col("source_file").endsWith("day/day.csv"));
        ingest(lake, batch);
        assertEquals(afterFirst, silverRows(lake), "a replay leaves silver as it was");
        assertEquals(5, LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS).count());
    }

    @Test
    void anUpdateMarksOnlyTheFileOfTheMonthItsDossierWasReceivedIn(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        ingest(
                lake,
                write(
                        tmp,
                        "months.csv",
                        List.of(
                                HEADER,
                                row("D-1", "01", "02/01/2024 08:00", "05/01/2024 17:00", "", WITHIN),
                                row("D-7", "01", "04/03/2024 08:00", "08/03/2024 17:00", "", WITHIN),
                                row("D-8", "01", "05/03/2024 08:00", "08/03/2024 17:00", "", WITHIN))));
        ingest(
                lake,
                write(
                        tmp,
                        "update.csv",
                        List.of(
                                HEADER,
                                row(
                                        "D-7",
                                        "01",
                                        "04/03/2024 08:00",
                                        "08/03/2024 17:00",
                                        "06/03/2024 10:00",
                                        ON_TIME))));

        Row last = lastSilverCommit(lake);
        Map<String, String> metrics = last.getJavaMap(last.fieldIndex("operationMetrics"));
        assertEquals("1", metrics.get("numTargetRowsUpdated"));
        assertEquals("0", metrics.get("numTargetRowsCopied"), "no stored row copied");
        assertEquals("1", metrics.get("numTargetDeletionVectorsAdded"));
        long version = last.getAs("version");
        // the one stored file the update marked holds March's dossiers only, not January's
        List<Row> marked = spark.read()
                .json(LakeTable.SILVER_DOSSIERS.location(lake) + String.format("/_delta_log/%020d.json", version))
                .filter(col("add.deletionVector").isNotNull())
                .select("add.partitionValues.received_year", "add.partitionValues.received_month")
                .collectAsList();
        assertEquals(List.of(RowFactory.create("2024", "3")), marked);
    }

    private Path history(Path tmp) throws Exception {
        return write(
                tmp,
                "history.csv",
                List.of(
                        HEADER,
                        row("D-1", "01", "02/01/2024 08:00", "05/01/2024 17:00", "", WITHIN),
                        row("D-2", "01", "02/01/2024 09:00", "05/01/2024 17:00", "", WITHIN),
                        row("D-3", "01", "02/01/2024 08:00", "08/01/2024 17:00", "07/01/2024 10:00", ON_TIME)));
    }

    private void ingest(String lake, Path file) {
        new IngestJob(spark, lake, m -> {}).run(List.of(file.toString()));
    }

    private Row lastSilverCommit(String lake) {
        return DeltaTable.forPath(spark, LakeTable.SILVER_DOSSIERS.location(lake))
                .history(1)
                .head();
    }

    private Map<String, String> silverStatuses(String lake) {
        Map<String, String> statuses = new TreeMap<>();
        LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .select("dossier_id", "status")
                .collectAsList()
                .forEach(r -> assertEquals(null, statuses.put(r.getString(0), r.getString(1)), "one row per id"));
        return statuses;
    }

    /** Every column but the batch a row came from (a rerun is another batch). */
    private List<Row> silverRows(String lake) {
        return LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)
                .drop("ingest_batch_id")
                .orderBy("dossier_id")
                .collectAsList();
    }
}
