package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Lineage.Step;
import vn.chiso.contract.UnitLevel;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.transforms.build.GoldBuilds;
import vn.chiso.transforms.kpi.DossierFrames;
import vn.chiso.transforms.methodology.IndexBands;
import vn.chiso.transforms.methodology.Methodology;
import vn.chiso.transforms.methodology.MethodologyCatalog;
import vn.chiso.transforms.methodology.MethodologyException;
import vn.chiso.transforms.methodology.Robustness;
import vn.chiso.transforms.ranking.Rankings;

/**
 * Every index of the methodology catalog whose input exists in the lake: scores
 * (gold/index_scores), rankings with rank intervals (gold/rankings), rank-change explanations
 * (gold/rank_changes); then the history on the 34 provinces (gold/reform_series). Each index
 * replaces only its own rows, so indices can be recomputed independently. First the bands every
 * methodology version declares (gold/index_bands, replaced whole).
 */
public final class IndexPipeline {

    private final SparkSession spark;
    private final String lake;
    private final MethodologyCatalog catalog;
    private final Consumer<String> progress;
    private final GoldBuilds builds;

    /** A pipeline that computes every index (no piece of gold is kept, none recorded). */
    public IndexPipeline(SparkSession spark, String lake, MethodologyCatalog catalog, Consumer<String> progress) {
        this(spark, lake, catalog, progress, GoldBuilds.off(spark, lake));
    }

    /** A pipeline that keeps each piece of gold whose inputs are as {@code builds} recorded them. */
    public IndexPipeline(
            SparkSession spark, String lake, MethodologyCatalog catalog, Consumer<String> progress, GoldBuilds builds) {
        this.spark = spark;
        this.lake = lake;
        this.catalog = catalog;
        this.progress = progress;
        this.builds = builds;
    }

    /** What one index run did. */
    public record Outcome(
            String index,
            boolean computed,
            long unitsScored,
            long unitsRanked,
            long checked,
            long matching,
            String message) {}

    /** Every index of the catalog, then the 34-province series; first the bands. */
    public List<Outcome> run(DossierFrames dossiers, List<String> periodTypes) {
        writeBands();
        List<Outcome> outcomes = new ArrayList<>();
        for (String index : catalog.indices()) {
            outcomes.add(runIndex(index, dossiers));
        }
        List<String> ranked = outcomes.stream()
                .filter(o -> o.unitsRanked() > 0)
                .map(Outcome::index)
                .toList();
        if (dossiers.present() || !ranked.isEmpty()) {
            reformSeries(dossiers, periodTypes, ranked);
        }
        return outcomes;
    }

    private void writeBands() {
        GoldBuilds.Piece piece =
                builds.piece(LakeTable.GOLD_INDEX_BANDS, "index_bands", List.of(), Map.of(METHODOLOGY, catalogHash()));
        Optional<GoldBuilds.Kept> kept = builds.kept(piece);
        if (kept.isPresent()) {
            progress.accept(kept.get().message());
            return;
        }
        IndexBands.write(spark, lake, catalog);
        builds.record(piece, "written");
        progress.accept("gold index_bands: version " + LakeSpark.version(spark, lake, LakeTable.GOLD_INDEX_BANDS)
                + " (the bands of every methodology version)");
    }

