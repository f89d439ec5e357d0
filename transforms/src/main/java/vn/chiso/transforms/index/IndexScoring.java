package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.UnitLevel;
import vn.chiso.contract.spark.LakeSpark;
import vn.chiso.transforms.methodology.Methodology;
import vn.chiso.transforms.methodology.MethodologyCatalog;
import vn.chiso.transforms.robustness.RankInterval;
import vn.chiso.transforms.robustness.RankUncertainty;

/**
 * Scores an index on Spark: input rows are grouped by universe (the units ranked together: one
 * index, level, period and — below province level — province), and each universe is scored by
 * {@link IndexEngine} with the methodology version of its year, then its rank intervals are
 * simulated by {@link RankUncertainty}, all inside one task. A universe is small (≤ a few hundred
 * units × tens of indicators), universes are many (every period × province), so this spreads over
 * a cluster and never collects to the driver.
 */
public final class IndexScoring {

    /** Long input: one row per unit, period and input code (and bootstrap draw, when there is one). */
    public static final StructType INPUT = StructType.fromDDL(
            "level STRING, unit_code STRING, unit_name STRING, "
                    + "province_code STRING, region STRING, period_type STRING, period STRING, year INT, input_code STRING, "
                    + "value DECIMAL(24,9), numerator DECIMAL(24,4), denominator DECIMAL(24,4), max_points DECIMAL(18,9), "
                    + "published BOOLEAN, published_score DECIMAL(18,9), published_ratio DECIMAL(12,4), source STRING, draw INT");

    /** gold/index_scores columns plus the rank interval of the index row. */
    public static final StructType OUTPUT = LakeSpark.schema(LakeTable.GOLD_INDEX_SCORES)
            .add(new StructField(
                    "median_rank", DataTypes.IntegerType, true, org.apache.spark.sql.types.Metadata.empty()))
            .add(new StructField("rank_low", DataTypes.IntegerType, true, org.apache.spark.sql.types.Metadata.empty()))
            .add(new StructField("rank_high", DataTypes.IntegerType, true, org.apache.spark.sql.types.Metadata.empty()))
            .add(new StructField(
                    "rank_draws", DataTypes.IntegerType, true, org.apache.spark.sql.types.Metadata.empty()));

    private IndexScoring() {}

    /** The input frame with exactly {@link #INPUT}'s columns (absent optional columns as null). */
    public static Dataset<Row> conform(Dataset<Row> frame) {
        java.util.Set<String> present = java.util.Set.of(frame.columns());
        Column[] columns = java.util.Arrays.stream(INPUT.fields())
                .map(f -> (present.contains(f.name()) ? col(f.name()) : lit(null))
                        .cast(f.dataType())
                        .as(f.name()))
                .toArray(Column[]::new);
        return frame.select(columns);
    }

    /** Units below province level rank within their province. */
    public static Column peers() {
        return when(col("level").equalTo(UnitLevel.PROVINCE.code()), lit("*")).otherwise(col("province_code"));
    }

    /** Scores every universe of the input with the versions of one index. */
    public static Dataset<Row> score(List<Methodology> versions, Dataset<Row> input) {
        Dataset<Row> keyed = conform(input)
                .withColumn("universe", concat_ws("|", col("level"), col("period_type"), col("period"), peers()));
        return keyed.groupByKey((MapFunction<Row, String>) r -> r.getAs("universe"), Encoders.STRING())
                .flatMapGroups(new UniverseScorer(versions), Encoders.row(OUTPUT));
    }

    /** Scores one universe. Serializable: runs on executors. */
    static final class UniverseScorer implements FlatMapGroupsFunction<String, Row, Row> {
        private final List<Methodology> versions;

        UniverseScorer(List<Methodology> versions) {
            this.versions = List.copyOf(versions);
        }

