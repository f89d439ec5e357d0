package vn.chiso.transforms;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.CommandLine;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.transforms.methodology.MethodologyCatalog;

/** Entry point of {@code ./chiso transform} and {@code ./chiso sql}. */
public final class TransformMain {

    static final String TRANSFORM_HELP = """
            ./chiso transform [--lake DIR] [--methodologies DIR] [--full]
              silver → gold/unit_kpis, and every index whose silver input exists → gold/index_scores, gold/rankings,
              gold/rank_changes, gold/reform_series. --methodologies DIR: methodology files
              (DIR/<index>/<version>.yaml) adding to or replacing the bundled ones. The lake DIR defaults to
              ./lakehouse. A piece of gold (unit KPIs, one index, the series, the cross-index view) whose inputs
              (table versions, methodology files, code) are those it was built from is kept, not recomputed;
              --full recomputes everything.
            """;

    static final String SQL_HELP = """
            ./chiso sql [--lake DIR] [--csv] [--limit 1000] "QUERY"
              Runs one Spark SQL query on the lake's tables, registered by name: bronze_dossiers, bronze_records,
              silver_dossiers, silver_units, silver_unit_reports, silver_portal_evaluations, silver_survey_responses,
              silver_index_scores, ops_quarantine, ops_reconciliation, ops_ingested_files, ops_data_quality,
              gold_unit_kpis, gold_rankings, gold_index_scores, gold_rank_changes, gold_reform_series.
              --csv: the rows as CSV; --limit: at most this many rows (1000).
              e.g. ./chiso sql "select * from gold_rankings limit 5"
            """;

    private TransformMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: TransformMain transform|sql [options]");
            System.exit(2);
        }
        String[] rest = List.of(args).subList(1, args.length).toArray(String[]::new);
        if (CommandLine.asksForHelp(rest)) {
            System.exit(help(args[0]));
        }
        int code;
        try {
            code = switch (args[0]) {
                case "transform" -> transform(CommandLine.parse(rest, Set.of("lake", "methodologies"), Set.of("full")));
                case "sql" -> sql(CommandLine.parse(rest, Set.of("lake", "limit"), Set.of("csv")));
                default -> {
                    System.err.println("unknown command " + args[0]);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    private static int help(String command) {
        switch (command) {
            case "transform" -> System.out.print(TRANSFORM_HELP);
            case "sql" -> System.out.print(SQL_HELP);
            default -> {
                System.err.println("unknown command " + command);
                return 2;
            }
        }
        return 0;
    }

    static int transform(CommandLine cl) {
        long start = System.nanoTime();
        String dir = cl.get("methodologies", null);
        // methodology files are checked before any Spark work: a bad file fails with its name and place
        MethodologyCatalog catalog =
                MethodologyCatalog.load(dir == null ? null : java.nio.file.Path.of(dir), TransformMain::say);
        SparkSession spark = LakeSpark.session("chiso-transform");
        try {
            TransformJob job = new TransformJob(spark, cl.lake(), catalog, TransformMain::say);
            (cl.flag("full") ? job.rebuildingAll() : job).run();
            say(String.format("transform done in %.1f s", (System.nanoTime() - start) / 1e9));
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Runs one query with every lake table registered under its SQL name (e.g. gold_rankings). */
    static int sql(CommandLine cl) {
        if (cl.positional().size() != 1) {
            throw new IllegalArgumentException(
                    "sql takes one quoted query, e.g. ./chiso sql \"select * from gold_rankings limit 5\"");
        }
        SparkSession spark = LakeSpark.session("chiso-sql");
        try {
            LakeSpark.registerTables(spark, cl.lake());
            Dataset<Row> result = spark.sql(cl.positional().get(0));
            int limit = Integer.parseInt(cl.get("limit", "1000"));
            if (cl.flag("csv")) {
                CsvOutput.print(result, limit, System.out);
            } else {
                result.show(limit, false);
            }
            return 0;
        } catch (Exception e) {
            if (e instanceof org.apache.spark.sql.AnalysisException) {
                System.err.println("error: " + e.getMessage()); // bad SQL: unknown table or column, syntax
                return 2;
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        } finally {
            spark.stop();
        }
    }

    private static final long STARTED = System.nanoTime();

    /** A progress line with the seconds since the JVM started the job (as ingest prints them). */
    private static void say(String message) {
        System.out.printf("[chiso %5.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
        System.out.flush();
    }
}
