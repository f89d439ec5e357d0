package vn.chiso.contract;

import static vn.chiso.contract.LakeTable.BRONZE_DOSSIERS;
import static vn.chiso.contract.LakeTable.BRONZE_RECORDS;
import static vn.chiso.contract.LakeTable.DATA_QUALITY;
import static vn.chiso.contract.LakeTable.GOLD_INDEX_BANDS;
import static vn.chiso.contract.LakeTable.GOLD_INDEX_CORRELATIONS;
import static vn.chiso.contract.LakeTable.GOLD_INDEX_SCORES;
import static vn.chiso.contract.LakeTable.GOLD_PROVINCE_INDICES;
import static vn.chiso.contract.LakeTable.GOLD_RANKINGS;
import static vn.chiso.contract.LakeTable.GOLD_RANK_CHANGES;
import static vn.chiso.contract.LakeTable.GOLD_REFORM_SERIES;
import static vn.chiso.contract.LakeTable.GOLD_UNIT_KPIS;
import static vn.chiso.contract.LakeTable.INGESTED_FILES;
import static vn.chiso.contract.LakeTable.QUARANTINE;
import static vn.chiso.contract.LakeTable.RECONCILIATION;
import static vn.chiso.contract.LakeTable.RELEASES;
import static vn.chiso.contract.LakeTable.SILVER_DOSSIERS;
import static vn.chiso.contract.LakeTable.SILVER_INDEX_SCORES;
import static vn.chiso.contract.LakeTable.SILVER_PORTAL_EVALUATIONS;
import static vn.chiso.contract.LakeTable.SILVER_SURVEY_RESPONSES;
import static vn.chiso.contract.LakeTable.SILVER_UNITS;
import static vn.chiso.contract.LakeTable.SILVER_UNIT_REPORTS;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How every lake table is derived, as data: each {@link Step} of a job declares the tables and
 * outside sources it reads and the tables it writes (dbt-style lineage). The transform runs its steps
 * in this order; every Spark commit names its step (Delta {@code userMetadata}), and the lineage check
 * refuses a commit to a table its step does not declare. {@code ./chiso lineage} prints the graph.
 */
public final class Lineage {

    private Lineage() {}

    /** The program a step runs in. */
    public enum Job {
        INGEST,
        TRANSFORM,
        API
    }

