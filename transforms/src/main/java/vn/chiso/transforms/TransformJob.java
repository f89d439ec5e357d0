package vn.chiso.transforms;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Lineage;
import vn.chiso.contract.Lineage.Step;
import vn.chiso.contract.UnitLevel;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.transforms.build.GoldBuilds;
import vn.chiso.transforms.crossindex.CrossIndex;
import vn.chiso.transforms.index.IndexPipeline;
import vn.chiso.transforms.kpi.DossierFrames;
import vn.chiso.transforms.kpi.DossierKpis;
import vn.chiso.transforms.methodology.MethodologyCatalog;

/**
 * Silver → gold: dossier KPIs per unit and period, then every index whose input is in the lake
 * (scores, rankings with rank intervals, rank-change explanations; see {@link IndexPipeline}), and
 * the history on the 34 provinces; then the cross-index view of every index side by side
 * ({@link CrossIndex}). The processing-progress ranking is the index {@code progress}
 * (methodologies/progress/), computed like any other.
 */
public final class TransformJob {

    public static final String PROGRESS_INDEX = "progress";
    static final List<String> PERIOD_TYPES = List.of("year", "quarter", "month");

    private final SparkSession spark;
    private final String lake;
    private final MethodologyCatalog catalog;
    private final Consumer<String> progress;
    private final GoldBuilds.Mode mode;

    public TransformJob(SparkSession spark, String lake, Consumer<String> progress) {
        this(spark, lake, MethodologyCatalog.bundled(), progress);
    }

    public TransformJob(SparkSession spark, String lake, MethodologyCatalog catalog, Consumer<String> progress) {
        this(spark, lake, catalog, progress, GoldBuilds.Mode.INCREMENTAL);
    }

    private TransformJob(
            SparkSession spark,
            String lake,
            MethodologyCatalog catalog,
            Consumer<String> progress,
            GoldBuilds.Mode mode) {
        this.spark = spark;
        this.lake = lake;
        this.catalog = catalog;
        this.progress = progress;
        this.mode = mode;
    }

    /**
     * This job, recomputing every piece of gold even when its inputs are those it was built from
     * (by default a piece whose recorded inputs are unchanged is kept; see {@link GoldBuilds}).
     */
    public TransformJob rebuildingAll() {
        return new TransformJob(spark, lake, catalog, progress, GoldBuilds.Mode.FULL);
    }

    /** Runs the transform's lineage steps in their declared order ({@link Lineage#steps}). */
    public List<IndexPipeline.Outcome> run() {
        requireSilver();
        Run run = new Run(new GoldBuilds(spark, lake, mode), dossierFrames());
        try {
            for (Step step : Lineage.steps(Lineage.Job.TRANSFORM)) {
                LakeSpark.step(spark, step, () -> run(step, run));
            }
        } finally {
            run.dossiers.release();
        }
        return run.outcomes;
    }

    /** What one run's steps hand each other. */
    private static final class Run {
        final GoldBuilds builds;
        final DossierFrames dossiers;
        List<IndexPipeline.Outcome> outcomes = List.of();

        Run(GoldBuilds builds, DossierFrames dossiers) {
            this.builds = builds;
            this.dossiers = dossiers;
        }
    }

    private void run(Step step, Run run) {
        switch (step) {
            case ROLL_UP_KPIS -> rollUpKpis(run);
            case SCORE_INDICES ->
                run.outcomes =
                        new IndexPipeline(spark, lake, catalog, progress, run.builds).run(run.dossiers, PERIOD_TYPES);
            case COMPARE_INDICES -> compareIndices(run.builds);
            default -> throw new IllegalStateException("the transform has no implementation of step " + step.id());
        }
    }

    private void requireSilver() {
        if (!hasSilverInput(spark, lake)) {
            throw new IllegalStateException("no silver dossiers under " + lake + "; run ./chiso ingest first");
        }
    }

