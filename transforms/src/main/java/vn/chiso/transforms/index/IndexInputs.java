package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc_nulls_last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;
import vn.chiso.contract.UnitLevel;
import vn.chiso.transforms.methodology.Robustness;
import vn.chiso.transforms.methodology.Source;
import vn.chiso.transforms.robustness.Seeds;

/**
 * Input adapters: each source kind of a methodology file ({@code source: {kind: …}}) turned into the
 * long input of {@link IndexScoring#INPUT} (one row per unit, period and input code). Which input
 * codes an index reads is data (the methodology file); only the mapping of a silver table's columns
 * is code.
 */
public final class IndexInputs {

    public static final String DOSSIER_KPIS = "dossier_kpis";
    public static final String PORTAL_EVALUATIONS = "portal_evaluations";
    public static final String OFFICIAL_SCORES = "official_scores";
    public static final String SURVEY_RESPONSES = "survey_responses";

    private IndexInputs() {}

    /**
     * Dossier KPIs (gold unit_kpis rows, any level and period type) as inputs {@code on_time},
     * {@code online} and {@code postal}: counts over dossiers received.
     */
    public static Dataset<Row> fromDossierKpis(Dataset<Row> kpis) {
        Dataset<Row> base = kpis.select(
                col("level"),
                col("unit_code"),
                col("unit_name"),
                col("province_code"),
                col("region"),
                col("period_type"),
                col("period"),
                col("year"),
                col("received"),
                col("on_time"),
                col("online"),
                col("postal"));
        List<Dataset<Row>> parts = new ArrayList<>();
        for (String measure : List.of("on_time", "online", "postal")) {
            parts.add(base.withColumn("input_code", lit(measure))
                    .withColumn("numerator", col(measure))
                    .withColumn("denominator", col("received"))
                    .withColumn("source", lit("gold_unit_kpis")));
        }
        return IndexScoring.conform(parts.stream().reduce(Dataset::unionByName).orElseThrow());
    }

    /**
     * The portal's evaluation exports (silver portal_evaluations): input code
     * {@code <evaluation_group>/<metric_code>} (e.g. {@code transparency/PUBLISH_ON_TIME},
     * {@code dvc-progress-tree/TOTAL}); the portal's score and ratio are kept as published figures.
     * Units are the portal's department ids (the one identity every endpoint carries; the
     * H44.xx codes are missing from some). The province's own total row is level 'province', with
     * the province code; departments of the province
     * (department_level PROVINCE) are level 'department', communes 'commune'. Only unfiltered
     * captures (scope 'all') count, the latest capture of a unit, period and metric winning.
     */
    public static Dataset<Row> fromPortalEvaluations(SparkSession spark, Dataset<Row> silver) {
        Dataset<Row> rows = silver.filter(col("scope").isNull().or(col("scope").equalTo("all")))
                .withColumn(
                        "level",
                        when(col("is_total"), lit(UnitLevel.PROVINCE.code()))
                                .when(upper(col("department_level")).equalTo("PROVINCE"), lit("department"))
                                .otherwise(lower(coalesce(col("department_level"), lit("unit")))))
                // department_id is the portal's identity of a unit in every endpoint (some carry no code)
                .withColumn(
                        "unit_code", when(col("is_total"), col("province_code")).otherwise(col("department_id")))
                .withColumn("input_code", concat(col("evaluation_group"), lit("/"), col("metric_code")))
                .withColumn(
                        "latest",
                        row_number()
                                .over(Window.partitionBy("level", "unit_code", "period_type", "period", "input_code")
                                        .orderBy(desc_nulls_last("captured_at"), desc_nulls_last("updated_at"))))
                .filter(col("latest").equalTo(1));
        Dataset<Row> provinces = provinces(spark);
        return IndexScoring.conform(rows.join(provinces, scala(List.of("province_code")), "left")
                .select(
                        col("level"),
                        col("unit_code"),
                        when(col("is_total"), coalesce(col("province_name"), col("department_name")))
                                .otherwise(col("department_name"))
                                .as("unit_name"),
                        col("province_code"),
                        col("region"),
                        col("period_type"),
                        col("period"),
                        col("year"),
                        col("input_code"),
                        col("score").as("value"),
                        col("numerator"),
                        col("denominator"),
                        col("max_score").as("max_points"),
                        lit(true).as("published"),
                        col("score").as("published_score"),
                        col("ratio").as("published_ratio"),
                        lit("silver_portal_evaluations").as("source")));
    }