    /**
     * gold/reform_series (replaced whole): the dossier KPIs and every index that ranked units, on the
     * 34 provinces; kept when dossier KPIs, rankings and methodologies are as when it was built.
     */
    private void reformSeries(DossierFrames dossiers, List<String> periodTypes, List<String> ranked) {
        GoldBuilds.Piece piece = builds.piece(
                LakeTable.GOLD_REFORM_SERIES,
                "reform_series",
                declared(LakeTable.GOLD_UNIT_KPIS, LakeTable.GOLD_RANKINGS),
                Map.of(METHODOLOGY, catalogHash(), "indices", String.join("+", ranked)));
        Optional<GoldBuilds.Kept> kept = builds.kept(piece);
        if (kept.isPresent()) {
            progress.accept(kept.get().message());
            return;
        }
        List<Dataset<Row>> reform = new ArrayList<>();
        Dataset<Row> kpis34 = null;
        if (dossiers.present()) {
            kpis34 =
                    ReformSeries.kpis34(spark, dossiers.monthly(), periodTypes).persist(StorageLevel.MEMORY_AND_DISK());
            reform.add(LakeSpark.conform(ReformSeries.kpiSeries(kpis34), LakeTable.GOLD_REFORM_SERIES));
        }
        for (String index : ranked) {
            reform.add(LakeSpark.conform(
                    reformSeries(index, catalog.versions(index), kpis34), LakeTable.GOLD_REFORM_SERIES));
        }
        writeReformSeries(reform);
        builds.record(piece, "written");
        if (kpis34 != null) {
            kpis34.unpersist();
        }
    }

    /**
     * One index: skipped when its source is absent or empty; kept when its source and methodologies
     * are as when it was last computed; otherwise scored, ranked and explained.
     */
    private Outcome runIndex(String index, DossierFrames dossiers) {
        List<Methodology> versions = catalog.versions(index);
        Methodology latest = versions.get(versions.size() - 1);
        Set<String> kinds = versions.stream().map(m -> m.source().kind()).collect(Collectors.toSet());
        if (kinds.size() > 1) {
            throw new MethodologyException("methodologies of " + index + " read different sources " + kinds
                    + "; an index reads one source kind (give the other its own index code)");
        }
        LakeTable source = sourceTable(latest);
        boolean hasSource = IndexInputs.DOSSIER_KPIS.equals(latest.source().kind())
                ? dossiers.present()
                : LakeSpark.exists(spark, lake, source);
        if (!hasSource) {
            return report(skipped(index, missingInputMessage(latest)));
        }
        GoldBuilds.Piece piece = builds.piece(
                LakeTable.GOLD_RANKINGS,
                "index." + index,
                declared(source),
                Map.of(METHODOLOGY, GoldBuilds.hash(versions.toString())));
        Optional<GoldBuilds.Kept> kept = builds.kept(piece);
        if (kept.isPresent() && holdsIndexTables()) {
            return report(keptOutcome(index, kept.get()));
        }
        Dataset<Row> input = input(latest, dossiers.kpis()).orElseThrow();
        if (input.isEmpty()) {
            return report(skipped(
                    index,
                    "its source ("
                            + latest.source().kind()
                            + (latest.source().options().isEmpty()
                                    ? ""
                                    : " " + latest.source().options())
                            + ") has no rows"));
        }
        Outcome outcome = compute(index, versions, input);
        builds.record(
                piece,
                outcome.unitsScored() + " " + outcome.unitsRanked() + " " + outcome.checked() + " "
                        + outcome.matching());
        return report(outcome);
    }

    private static final String METHODOLOGY = "methodology";

    /** The three tables an index writes are there (the record lives on gold/rankings alone). */
    private boolean holdsIndexTables() {
        return LakeSpark.exists(spark, lake, LakeTable.GOLD_INDEX_SCORES)
                && LakeSpark.exists(spark, lake, LakeTable.GOLD_RANK_CHANGES);
    }

    /** An index kept as computed before: its counts as recorded. */
    private static Outcome keptOutcome(String index, GoldBuilds.Kept kept) {
        String[] counts = kept.outcome().split(" ");
        return new Outcome(
                index,
                true,
                Long.parseLong(counts[0]),
                Long.parseLong(counts[1]),
                Long.parseLong(counts[2]),
                Long.parseLong(counts[3]),
                "index " + index + ": kept; " + kept.message());
    }

