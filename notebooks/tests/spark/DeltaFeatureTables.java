import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.spark.LakeSpark;

/**
 * Writes one small Delta table per table feature the Spark side of the lake could turn on, with
 * the pipeline's own Spark session (same Spark, Delta and settings as ingest/transform), so that
 * notebooks/tests/test_reader_compat.py can check the Python reader against each of them.
 *
 * <p>Run as a single-file program on the transforms module's classpath (no build step):
 * {@code java -cp transforms/target/classes:$(cat transforms/target/runtime.classpath)
 * notebooks/tests/spark/DeltaFeatureTables.java OUT_DIR}. Writes OUT_DIR/&lt;feature&gt;/ tables and
 * OUT_DIR/expected.json (rows, sum of id, and the feature's description per table).
 */
public final class DeltaFeatureTables {

    private static final String ROWS = "SELECT CAST(id AS INT) AS id, CONCAT('u', CAST(id AS STRING)) AS unit_code,"
            + " CAST(id % 97 AS DECIMAL(7,2)) AS score, 'Hồ sơ đúng hạn' AS label,"
            + " TIMESTAMP '2024-07-01 08:00:00' + make_interval(0, 0, 0, 0, 0, CAST(id AS INT), 0) AS received_at"
            + " FROM range(0, 1000)";

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DeltaFeatureTables OUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(out);
        SparkSession spark = LakeSpark.session("chiso-notebooks-feature-tables");
        Map<String, String> descriptions = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        try {
            make(spark, out, descriptions, failures, "plain", "the pipeline's defaults (reader 1, writer 2)",
                    "CREATE TABLE %s USING delta AS " + ROWS);
            make(spark, out, descriptions, failures, "deletion_vectors",
                    "deletionVectors: DELETE marks rows in a side file instead of rewriting",
                    "CREATE TABLE %s USING delta TBLPROPERTIES ('delta.enableDeletionVectors' = 'true') AS " + ROWS,
                    "DELETE FROM %s WHERE id % 10 = 0",
                    "UPDATE %s SET score = score + 1 WHERE id % 10 = 1");
            make(spark, out, descriptions, failures, "column_mapping_name",
                    "columnMapping (name mode): physical column names differ from logical; a column renamed and one dropped",
                    "CREATE TABLE %s USING delta TBLPROPERTIES ('delta.columnMapping.mode' = 'name') AS " + ROWS,
                    "ALTER TABLE %s RENAME COLUMN unit_code TO unit",
                    "ALTER TABLE %s DROP COLUMN label");
            make(spark, out, descriptions, failures, "timestamp_ntz",
                    "timestampNtz: a TIMESTAMP_NTZ column (local time without zone)",
                    "CREATE TABLE %s USING delta AS SELECT *, CAST(received_at AS TIMESTAMP_NTZ) AS received_local FROM ("
                            + ROWS + ")");
            make(spark, out, descriptions, failures, "v2_checkpoint",
                    "v2Checkpoint: checkpoints in the v2 format (one every 2 commits), read with the commits after",
                    "CREATE TABLE %s USING delta TBLPROPERTIES ('delta.checkpointPolicy' = 'v2',"
                            + " 'delta.checkpointInterval' = '2') AS " + ROWS,
                    "INSERT INTO %s " + ROWS.replace("range(0, 1000)", "range(1000, 1100)"),
                    "DELETE FROM %s WHERE id >= 1050");
            make(spark, out, descriptions, failures, "type_widening",
                    "typeWidening: a column widened in place (INT to BIGINT) without rewriting files",
                    "CREATE TABLE %s USING delta TBLPROPERTIES ('delta.enableTypeWidening' = 'true') AS " + ROWS,
                    "ALTER TABLE %s CHANGE COLUMN id TYPE BIGINT",
                    "INSERT INTO %s SELECT CAST(id AS BIGINT) + 5000000000, unit_code, score, label, received_at FROM ("
                            + ROWS.replace("range(0, 1000)", "range(0, 10)") + ")");
            make(spark, out, descriptions, failures, "variant",
                    "variantType: a VARIANT column (semi-structured JSON)",
                    "CREATE TABLE %s USING delta AS SELECT *, parse_json(CONCAT('{\"code\":\"', unit_code, '\"}')) AS extra"
                            + " FROM (" + ROWS + ")");
            make(spark, out, descriptions, failures, "writer_features",
                    "writer-only features: row tracking, in-commit timestamps, change data feed, liquid clustering",
                    "CREATE TABLE %s USING delta CLUSTER BY (unit_code) TBLPROPERTIES ('delta.enableRowTracking' = 'true',"
                            + " 'delta.enableInCommitTimestamps' = 'true', 'delta.enableChangeDataFeed' = 'true') AS " + ROWS,
                    "DELETE FROM %s WHERE id >= 900");
        } finally {
            spark.stop();
        }
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, String> e : descriptions.entrySet()) {
            json.append(i++ > 0 ? ",\n" : "").append("  \"").append(e.getKey()).append("\": ").append(e.getValue());
        }
        json.append("\n}\n");
        Files.writeString(out.resolve("expected.json"), json.toString(), StandardCharsets.UTF_8);
        System.out.println("[feature-tables] " + descriptions.size() + " tables in " + out
                + (failures.isEmpty() ? "" : "; Spark could not make: " + String.join(", ", failures)));
    }

    /** Runs the statements on table OUT/name and records what a reader must see (or the error). */
    private static void make(SparkSession spark, Path out, Map<String, String> expected, List<String> failures,
                             String name, String description, String... statements) {
        String table = "delta.`" + out.resolve(name) + "`";
        try {
            for (String statement : statements) {
                spark.sql(statement.replace("%s", table)).collect();
            }
            Row r = spark.sql("SELECT COUNT(*), COALESCE(SUM(CAST(id AS BIGINT)), 0) FROM " + table).first();
            Row p = spark.sql("DESCRIBE DETAIL " + table).select("minReaderVersion", "minWriterVersion").first();
            expected.put(name, String.format("{\"rows\": %d, \"id_sum\": %d, \"min_reader_version\": %d,"
                            + " \"min_writer_version\": %d, \"description\": \"%s\"}", r.getLong(0), r.getLong(1),
                    p.getInt(0), p.getInt(1), description.replace("\"", "'")));
            System.out.println("[feature-tables] " + name + ": " + r.getLong(0) + " rows");
        } catch (RuntimeException e) {
            failures.add(name);
            String message = String.valueOf(e.getMessage()).split("\n")[0].replace("\\", "/").replace("\"", "'");
            expected.put(name, String.format("{\"error\": \"%s\", \"description\": \"%s\"}", message,
                    description.replace("\"", "'")));
            System.out.println("[feature-tables] " + name + ": Spark failed: " + message);
        }
    }
}