    /**
     * Official index results (silver index_scores) of one index ({@code source.index_code}): one input
     * per component code (TOTAL, dimensions, sub-dimensions …), score as value and as published figure,
     * max_score as the input's maximum; provinces by year. When the silver table holds the same index
     * and year from several publishers, {@code preferredSource} (the methodology's
     * {@code prefer_source}, e.g. UNDP's own workbook over a compilation) gives the whole year when it
     * has rows for it, so one year's figures never mix two publishers' codes; otherwise the latest row
     * of each province and component.
     */
    public static Dataset<Row> fromOfficialScores(
            SparkSession spark, Dataset<Row> silver, String indexCode, String preferredSource) {
        Dataset<Row> rows = silver.filter(col("index_code").equalTo(indexCode));
        if (preferredSource != null) {
            rows = rows.withColumn(
                            "_preferred",
                            when(col("source").equalTo(preferredSource), lit(1)).otherwise(lit(0)))
                    .withColumn("_year_has_preferred", max("_preferred").over(Window.partitionBy("year")))
                    .filter(col("_year_has_preferred")
                            .equalTo(0)
                            .or(col("_preferred").equalTo(1)))
                    .drop("_preferred", "_year_has_preferred");
        }
        rows = rows.withColumn(
                        "latest",
                        row_number()
                                .over(Window.partitionBy("province_code", "year", "component_code")
                                        .orderBy(desc_nulls_last("updated_at"))))
                .filter(col("latest").equalTo(1));
        return IndexScoring.conform(rows.drop("province_name")
                .join(provinces(spark), scala(List.of("province_code")), "left")
                .select(
                        lit(UnitLevel.PROVINCE.code()).as("level"),
                        col("province_code").as("unit_code"),
                        col("province_name").as("unit_name"),
                        col("province_code"),
                        col("region"),
                        lit("year").as("period_type"),
                        col("year").cast("STRING").as("period"),
                        col("year"),
                        col("component_code").as("input_code"),
                        col("score").as("value"),
                        col("max_score").as("max_points"),
                        lit(true).as("published"),
                        col("score").as("published_score"),
                        coalesce(col("source"), lit("silver_index_scores")).as("source")));
    }

    /** Official index results of one index, whoever published them (see the four-argument form). */
    public static Dataset<Row> fromOfficialScores(SparkSession spark, Dataset<Row> silver, String indexCode) {
        return fromOfficialScores(spark, silver, indexCode, null);
    }

    /**
     * Survey answers (silver survey_responses) as one input per factor and province-period:
     * numerator = answers scoring at least {@code satisfied_min_score} (default 4 on the 1–5 scale:
     * satisfied or very satisfied), denominator = answers with a score. With bootstrap robustness,
     * also {@code draws} resamples of the respondents of each province-period (with replacement),
     * as rows with {@code draw} set; seeded per province, period and draw.
     */
    public static Dataset<Row> fromSurvey(
            SparkSession spark, Dataset<Row> silver, Source source, String indexCode, Robustness robustness) {
        int satisfiedMin = Integer.parseInt(source.option("satisfied_min_score", "4"));
        Dataset<Row> answers = silver.select(
                col("province_code"),
                col("period_type"),
                col("period"),
                col("year"),
                col("respondent_id"),
                col("factor").as("input_code"),
                when(col("answer_score").geq(satisfiedMin), lit(1L))
                        .otherwise(lit(0L))
                        .as("satisfied"),
                when(col("answer_score").isNotNull(), lit(1L))
                        .otherwise(lit(0L))
                        .as("valid"));
        Dataset<Row> provinces = provinces(spark);
        Dataset<Row> nominal = answers.groupBy("province_code", "period_type", "period", "year", "input_code")
                .agg(sum("satisfied").as("numerator"), sum("valid").as("denominator"));
        Dataset<Row> all = nominal.withColumn("draw", lit(null).cast("INT"));
        if (robustness.bootstrap() && robustness.draws() > 0) {
            Dataset<Row> perRespondent = answers.groupBy(
                            "province_code", "period_type", "period", "year", "respondent_id", "input_code")
                    .agg(sum("satisfied").as("satisfied"), sum("valid").as("valid"));
            StructType schema = StructType.fromDDL("province_code STRING, period_type STRING, period STRING, "
                    + "year INT, input_code STRING, numerator BIGINT, denominator BIGINT, draw INT");
            Dataset<Row> draws = perRespondent
                    .groupByKey(
                            (MapFunction<Row, String>) r ->
                                    r.getAs("province_code") + "|" + r.getAs("period_type") + "|" + r.getAs("period"),
                            Encoders.STRING())
                    .flatMapGroups(
                            new Bootstrap(indexCode, robustness.draws(), robustness.seed()), Encoders.row(schema));
            all = all.unionByName(draws);
        }
        return IndexScoring.conform(all.join(provinces, scala(List.of("province_code")), "left")
                .select(
                        lit(UnitLevel.PROVINCE.code()).as("level"),
                        col("province_code").as("unit_code"),
                        col("province_name").as("unit_name"),
                        col("province_code"),
                        col("region"),
                        col("period_type"),
                        col("period"),
                        col("year"),
                        col("input_code"),
                        col("numerator"),
                        col("denominator"),
                        lit("silver_survey_responses").as("source"),
                        col("draw")));
    }