    /** Whether the lake holds any silver table the transform reads, i.e. whether {@link #run} has input. */
    public static boolean hasSilverInput(SparkSession spark, String lake) {
        return Stream.of(
                        LakeTable.SILVER_DOSSIERS,
                        LakeTable.SILVER_PORTAL_EVALUATIONS,
                        LakeTable.SILVER_INDEX_SCORES,
                        LakeTable.SILVER_SURVEY_RESPONSES)
                .anyMatch(t -> LakeSpark.exists(spark, lake, t));
    }

    /** The monthly counts and unit KPIs of the lake's dossiers, computed when a step first needs them. */
    private DossierFrames dossierFrames() {
        if (!LakeSpark.exists(spark, lake, LakeTable.SILVER_DOSSIERS)) {
            return DossierFrames.absent();
        }
        return DossierFrames.lazy(
                () -> DossierKpis.withOfficialDistricts(
                        DossierKpis.monthlyCounts(LakeSpark.read(spark, lake, LakeTable.SILVER_DOSSIERS)),
                        LakeSpark.exists(spark, lake, LakeTable.SILVER_UNITS)
                                ? LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS)
                                : null),
                monthly -> withUnitLabels(unitKpis(monthly)));
    }

    private void rollUpKpis(Run run) {
        if (!run.dossiers.present()) {
            progress.accept("no silver dossiers: dossier KPIs and the progress index skipped");
            return;
        }
        GoldBuilds.Piece piece =
                run.builds.piece(LakeTable.GOLD_UNIT_KPIS, "unit_kpis", Step.ROLL_UP_KPIS.inputs(), Map.of());
        Optional<GoldBuilds.Kept> kept = run.builds.kept(piece);
        if (kept.isPresent()) {
            progress.accept(kept.get().message());
            return;
        }
        Dataset<Row> kpis = run.dossiers.kpis();
        LakeSpark.overwrite(kpis, lake, LakeTable.GOLD_UNIT_KPIS);
        long rows = kpis.count();
        run.builds.record(piece, rows + " rows");
        progress.accept("gold unit_kpis: " + rows + " rows (version "
                + LakeSpark.version(spark, lake, LakeTable.GOLD_UNIT_KPIS) + ")");
    }

    /** The cross-index view, unless gold/rankings is as it was when the view was last built. */
    private void compareIndices(GoldBuilds builds) {
        GoldBuilds.Piece piece =
                builds.piece(LakeTable.GOLD_PROVINCE_INDICES, "cross_index", Step.COMPARE_INDICES.inputs(), Map.of());
        Optional<GoldBuilds.Kept> kept = builds.kept(piece);
        if (kept.isPresent()) {
            progress.accept(kept.get().message());
            return;
        }
        new CrossIndex(spark, lake, progress).run();
        builds.record(piece, "built");
    }

    static Dataset<Row> unitKpis(Dataset<Row> monthly) {
        return DossierKpis.withRates(
                DossierKpis.rollUp(monthly, List.of(UnitLevel.PROVINCE, UnitLevel.DISTRICT), PERIOD_TYPES));
    }

    /** Unit, province and region names from the unit dimension. */
    private Dataset<Row> withUnitLabels(Dataset<Row> kpis) {
        // silver/units is versioned (63 provinces until 2025-06-30, 34 from 2025-07-01, codes reused):
        // one version per code here, the 63-province map's
        Dataset<Row> units = LakeSpark.read(spark, lake, LakeTable.SILVER_UNITS)
                .filter(col("valid_from").isNull());
        Dataset<Row> unitNames = units.select(col("unit_level").as("level"), col("unit_code"), col("unit_name"));
        Dataset<Row> provinces = units.filter(col("unit_level").equalTo(UnitLevel.PROVINCE.code()))
                .select(col("unit_code").as("province_code"), col("unit_name").as("province_name"), col("region"));
        return kpis.join(
                        unitNames,
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of("level", "unit_code"))
                                .toSeq(),
                        "left")
                .join(
                        provinces,
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of("province_code"))
                                .toSeq(),
                        "left");
    }
}