    /** The lake table an index's source kind reads. */
    private static LakeTable sourceTable(Methodology m) {
        return switch (m.source().kind()) {
            case IndexInputs.DOSSIER_KPIS -> LakeTable.GOLD_UNIT_KPIS;
            case IndexInputs.PORTAL_EVALUATIONS -> LakeTable.SILVER_PORTAL_EVALUATIONS;
            case IndexInputs.OFFICIAL_SCORES -> LakeTable.SILVER_INDEX_SCORES;
            case IndexInputs.SURVEY_RESPONSES -> LakeTable.SILVER_SURVEY_RESPONSES;
            default ->
                throw new MethodologyException("methodology " + m.file() + ": no input adapter for source kind "
                        + m.source().kind());
        };
    }

    /** Tables a piece of this step is built from: declared inputs of the step, or its own earlier outputs. */
    private static List<LakeTable> declared(LakeTable... tables) {
        for (LakeTable t : tables) {
            if (!Step.SCORE_INDICES.inputs().contains(t) && !Step.SCORE_INDICES.writes(t)) {
                throw new IllegalStateException(
                        Step.SCORE_INDICES.id() + " neither reads nor writes " + t.relativePath());
            }
        }
        return List.of(tables);
    }

    /** A hash of every methodology of the catalog. */
    private String catalogHash() {
        return GoldBuilds.hash(catalog.indices().stream()
                .map(i -> catalog.versions(i).toString())
                .collect(Collectors.joining("\n")));
    }

    private static Outcome skipped(String index, String why) {
        return new Outcome(index, false, 0, 0, 0, 0, "index " + index + ": skipped, " + why);
    }

    private Outcome report(Outcome outcome) {
        progress.accept(outcome.message());
        return outcome;
    }

    /**
     * The index's province scores on the 34 provinces; an additive index on dossier KPIs is also
     * re-expressed: recomputed by its methodologies (without rank intervals) on the summed counts.
     */
    private Dataset<Row> reformSeries(String index, List<Methodology> versions, Dataset<Row> kpis34) {
        Methodology latest = versions.get(versions.size() - 1);
        Dataset<Row> provinceRankings = LakeSpark.read(spark, lake, LakeTable.GOLD_RANKINGS)
                .filter(col("index_code").equalTo(index).and(col("level").equalTo(UnitLevel.PROVINCE.code())));
        Dataset<Row> reExpressed = null;
        if (latest.reExpression().additive()
                && kpis34 != null
                && IndexInputs.DOSSIER_KPIS.equals(latest.source().kind())) {
            List<Methodology> plain = versions.stream()
                    .map(m -> m.withRobustness(Robustness.NONE))
                    .toList();
            reExpressed = IndexScoring.score(plain, IndexInputs.fromDossierKpis(kpis34));
        }
        return ReformSeries.indexSeries(spark, latest, provinceRankings, reExpressed);
    }

    private void writeReformSeries(List<Dataset<Row>> reform) {
        Dataset<Row> series = reform.stream().reduce(Dataset::unionByName).orElseThrow();
        evolve(LakeTable.GOLD_REFORM_SERIES);
        LakeSpark.overwrite(series, lake, LakeTable.GOLD_REFORM_SERIES);
        progress.accept("gold reform_series: version " + LakeSpark.version(spark, lake, LakeTable.GOLD_REFORM_SERIES)
                + " (KPIs and indices on the 34 provinces of 1 July 2025)");
    }