    /** Respondent resampling of one province-period; each draw depends only on (seed, index, unit, period, draw). */
    static final class Bootstrap implements FlatMapGroupsFunction<String, Row, Row> {
        private final String indexCode;
        private final int draws;
        private final long seed;

        Bootstrap(String indexCode, int draws, long seed) {
            this.indexCode = indexCode;
            this.draws = draws;
            this.seed = seed;
        }

        @Override
        public Iterator<Row> call(String key, Iterator<Row> rows) {
            // respondent → factor → (satisfied, valid), in a fixed order
            Map<String, Map<String, long[]>> respondents = new java.util.TreeMap<>();
            Row first = null;
            java.util.Set<String> factors = new java.util.TreeSet<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                first = first == null ? r : first;
                factors.add(r.getAs("input_code"));
                respondents
                        .computeIfAbsent(r.getAs("respondent_id"), x -> new LinkedHashMap<>())
                        .put(r.getAs("input_code"), new long[] {r.<Long>getAs("satisfied"), r.<Long>getAs("valid")});
            }
            List<Map<String, long[]>> list = new ArrayList<>(respondents.values());
            int n = list.size();
            List<Row> out = new ArrayList<>();
            for (int d = 1; d <= draws; d++) {
                SplittableRandom random = new SplittableRandom(Seeds.of(seed, "bootstrap/" + indexCode + "/" + key, d));
                Map<String, long[]> totals = new LinkedHashMap<>();
                for (String f : factors) {
                    totals.put(f, new long[2]);
                }
                for (int i = 0; i < n; i++) {
                    for (Map.Entry<String, long[]> e :
                            list.get(random.nextInt(n)).entrySet()) {
                        long[] t = totals.get(e.getKey());
                        t[0] += e.getValue()[0];
                        t[1] += e.getValue()[1];
                    }
                }
                for (Map.Entry<String, long[]> e : totals.entrySet()) {
                    out.add(RowFactory.create(
                            first.getAs("province_code"),
                            first.getAs("period_type"),
                            first.getAs("period"),
                            first.getAs("year"),
                            e.getKey(),
                            e.getValue()[0],
                            e.getValue()[1],
                            d));
                }
            }
            return out.iterator();
        }
    }

    /** Province names and regions from the contract's official list. */
    static Dataset<Row> provinces(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (Province p : AdminUnits.get().provinces()) {
            rows.add(RowFactory.create(p.code(), p.name(), p.region()));
        }
        // provinces created in 2025 keep a surviving province's code, so the list covers both maps
        return spark.createDataFrame(
                rows, StructType.fromDDL("province_code STRING, province_name STRING, " + "region STRING"));
    }

    static scala.collection.immutable.Seq<String> scala(List<String> columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(columns).toSeq();
    }

    /** Count of rows (for messages). */
    static long size(Dataset<Row> frame) {
        return frame.agg(count(lit(1))).first().getLong(0);
    }
}
