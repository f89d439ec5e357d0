package vn.chiso.contract.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;

class LakeSparkTest {

    private final SparkSession spark = TestSpark.session();

    @Test
    void aLogLeftByACrashBeforeTheFirstCommitIsNoTableAndTheNextWriteCreatesIt(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        Path log = Path.of(LakeTable.RECONCILIATION.location(lake), "_delta_log");
        Files.createDirectories(log.resolve("_commits"));
        Files.writeString(log.resolve(".00000000000000000000.json.tmp"), "{");
        assertRecovered(lake, LakeTable.RECONCILIATION);
    }

    @Test
    void aTableDirectoryWithoutLogIsNoTableAndTheNextWriteCreatesIt(@TempDir Path tmp) throws Exception {
        String lake = TestSpark.newLake(tmp, "lake");
        Files.createDirectories(Path.of(LakeTable.BRONZE_DOSSIERS.location(lake)));
        assertRecovered(lake, LakeTable.BRONZE_DOSSIERS);
    }

    private void assertRecovered(String lake, LakeTable table) throws Exception {
        crashedAMinuteAgo(Path.of(table.location(lake))); // older than the wait for a live writer
        assertFalse(LakeSpark.exists(spark, lake, table));
        assertEquals(0, LakeSpark.read(spark, lake, table).count());

        LakeSpark.ensureTable(spark, lake, table, Map.of("delta.enableChangeDataFeed", "true"));
        assertTrue(LakeSpark.exists(spark, lake, table));
        assertEquals(
                LakeSpark.schema(table),
                spark.read().format("delta").load(table.location(lake)).schema(),
                "the contract's columns, types and NOT NULLs");
        Row detail = DeltaTable.forPath(spark, table.location(lake)).detail().first();
        assertEquals(table.partitionColumns(), detail.getList(detail.fieldIndex("partitionColumns")));
        assertEquals("true", detail.getJavaMap(detail.fieldIndex("properties")).get("delta.enableChangeDataFeed"));
        long version = LakeSpark.version(spark, lake, table);
        LakeSpark.ensureTable(spark, lake, table);
        assertEquals(version, LakeSpark.version(spark, lake, table), "created once");
    }

    private static void crashedAMinuteAgo(Path tableDirectory) throws Exception {
        FileTime then = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        try (Stream<Path> paths = Files.walk(tableDirectory)) {
            for (Path p : paths.toList()) {
                Files.setLastModifiedTime(p, then);
            }
        }
    }
}