        @Override
        public Iterator<Row> call(String universe, Iterator<Row> rows) {
            Map<String, UnitKey> keys = new TreeMap<>();
            Map<String, Map<String, InputValue>> nominal = new HashMap<>();
            Map<Integer, Map<String, Map<String, InputValue>>> draws = new TreeMap<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                String unit = r.getAs("unit_code");
                keys.putIfAbsent(
                        unit,
                        new UnitKey(
                                r.getAs("level"),
                                r.getAs("period_type"),
                                r.getAs("period"),
                                r.<Integer>getAs("year"),
                                unit,
                                r.getAs("unit_name"),
                                r.getAs("province_code"),
                                r.getAs("region")));
                InputValue value = new InputValue(
                        r.getAs("value"),
                        r.getAs("numerator"),
                        r.getAs("denominator"),
                        r.getAs("max_points"),
                        Boolean.TRUE.equals(r.getAs("published")),
                        r.getAs("published_score"),
                        r.getAs("published_ratio"),
                        r.getAs("source"));
                Integer draw = r.getAs("draw");
                Map<String, Map<String, InputValue>> target =
                        draw == null ? nominal : draws.computeIfAbsent(draw, d -> new HashMap<>());
                target.computeIfAbsent(unit, u -> new HashMap<>()).put(r.getAs("input_code"), value);
            }
            if (keys.isEmpty()) {
                return java.util.Collections.emptyIterator();
            }
            UnitKey any = keys.values().iterator().next();
            Optional<Methodology> chosen = MethodologyCatalog.forYear(versions, any.year());
            if (chosen.isEmpty() || !chosen.get().scoresLevel(any.level())) {
                return java.util.Collections.emptyIterator();
            }
            Methodology m = chosen.get();
            List<UnitResult> results = IndexEngine.score(m, units(keys, nominal));
            Map<String, RankInterval> intervals = Map.of();
            boolean bootstrap = m.robustness().bootstrap() && !draws.isEmpty();
            if (m.robustness().enabled() && (m.components().size() > 1 || bootstrap)) {
                intervals = RankUncertainty.simulate(
                        m,
                        results,
                        !bootstrap ? null : d -> IndexEngine.score(m, units(keys, draws.getOrDefault(d, Map.of()))));
            }
            List<Row> out = new ArrayList<>();
            for (UnitResult result : results) {
                RankInterval interval = intervals.get(result.key().unitCode());
                for (NodeResult node : result.nodes()) {
                    out.add(row(m, result, node, NodeResult.INDEX.equals(node.nodeType()) ? interval : null));
                }
            }
            return out.iterator();
        }

        private static List<UnitInputs> units(Map<String, UnitKey> keys, Map<String, Map<String, InputValue>> inputs) {
            List<UnitInputs> units = new ArrayList<>();
            for (Map.Entry<String, UnitKey> e : keys.entrySet()) {
                Map<String, InputValue> in = inputs.get(e.getKey());
                if (in != null) {
                    units.add(new UnitInputs(e.getValue(), in));
                }
            }
            units.sort(Comparator.comparing(u -> u.key().unitCode()));
            return units;
        }
    }

    private static Row row(Methodology m, UnitResult result, NodeResult node, RankInterval interval) {
        UnitKey k = result.key();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index_code", m.indexCode());
        v.put("methodology_version", m.version());
        v.put("level", k.level());
        v.put("period_type", k.periodType());
        v.put("period", k.period());
        v.put("year", k.year());
        v.put("unit_code", k.unitCode());
        v.put("unit_name", k.unitName());
        v.put("province_code", k.provinceCode());
        v.put("region", k.region());
        v.put("node_type", node.nodeType());
        v.put("node_code", node.code());
        v.put("node_name", node.name());
        v.put("parent_code", node.parent());
        v.put("numerator", node.numerator());
        v.put("denominator", node.denominator());
        v.put("raw_value", node.rawValue());
        v.put("normalised", node.normalised());
        v.put("weight", node.weight());
        v.put("max_points", node.maxPoints());
        v.put("score", node.score());
        v.put("contribution", node.contribution());
        v.put("index_score", result.total());
        v.put("band", NodeResult.INDEX.equals(node.nodeType()) ? result.band() : null);
        v.put("status", node.status());
        v.put("note", node.note());
        v.put("published_score", node.publishedScore());
        v.put("published_ratio", node.publishedRatio());
        v.put("matches_published", node.matchesPublished());
        v.put("source", node.source());
        v.put("median_rank", interval == null ? null : interval.median());
        v.put("rank_low", interval == null ? null : interval.low());
        v.put("rank_high", interval == null ? null : interval.high());
        v.put("rank_draws", interval == null ? null : interval.draws());
        Object[] values = new Object[OUTPUT.size()];
        for (int i = 0; i < values.length; i++) {
            StructField f = OUTPUT.fields()[i];
            if (!v.containsKey(f.name())) {
                throw new IllegalStateException("index row lacks column " + f.name());
            }
            Object value = v.get(f.name());
            if (value instanceof BigDecimal d && f.dataType() instanceof org.apache.spark.sql.types.DecimalType t) {
                value = d.setScale(t.scale(), RoundingMode.HALF_UP);
            }
            values[i] = value;
        }
        return RowFactory.create(values);
    }
}
