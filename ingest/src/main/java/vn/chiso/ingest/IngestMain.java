package vn.chiso.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.CommandLine;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.ingest.sample.IndexAnnexGenerator;
import vn.chiso.ingest.sample.SampleGenerator;
import vn.chiso.ingest.source.FileKind;

/** Entry point of {@code ./chiso generate} and {@code ./chiso ingest}. */
public final class IngestMain {

    static final String GENERATE_HELP = """
            ./chiso generate [--out DIR] [--scale tiny|small|large|N] [--seed 42] [--from 2021] [--to 2024] [--no-indices]
              Writes deterministic sample dossier exports: DIR/<province code>/ho_so_<code>_<year>.csv, and the
              sample PAR Index and SIPAS tables (--no-indices: without them). DIR defaults to data/sample-SCALE.
            """;

    static final String INGEST_HELP = """
            ./chiso ingest [--lake DIR] [--kind KIND] [--period PERIOD] PATH…
              Loads files/folders (recursively; CSV, XLSX, JSON, JSON lines) into bronze and silver; bad rows go to
              ops/quarantine with a reason; prints per file: rows read = accepted + quarantined. Files already
              ingested (same content) are skipped. Each file's kind is detected from its content: dossiers,
              unit_reports, portal_evaluations, survey_responses, index_scores (--kind forces one; --period gives a
              portal capture's period, e.g. 2026-08, when no capture manifest lies beside it). DIR defaults to
              ./lakehouse.
            """;

    private IngestMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: IngestMain generate|ingest [options]");
            System.exit(2);
        }
        String command = args[0];
        String[] rest = List.of(args).subList(1, args.length).toArray(String[]::new);
        if (CommandLine.asksForHelp(rest)) {
            System.exit(help(command));
        }
        try {
            int code = switch (command) {
                case "generate" ->
                    generate(CommandLine.parse(
                            rest, Set.of("out", "scale", "seed", "from", "to", "lake"), Set.of("no-indices")));
                case "ingest" -> ingest(CommandLine.parse(rest, Set.of("lake", "kind", "period"), Set.of()));
                default -> {
                    System.err.println("unknown command " + command);
                    yield 2;
                }
            };
            System.exit(code);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int help(String command) {
        switch (command) {
            case "generate" -> System.out.print(GENERATE_HELP);
            case "ingest" -> System.out.print(INGEST_HELP);
            default -> {
                System.err.println("unknown command " + command);
                return 2;
            }
        }
        return 0;
    }

    static int generate(CommandLine cl) {
        String scale = cl.get("scale", "tiny");
        Path out = Path.of(cl.get("out", "data/sample-" + scale));
        long rows = SampleGenerator.rowsForScale(scale);
        SampleGenerator.Options options = new SampleGenerator.Options(
                out,
                rows,
                Long.parseLong(cl.get("seed", "42")),
                Integer.parseInt(cl.get("from", "2021")),
                Integer.parseInt(cl.get("to", "2024")));
        long start = System.nanoTime();
        SampleGenerator.Summary summary = new SampleGenerator().generate(options, IngestMain::say);
        say(String.format(
                "generated %,d dossiers in %d files (%,d MB) under %s in %.1f s",
                summary.rows(), summary.files(), summary.bytes() >> 20, out, (System.nanoTime() - start) / 1e9));
        if (!cl.flag("no-indices")) {
            List<Path> tables = new IndexAnnexGenerator().generate(out, options.seed());
            say(String.format(
                    "generated %d sample index tables (PAR Index %d–%d, SIPAS %d–%d; dữ liệu mẫu) under %s",
                    tables.size(),
                    IndexAnnexGenerator.PAR_FIRST_YEAR,
                    IndexAnnexGenerator.LAST_YEAR,
                    IndexAnnexGenerator.SIPAS_FIRST_YEAR,
                    IndexAnnexGenerator.LAST_YEAR,
                    out.resolve(IndexAnnexGenerator.FOLDER)));
        }
        return 0;
    }

    static int ingest(CommandLine cl) {
        if (cl.positional().isEmpty()) {
            throw new IllegalArgumentException(
                    "ingest needs files or folders, e.g. ./chiso ingest data/sample-tiny (./chiso ingest --help)");
        }
        long start = System.nanoTime();
        SparkSession spark = LakeSpark.session("chiso-ingest");
        try {
            String kindText = cl.get("kind", null);
            FileKind kind = kindText == null
                    ? null
                    : FileKind.fromCode(kindText)
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "--kind must be one of dossiers, unit_reports, portal_evaluations, "
                                            + "survey_responses, index_scores; got " + kindText));
            IngestJob.Options options =
                    new IngestJob.Options(kind, cl.get("period", null), IngestJob.Options.DEFAULT.claimWaitMillis());
            IngestReport report = new IngestJob(spark, cl.lake(), IngestMain::say, options).run(cl.positional());
            printReconciliation(report);
            say(String.format("ingest done in %.1f s", (System.nanoTime() - start) / 1e9));
            return report.count(IngestJob.REJECTED) + report.count(IngestJob.SKIPPED_IN_PROGRESS) > 0 ? 1 : 0;
        } finally {
            spark.stop();
        }
    }

    static void printReconciliation(IngestReport report) {
        System.out.printf("%-60s %-18s %12s %12s %12s%n", "file", "status", "read", "accepted", "quarantined");
        for (IngestReport.FileResult f : report.files()) {
            String name = f.sourceFile().length() > 60
                    ? "…" + f.sourceFile().substring(f.sourceFile().length() - 59)
                    : f.sourceFile();
            System.out.printf(
                    "%-60s %-18s %,12d %,12d %,12d%n",
                    name, f.status(), f.rowsRead(), f.rowsAccepted(), f.rowsQuarantined());
            if (IngestJob.REJECTED.equals(f.status()) || IngestJob.SKIPPED_IN_PROGRESS.equals(f.status())) {
                System.out.println("  " + f.status() + ": " + f.message());
            }
        }
        System.out.printf(
                "%-60s %-18s %,12d %,12d %,12d%n",
                "total (batch " + report.batchId() + ")",
                "",
                report.rowsRead(),
                report.rowsAccepted(),
                report.rowsQuarantined());
    }

    private static final long STARTED = System.nanoTime();

    private static void say(String message) {
        System.out.printf("[chiso %5.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
        System.out.flush();
    }
}