    /** The index's input rows, or empty when its silver table is absent. */
    Optional<Dataset<Row>> input(Methodology m, Dataset<Row> kpis) {
        switch (m.source().kind()) {
            case IndexInputs.DOSSIER_KPIS:
                return Optional.ofNullable(kpis).map(IndexInputs::fromDossierKpis);
            case IndexInputs.PORTAL_EVALUATIONS:
                return silver(LakeTable.SILVER_PORTAL_EVALUATIONS)
                        .map(s -> IndexInputs.fromPortalEvaluations(spark, s));
            case IndexInputs.OFFICIAL_SCORES:
                return silver(LakeTable.SILVER_INDEX_SCORES)
                        .map(s -> IndexInputs.fromOfficialScores(
                                spark,
                                s,
                                m.source().option("index_code", ""),
                                m.source().option("prefer_source", null)));
            case IndexInputs.SURVEY_RESPONSES:
                return silver(LakeTable.SILVER_SURVEY_RESPONSES)
                        .map(s -> IndexInputs.fromSurvey(spark, s, m.source(), m.indexCode(), m.robustness()));
            default:
                throw new MethodologyException("methodology " + m.file() + ": no input adapter for source kind "
                        + m.source().kind());
        }
    }

    private Optional<Dataset<Row>> silver(LakeTable table) {
        return LakeSpark.exists(spark, lake, table)
                ? Optional.of(LakeSpark.read(spark, lake, table))
                : Optional.empty();
    }

    private static String missingInputMessage(Methodology m) {
        return switch (m.source().kind()) {
            case IndexInputs.DOSSIER_KPIS -> "no silver dossiers in the lake";
            case IndexInputs.PORTAL_EVALUATIONS ->
                "no " + LakeTable.SILVER_PORTAL_EVALUATIONS.relativePath()
                        + " in the lake (ingest the portal's evaluation exports)";
            case IndexInputs.OFFICIAL_SCORES ->
                "no " + LakeTable.SILVER_INDEX_SCORES.relativePath() + " in the lake (ingest official "
                        + m.source().option("index_code", "") + " results)";
            case IndexInputs.SURVEY_RESPONSES ->
                "no " + LakeTable.SILVER_SURVEY_RESPONSES.relativePath() + " in the lake (ingest survey answers)";
            default -> "no input";
        };
    }

