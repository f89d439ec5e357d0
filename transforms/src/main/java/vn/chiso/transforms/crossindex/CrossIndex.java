package vn.chiso.transforms.crossindex;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.covar_pop;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.var_pop;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.UnitLevel;
import vn.chiso.contract.spark.LakeSpark;

/**
 * The cross-index view, built from gold/rankings once every index has run: each province's position
 * on every index per year (gold/province_indices) and, per year and pair of indices, the rank
 * correlation across the provinces ranked on both (gold/index_correlations). Only year periods at
 * province level count: the dossier indices' quarters and months and every lower level are left out.
 */
public final class CrossIndex {

    static final String YEAR = "year";
    private static final List<String> PAIR_KEYS = List.of("year", "period", "index_code_a", "index_code_b");

    private final SparkSession spark;
    private final String lake;
    private final Consumer<String> progress;

    public CrossIndex(SparkSession spark, String lake, Consumer<String> progress) {
        this.spark = spark;
        this.lake = lake;
        this.progress = progress;
    }

    /** Replaces both tables from the current gold/rankings; nothing to do when there are no rankings. */
    public void run() {
        if (!LakeSpark.exists(spark, lake, LakeTable.GOLD_RANKINGS)) {
            progress.accept("cross-index view: skipped, no gold/rankings in the lake");
            return;
        }
        long rankingsVersion = LakeSpark.version(spark, lake, LakeTable.GOLD_RANKINGS);
        Dataset<Row> positions = provinceIndices(provinceYears(LakeSpark.read(spark, lake, LakeTable.GOLD_RANKINGS)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        LakeSpark.overwrite(positions, lake, LakeTable.GOLD_PROVINCE_INDICES);
        Dataset<Row> correlations = correlations(positions).persist(StorageLevel.MEMORY_AND_DISK());
        long pairs = correlations.count();
        // with a single index there is nothing to correlate: an empty table is only written over an old one
        if (pairs > 0 || LakeSpark.exists(spark, lake, LakeTable.GOLD_INDEX_CORRELATIONS)) {
            LakeSpark.overwrite(correlations, lake, LakeTable.GOLD_INDEX_CORRELATIONS);
        }
        long correlationsVersion = LakeSpark.version(spark, lake, LakeTable.GOLD_INDEX_CORRELATIONS);
        progress.accept("gold province_indices: " + positions.count() + " rows (version "
                + LakeSpark.version(spark, lake, LakeTable.GOLD_PROVINCE_INDICES) + "), gold index_correlations: "
                + (correlationsVersion < 0
                        ? "not written, no two indices rank provinces in the same year"
                        : pairs + " index pairs × years (version " + correlationsVersion + ")")
                + "; from gold/rankings@" + rankingsVersion);
        correlations.unpersist();
        positions.unpersist();
    }

    /** gold/rankings rows of provinces in year periods. */
    static Dataset<Row> provinceYears(Dataset<Row> rankings) {
        return rankings.filter(col("level")
                .equalTo(UnitLevel.PROVINCE.code())
                .and(col("period_type").equalTo(YEAR)));
    }

    /** Province-year rankings as gold/province_indices rows (the province's name is the unit's). */
    static Dataset<Row> provinceIndices(Dataset<Row> provinceYears) {
        return LakeSpark.conform(
                provinceYears.withColumn("province_name", col("unit_name")), LakeTable.GOLD_PROVINCE_INDICES);
    }

    /** Every pair of indices (a before b) ranked in the same year, with both scores of each province on both. */
    static Dataset<Row> pairs(Dataset<Row> provinceIndices) {
        Dataset<Row> a = provinceIndices.select(
                col("year"),
                col("period"),
                col("province_code"),
                col("index_code").as("index_code_a"),
                col("score").as("score_a"),
                col("methodology_version").as("methodology_version_a"));
        Dataset<Row> b = provinceIndices.select(
                col("year").as("year_b"),
                col("province_code").as("province_b"),
                col("index_code").as("index_code_b"),
                col("score").as("score_b"),
                col("methodology_version").as("methodology_version_b"));
        return a.join(
                        b,
                        col("year")
                                .equalTo(col("year_b"))
                                .and(col("province_code").equalTo(col("province_b")))
                                .and(col("index_code_a").lt(col("index_code_b"))))
                .drop("year_b", "province_b");
    }

    /**
     * Each pair's scores as average ranks among the provinces in common (best score 1; tied scores
     * share the mean of the places they take, so 1, 2.5, 2.5, 4).
     */
    static Dataset<Row> withAverageRanks(Dataset<Row> pairs) {
        return pairs.withColumn("rank_a", averageRank("score_a")).withColumn("rank_b", averageRank("score_b"));
    }

    private static Column averageRank(String score) {
        WindowSpec pair = Window.partitionBy(pairKeys());
        WindowSpec tied =
                Window.partitionBy(col("year"), col("period"), col("index_code_a"), col("index_code_b"), col(score));
        // competition rank r of k tied scores: they take places r … r + k − 1
        return rank().over(pair.orderBy(col(score).desc()))
                .cast("DOUBLE")
                .plus(count(lit(1)).over(tied).minus(1).cast("DOUBLE").divide(2));
    }

    private static Column[] pairKeys() {
        return PAIR_KEYS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /** Spearman's rho per pair and year: the (population) correlation of the average ranks; provinces in common. */
    static Dataset<Row> spearman(Dataset<Row> ranked) {
        // a variance of 0 (every score tied) leaves no divisor: rho is null
        Column spread = sqrt(var_pop(col("rank_a")).multiply(var_pop(col("rank_b"))));
        return ranked.groupBy(pairKeys())
                .agg(
                        count(lit(1)).cast("INT").as("provinces_in_common"),
                        covar_pop(col("rank_a"), col("rank_b"))
                                .divide(when(spread.gt(0), spread))
                                .as("rho"),
                        first(col("methodology_version_a")).as("methodology_version_a"),
                        first(col("methodology_version_b")).as("methodology_version_b"))
                .withColumn("spearman_rho", round(col("rho"), 4).cast("DECIMAL(5,4)"))
                .drop("rho");
    }

    /**
     * Kendall's tau-b per pair and year: over every two provinces in common, concordant minus
     * discordant orderings, divided by √(pairs not tied on a × pairs not tied on b).
     */
    static Dataset<Row> kendall(Dataset<Row> pairs) {
        Dataset<Row> other = pairs.select(
                col("year").as("o_year"),
                col("index_code_a").as("o_a"),
                col("index_code_b").as("o_b"),
                col("province_code").as("o_province"),
                col("score_a").as("o_score_a"),
                col("score_b").as("o_score_b"));
        Dataset<Row> provincePairs = pairs.join(
                other,
                col("year")
                        .equalTo(col("o_year"))
                        .and(col("index_code_a").equalTo(col("o_a")))
                        .and(col("index_code_b").equalTo(col("o_b")))
                        .and(col("province_code").lt(col("o_province"))));
        Column orderA = signum(col("score_a").minus(col("o_score_a")));
        Column orderB = signum(col("score_b").minus(col("o_score_b")));
        return provincePairs
                .groupBy(pairKeys())
                .agg(
                        sum(orderA.multiply(orderB)).as("concordance"),
                        count(when(orderA.notEqual(0), lit(1))).as("untied_a"),
                        count(when(orderB.notEqual(0), lit(1))).as("untied_b"))
                .withColumn(
                        "kendall_tau_b",
                        round(
                                        col("concordance")
                                                .divide(when(
                                                        col("untied_a")
                                                                .gt(0)
                                                                .and(col("untied_b")
                                                                        .gt(0)),
                                                        sqrt(col("untied_a").multiply(col("untied_b"))))),
                                        4)
                                .cast("DECIMAL(5,4)"))
                .select(col("year"), col("period"), col("index_code_a"), col("index_code_b"), col("kendall_tau_b"));
    }

    /** How many provinces each index ranked per year. */
    static Dataset<Row> provincesRanked(Dataset<Row> provinceIndices) {
        return provinceIndices
                .groupBy(col("year"), col("index_code"))
                .agg(count(lit(1)).cast("INT").as("provinces"));
    }

    /** gold/index_correlations rows: every pair of indices with at least one province in common in a year. */
    static Dataset<Row> correlations(Dataset<Row> provinceIndices) {
        Dataset<Row> pairs = pairs(provinceIndices);
        Dataset<Row> ranked = provincesRanked(provinceIndices);
        Dataset<Row> rankedA = ranked.select(
                col("year").as("ra_year"),
                col("index_code").as("ra_index"),
                col("provinces").as("provinces_ranked_a"));
        Dataset<Row> rankedB = ranked.select(
                col("year").as("rb_year"),
                col("index_code").as("rb_index"),
                col("provinces").as("provinces_ranked_b"));
        Dataset<Row> result = spearman(withAverageRanks(pairs))
                .join(
                        kendall(pairs),
                        scala.jdk.javaapi.CollectionConverters.asScala(PAIR_KEYS)
                                .toSeq(),
                        "left")
                .join(
                        rankedA,
                        col("year")
                                .equalTo(col("ra_year"))
                                .and(col("index_code_a").equalTo(col("ra_index"))))
                .join(
                        rankedB,
                        col("year")
                                .equalTo(col("rb_year"))
                                .and(col("index_code_b").equalTo(col("rb_index"))))
                .withColumn("period_type", lit(YEAR));
        return LakeSpark.conform(result, LakeTable.GOLD_INDEX_CORRELATIONS);
    }
}
