package vn.chiso.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.CommandLine;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.transforms.methodology.MethodologyCatalog;

/** Entry point of {@code ./chiso pipeline} and {@code ./chiso watch}. */
public final class PipelineMain {

    static final String PIPELINE_HELP = """
            ./chiso pipeline [--lake DIR] [--methodologies DIR] PATH…
              Ingests the files or folders as one batch, then computes gold, in one JVM and one Spark
              session: the same work as ./chiso ingest followed by ./chiso transform, with the start-up
              paid once. Exit 1 when a file was rejected. The lake DIR defaults to ./lakehouse.
            """;

    static final String WATCH_HELP = """
            ./chiso watch [--lake DIR] [--methodologies DIR] [--interval SECONDS] [--health-port PORT]
                          [--batches N] FOLDER
              Stays up and watches FOLDER (a local folder, HDFS or object storage): files that have
              settled (same size and time on two polls, every 5 s by default; names starting with . or _
              and .part, .tmp, .crdownload files wait) are ingested as one batch, then gold is recomputed,
              all in one warm Spark session. Each file is loaded once whatever its name (claimed by
              content); a broken file is rejected with its reason and the watch goes on. Ctrl-C or a kill
              stops it at once: a batch cut short is loaded, exactly once, at the next start.
              GET http://127.0.0.1:PORT/health (default 8091; 0 picks a free port, printed at start)
              answers 200 with the batches done and the last batch's figures, 503 after a failed batch.
              --batches N stops after N batches. The lake DIR defaults to ./lakehouse.
            """;

    private PipelineMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: PipelineMain pipeline|watch [options]");
            System.exit(2);
        }
        String[] rest = List.of(args).subList(1, args.length).toArray(String[]::new);
        if (CommandLine.asksForHelp(rest)) {
            System.out.print(args[0].equals("watch") ? WATCH_HELP : PIPELINE_HELP);
            System.exit(0);
        }
        int code;
        try {
            code = switch (args[0]) {
                case "pipeline" -> pipeline(CommandLine.parse(rest, Set.of("lake", "methodologies"), Set.of()));
                case "watch" ->
                    watch(CommandLine.parse(
                            rest, Set.of("lake", "methodologies", "interval", "health-port", "batches"), Set.of()));
                default -> {
                    System.err.println("unknown command " + args[0]);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            code = 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        }
        System.exit(code);
    }

    static int pipeline(CommandLine cl) {
        if (cl.positional().isEmpty()) {
            throw new IllegalArgumentException("pipeline needs at least one file or folder");
        }
        MethodologyCatalog catalog = methodologies(cl);
        SparkSession spark = LakeSpark.session("chiso-pipeline");
        try {
            WarmPipeline.BatchResult result =
                    new WarmPipeline(spark, cl.lake(), catalog, PipelineMain::say).run(cl.positional());
            say(result.summary());
            return result.rejectedFiles() > 0 ? 1 : 0;
        } finally {
            spark.stop();
        }
    }

    static int watch(CommandLine cl) throws InterruptedException {
        if (cl.positional().size() != 1) {
            throw new IllegalArgumentException("watch takes one folder to watch");
        }
        String folder = cl.positional().get(0);
        Duration interval = Duration.ofMillis((long) (Double.parseDouble(cl.get("interval", "5")) * 1000));
        int maxBatches = Integer.parseInt(cl.get("batches", "0"));
        MethodologyCatalog catalog = methodologies(cl);
        SparkSession spark = LakeSpark.session("chiso-watch");
        try (HealthEndpoint health = new HealthEndpoint(Integer.parseInt(cl.get("health-port", "8091")))) {
            say("watching " + folder + " every " + interval.toMillis() / 1000.0 + " s; lake " + cl.lake()
                    + "; health on http://127.0.0.1:" + health.port() + "/health");
            Watch watch = new Watch(
                    new DropFolder(folder, spark.sparkContext().hadoopConfiguration()),
                    new WarmPipeline(spark, cl.lake(), catalog, PipelineMain::say),
                    health,
                    interval,
                    PipelineMain::say);
            int batches = watch.run(() -> false, maxBatches);
            say("watch stopped after " + batches + " batch(es)");
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static MethodologyCatalog methodologies(CommandLine cl) {
        String dir = cl.get("methodologies", null);
        return MethodologyCatalog.load(dir == null ? null : Path.of(dir), PipelineMain::say);
    }

    private static final long STARTED = System.nanoTime();

    private static void say(String message) {
        System.out.printf("[chiso %5.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
        System.out.flush();
    }
}