    /** Scores, ranks and explains one index from its input rows; writes its rows of the three gold tables. */
    public Outcome compute(String index, List<Methodology> versions, Dataset<Row> rawInput) {
        prepareTables();
        Dataset<Row> input = IndexScoring.conform(rawInput)
                .filter(col("input_code").isin(inputCodes(versions).toArray()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Set<Integer> uncovered = uncoveredYears(versions, input);
        Dataset<Row> scored = IndexScoring.score(versions, input).persist(StorageLevel.MEMORY_AND_DISK());
        String where = "index_code = '" + index + "'";
        LakeSpark.replace(scored, lake, LakeTable.GOLD_INDEX_SCORES, where);
        Dataset<Row> rankings = LakeSpark.conform(
                        Rankings.computeWithIntervals(rankInput(scored)), LakeTable.GOLD_RANKINGS)
                .persist(StorageLevel.MEMORY_AND_DISK());
        LakeSpark.replace(rankings, lake, LakeTable.GOLD_RANKINGS, where);
        Dataset<Row> scores = LakeSpark.conform(scored, LakeTable.GOLD_INDEX_SCORES);
        LakeSpark.replace(RankChanges.compute(rankings, scores), lake, LakeTable.GOLD_RANK_CHANGES, where);
        Counts counts = Counts.of(scored);
        scored.unpersist();
        rankings.unpersist();
        input.unpersist();
        StringBuilder message = new StringBuilder("index " + index + " ("
                + versions.stream().map(Methodology::version).collect(Collectors.joining(", ")) + "): "
                + counts.units + " unit-periods scored, "
                + counts.ranked + " ranked");
        if (counts.checked > 0) {
            message.append("; ")
                    .append(counts.matching)
                    .append(" of ")
                    .append(counts.checked)
                    .append(" figures equal the source's published ones");
        }
        if (!uncovered.isEmpty()) {
            message.append("; no methodology for year(s) ").append(uncovered).append(": not scored");
        }
        return new Outcome(
                index, true, counts.units, counts.ranked, counts.checked, counts.matching, message.toString());
    }

    /** Years of the input that no methodology version covers (not scored). */
    private static Set<Integer> uncoveredYears(List<Methodology> versions, Dataset<Row> input) {
        Set<Integer> years = new TreeSet<>(input.select("year").distinct().collectAsList().stream()
                .map(r -> r.<Integer>getAs(0))
                .toList());
        Set<Integer> uncovered = new TreeSet<>();
        for (int year : years) {
            if (MethodologyCatalog.forYear(versions, year).isEmpty()) {
                uncovered.add(year);
            }
        }
        return uncovered;
    }

    /** The units to rank: each unit-period's index node that has a total. */
    private static Dataset<Row> rankInput(Dataset<Row> scored) {
        return scored.filter(col("node_type")
                        .equalTo(NodeResult.INDEX)
                        .and(col("index_score").isNotNull()))
                .select(
                        col("index_code"),
                        col("level"),
                        col("period_type"),
                        col("period"),
                        col("year"),
                        col("unit_code"),
                        col("unit_name"),
                        col("province_code"),
                        col("region"),
                        col("index_score").cast("DECIMAL(7,2)").as("score"),
                        col("methodology_version"),
                        col("band"),
                        col("median_rank"),
                        col("rank_low"),
                        col("rank_high"),
                        col("rank_draws"));
    }

    /** Unit-periods scored and ranked, and the published figures checked and matching. */
    private record Counts(long units, long ranked, long checked, long matching) {

        static Counts of(Dataset<Row> scored) {
            Row counts = scored.agg(
                            count(when(col("node_type").equalTo(NodeResult.INDEX), lit(1)))
                                    .as("units"),
                            count(when(
                                            col("node_type")
                                                    .equalTo(NodeResult.INDEX)
                                                    .and(col("index_score").isNotNull()),
                                            lit(1)))
                                    .as("ranked"),
                            count(col("matches_published")).as("checked"),
                            count(when(col("matches_published"), lit(1))).as("matching"))
                    .first();
            return new Counts(counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3));
        }
    }

    /** Every input code the versions read (indicators, and published figures they check against). */
    static Set<String> inputCodes(List<Methodology> versions) {
        Set<String> codes = new TreeSet<>();
        for (Methodology m : versions) {
            if (m.publishedInput() != null) {
                codes.add(m.publishedInput());
            }
            for (vn.chiso.transforms.methodology.Component c : m.components()) {
                if (c.publishedInput() != null) {
                    codes.add(c.publishedInput());
                }
                c.indicators().forEach(i -> codes.add(i.input()));
            }
        }
        return codes;
    }

    /** Gold tables (by location) this process has brought up to the contract: their schema is read once. */
    private static final Set<String> EVOLVED = ConcurrentHashMap.newKeySet();

    /** Brings existing gold tables up to the contract, each once per process. */
    private void prepareTables() {
        for (LakeTable t : List.of(LakeTable.GOLD_INDEX_SCORES, LakeTable.GOLD_RANKINGS, LakeTable.GOLD_RANK_CHANGES)) {
            evolve(t);
        }
    }

    /**
     * Adds columns the contract gained since the table was written (e.g. rank intervals on
     * gold/rankings); once per table location and process. An absent table is not recorded: the
     * next call looks again (a file-system check).
     */
    private void evolve(LakeTable table) {
        String location = table.location(lake);
        if (EVOLVED.contains(location) || !LakeSpark.exists(spark, lake, table)) {
            return;
        }
        Set<String> present =
                Set.of(spark.read().format("delta").load(table.location(lake)).columns());
        String missing = table.columns().stream()
                .filter(c -> !present.contains(c.name()))
                .filter(vn.chiso.contract.Column::nullable)
                .map(c -> "`" + c.name() + "` " + c.sqlType())
                .collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            spark.sql("ALTER TABLE delta.`" + location + "` ADD COLUMNS (" + missing + ")");
        }
        EVOLVED.add(location);
    }
}