    /** What comes from outside the lake. */
    public enum Source {
        PROVINCE_FILES("province exports: dossiers, reports, surveys (CSV, XLSX, JSON)"),
        PUBLISHED_FILES("published indices: PCI, PAPI, PAR Index, SIPAS tables, portal 766 captures"),
        ADMIN_UNITS("official province lists (63 until 30/06/2025, then 34)"),
        METHODOLOGIES("methodology files, transforms/…/methodologies/<index>/<version>.yaml");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public String id() {
            return "source_" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** One step of a job: what it reads, what it writes, in the order the job runs them. */
    public enum Step {
        REMOVE_LEFTOVERS(
                Job.INGEST,
                "remove what a crashed batch wrote but never registered",
                List.of(INGESTED_FILES),
                List.of(),
                List.of(BRONZE_DOSSIERS, BRONZE_RECORDS, QUARANTINE, RECONCILIATION, DATA_QUALITY)),
        READ_DOSSIERS(
                Job.INGEST,
                "dossier exports as raw text, with file, row and batch",
                List.of(),
                List.of(Source.PROVINCE_FILES),
                List.of(BRONZE_DOSSIERS)),
        CHECK_DOSSIERS(
                Job.INGEST,
                "type and check dossiers: failures to quarantine, latest state to silver",
                List.of(BRONZE_DOSSIERS, SILVER_UNITS),
                List.of(),
                List.of(QUARANTINE, SILVER_DOSSIERS)),
        READ_RECORDS(
                Job.INGEST,
                "reports, surveys, index tables and portal captures as raw records",
                List.of(),
                List.of(Source.PROVINCE_FILES, Source.PUBLISHED_FILES),
                List.of(BRONZE_RECORDS)),
        CHECK_RECORDS(
                Job.INGEST,
                "type and check records per kind: failures to quarantine, the rest to silver",
                List.of(BRONZE_RECORDS),
                List.of(),
                List.of(
                        QUARANTINE,
                        SILVER_UNIT_REPORTS,
                        SILVER_PORTAL_EVALUATIONS,
                        SILVER_SURVEY_RESPONSES,
                        SILVER_INDEX_SCORES)),
        MEASURE_QUALITY(
                Job.INGEST,
                "data-quality results of the batch",
                List.of(BRONZE_DOSSIERS, BRONZE_RECORDS),
                List.of(),
                List.of(DATA_QUALITY)),
        BUILD_UNITS(
                Job.INGEST,
                "the unit dimension: provinces (63 and 34) and the districts seen",
                List.of(SILVER_DOSSIERS),
                List.of(Source.ADMIN_UNITS),
                List.of(SILVER_UNITS)),
        RECONCILE(
                Job.INGEST,
                "per file: rows read = accepted + quarantined",
                List.of(BRONZE_DOSSIERS, BRONZE_RECORDS, QUARANTINE),
                List.of(),
                List.of(RECONCILIATION)),
        REGISTER_FILES(
                Job.INGEST,
                "loaded files by checksum, so a re-run skips them",
                List.of(RECONCILIATION),
                List.of(),
                List.of(INGESTED_FILES)),
        ROLL_UP_KPIS(
                Job.TRANSFORM,
                "dossier KPIs per unit and period",
                List.of(SILVER_DOSSIERS, SILVER_UNITS),
                List.of(),
                List.of(GOLD_UNIT_KPIS)),
        SCORE_INDICES(
                Job.TRANSFORM,
                "every index by its methodology: scores, rankings, rank changes, the 34-province series, the bands",
                List.of(
                        GOLD_UNIT_KPIS,
                        SILVER_DOSSIERS,
                        SILVER_PORTAL_EVALUATIONS,
                        SILVER_INDEX_SCORES,
                        SILVER_SURVEY_RESPONSES),
                List.of(Source.METHODOLOGIES),
                List.of(GOLD_INDEX_SCORES, GOLD_RANKINGS, GOLD_RANK_CHANGES, GOLD_REFORM_SERIES, GOLD_INDEX_BANDS)),
        COMPARE_INDICES(
                Job.TRANSFORM,
                "every index side by side per province and year, rank correlations",
                List.of(GOLD_RANKINGS),
                List.of(),
                List.of(GOLD_PROVINCE_INDICES, GOLD_INDEX_CORRELATIONS)),
        RELEASE_RANKINGS(
                Job.API,
                "an admin publishes or withdraws a ranking, pinning the lake versions",
                List.of(GOLD_RANKINGS),
                List.of(),
                List.of(RELEASES));

        private final Job job;
        private final String description;
        private final List<LakeTable> inputs;
        private final List<Source> sources;
        private final List<LakeTable> outputs;

        Step(Job job, String description, List<LakeTable> inputs, List<Source> sources, List<LakeTable> outputs) {
            this.job = job;
            this.description = description;
            this.inputs = inputs;
            this.sources = sources;
            this.outputs = outputs;
        }

        public Job job() {
            return job;
        }

        public String description() {
            return description;
        }

        public List<LakeTable> inputs() {
            return inputs;
        }

        public List<Source> sources() {
            return sources;
        }

        public List<LakeTable> outputs() {
            return outputs;
        }

        public boolean writes(LakeTable table) {
            return outputs.contains(table);
        }

        /** The name a commit carries (Delta {@code userMetadata}), e.g. {@code transform.score_indices}. */
        public String id() {
            return job.name().toLowerCase(Locale.ROOT) + "." + name().toLowerCase(Locale.ROOT);
        }

        public static Step ofId(String id) {
            for (Step s : values()) {
                if (s.id().equals(id)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** A job's steps, in the order it runs them. */
    public static List<Step> steps(Job job) {
        return EnumSet.allOf(Step.class).stream().filter(s -> s.job() == job).toList();
    }

    /** The steps that write a table. */
    public static List<Step> producers(LakeTable table) {
        return EnumSet.allOf(Step.class).stream().filter(s -> s.writes(table)).toList();
    }

    /** The steps that read a table. */
    public static List<Step> consumers(LakeTable table) {
        return EnumSet.allOf(Step.class).stream()
                .filter(s -> s.inputs().contains(table))
                .toList();
    }

    /** Every table with its producers and inputs, one block per table. */
    public static String text() {
        StringBuilder out = new StringBuilder();
        for (LakeTable table : LakeTable.values()) {
            out.append(table.relativePath()).append('\n');
            for (Step step : producers(table)) {
                Set<String> from = new LinkedHashSet<>();
                step.inputs().forEach(t -> from.add(t.relativePath()));
                step.sources().forEach(s -> from.add(s.name().toLowerCase(Locale.ROOT)));
                out.append("  written by ")
                        .append(step.id())
                        .append(" (")
                        .append(step.description())
                        .append(")\n")
                        .append("    from ")
                        .append(from.isEmpty() ? "-" : String.join(", ", from))
                        .append('\n');
            }
            List<String> readers = consumers(table).stream().map(Step::id).toList();
            out.append("  read by ")
                    .append(readers.isEmpty() ? "the API, dashboards and notebooks" : String.join(", ", readers))
                    .append('\n');
        }
        return out.toString();
    }

    /** The graph as a Mermaid flowchart: sources and tables as nodes, one edge per step input → output. */
    public static String mermaid() {
        List<String> lines = new ArrayList<>();
        lines.add("flowchart LR");
        for (Source s : Source.values()) {
            lines.add("  " + s.id() + "[/" + s.name().toLowerCase(Locale.ROOT) + "/]");
        }
        for (String layer : List.of("bronze", "silver", "gold", "ops")) {
            lines.add("  subgraph " + layer);
            for (LakeTable t : LakeTable.values()) {
                if (t.layer().equals(layer)) {
                    lines.add("    " + t.sqlName() + "[(" + t.relativePath() + ")]");
                }
            }
            lines.add("  end");
        }
        for (Step step : Step.values()) {
            List<String> from = new ArrayList<>();
            step.sources().forEach(s -> from.add(s.id()));
            step.inputs().stream().filter(t -> !step.writes(t)).forEach(t -> from.add(t.sqlName()));
            String to = step.outputs().stream().map(LakeTable::sqlName).collect(Collectors.joining(" & "));
            if (!from.isEmpty()) {
                lines.add("  " + String.join(" & ", from) + " -->|" + step.id() + "| " + to);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** {@code ./chiso lineage [--mermaid]}. */
    static final String HELP = """
            ./chiso lineage [--mermaid]
              Every lake table with the step that writes it and what it reads; --mermaid: as a Mermaid diagram.
            """;

    public static void main(String[] args) {
        if (CommandLine.asksForHelp(args)) {
            System.out.print(HELP);
            return;
        }
        boolean mermaid = List.of(args).contains("--mermaid");
        System.out.print(mermaid ? mermaid() : text());
    }
}
