package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;

/**
 * Explains each unit's move against the previous period (gold/rank_changes).
 *
 * <p>Rank: the counterfactual rank is the rank the unit's new score would have had among the other
 * units' previous scores. Then {@code rank_change = rank_change_own + rank_change_others} exactly:
 * own = previous rank − counterfactual rank (places won or lost by the unit's own score change),
 * others = counterfactual rank − rank (places won or lost because other units moved).
 *
 * <p>Score: each component's contribution (points it adds to the total) now and before; the changes
 * add up to the change of the unrounded total, and share_of_change is each change ÷ their sum. When
 * the methodology version differs between the periods, {@code comparable} is false.
 *
 * <p>Computed per ranking universe over all its periods (one index, level, period type and — below
 * province level — province) inside one task: a universe holds at most a few hundred units per
 * period, so comparing every unit with the others of the previous period is cheap there, while a
 * self-join of all periods is not.
 */
public final class RankChanges {

    private static final StructType SCHEMA = LakeSpark.schema(LakeTable.GOLD_RANK_CHANGES);

    private RankChanges() {}

    /**
     * @param rankings    gold/rankings rows of one index (with previous_period, previous_rank …)
     * @param indexScores gold/index_scores rows of the same index
     */
    public static Dataset<Row> compute(Dataset<Row> rankings, Dataset<Row> indexScores) {
        Dataset<Row> units = rankings.select(
                        col("index_code"),
                        col("level"),
                        col("period_type"),
                        col("period"),
                        col("year"),
                        col("unit_code"),
                        col("unit_name"),
                        col("province_code"),
                        col("region"),
                        col("score"),
                        col("rank"),
                        col("previous_period"),
                        col("previous_rank"),
                        col("methodology_version"),
                        col("rank_low"),
                        col("rank_high"),
                        col("within_noise"))
                .withColumn(
                        "universe",
                        concat_ws("|", col("index_code"), col("level"), col("period_type"), IndexScoring.peers()));
        Dataset<Row> components = indexScores
                .filter(col("node_type").equalTo(NodeResult.COMPONENT))
                .select(
                        col("index_code"),
                        col("level"),
                        col("period_type"),
                        col("period"),
                        col("unit_code"),
                        col("province_code"),
                        col("node_code"),
                        col("node_name"),
                        col("contribution"))
                .withColumn(
                        "universe",
                        concat_ws("|", col("index_code"), col("level"), col("period_type"), IndexScoring.peers()));
        MapFunction<Row, String> key = r -> r.getAs("universe");
        return units.groupByKey(key, Encoders.STRING())
                .cogroup(components.groupByKey(key, Encoders.STRING()), new Explain(), Encoders.row(SCHEMA));
    }

    /** One universe, all its periods. */
    static final class Explain implements CoGroupFunction<String, Row, Row, Row> {

        /** A unit now and in the previous period ({@code then} null when it was not there), with both versions. */
        private record Move(Row now, Row then, String previousPeriod, String version, String previousVersion) {

            static Move of(Row now, String previousPeriod, Row then) {
                return new Move(
                        now,
                        then,
                        previousPeriod,
                        now.getAs("methodology_version"),
                        then == null ? null : then.getAs("methodology_version"));
            }

            boolean comparable() {
                return Objects.equals(version, previousVersion);
            }
        }

        @Override
        public Iterator<Row> call(String universe, Iterator<Row> unitRows, Iterator<Row> componentRows) {
            Map<String, Map<String, Row>> byPeriod = unitsByPeriod(unitRows);
            Map<String, Map<String, Map<String, Row>>> contributions = contributionsByPeriod(componentRows);
            List<Row> out = new ArrayList<>();
            for (Map<String, Row> period : byPeriod.values()) {
                for (Row now : period.values()) {
                    String previousPeriod = now.getAs("previous_period");
                    Integer previousRank = now.getAs("previous_rank");
                    Map<String, Row> before = previousPeriod == null ? null : byPeriod.get(previousPeriod);
                    if (previousRank == null || before == null) {
                        continue;
                    }
                    String unit = now.getAs("unit_code");
                    Move move = Move.of(now, previousPeriod, before.get(unit));
                    out.add(indexRow(move, previousRank, counterfactualRank(now, before)));
                    out.addAll(componentRows(
                            move,
                            contributions
                                    .getOrDefault(now.getAs("period"), Map.of())
                                    .getOrDefault(unit, Map.of()),
                            contributions.getOrDefault(previousPeriod, Map.of()).getOrDefault(unit, Map.of())));
                }
            }
            return out.iterator();
        }

        /** period → unit → ranking row. */
        private static Map<String, Map<String, Row>> unitsByPeriod(Iterator<Row> unitRows) {
            Map<String, Map<String, Row>> byPeriod = new HashMap<>();
            while (unitRows.hasNext()) {
                Row r = unitRows.next();
                byPeriod.computeIfAbsent(r.getAs("period"), p -> new HashMap<>())
                        .put(r.getAs("unit_code"), r);
            }
            return byPeriod;
        }

        /** period → unit → component code → (name, contribution), in methodology order. */
        private static Map<String, Map<String, Map<String, Row>>> contributionsByPeriod(Iterator<Row> componentRows) {
            Map<String, Map<String, Map<String, Row>>> contributions = new HashMap<>();
            while (componentRows.hasNext()) {
                Row r = componentRows.next();
                contributions
                        .computeIfAbsent(r.getAs("period"), p -> new HashMap<>())
                        .computeIfAbsent(r.getAs("unit_code"), u -> new LinkedHashMap<>())
                        .put(r.getAs("node_code"), r);
            }
            return contributions;
        }

        /** The rank the unit's new score would have had among the other units' previous scores. */
        private static int counterfactualRank(Row now, Map<String, Row> before) {
            String unit = now.getAs("unit_code");
            BigDecimal score = now.getAs("score");
            int ahead = 0;
            for (Row other : before.values()) {
                if (!other.<String>getAs("unit_code").equals(unit)
                        && other.<BigDecimal>getAs("score").compareTo(score) > 0) {
                    ahead++;
                }
            }
            return ahead + 1;
        }

        /** The index row: score change, and the rank change split into the unit's own part and the others'. */
        private static Row indexRow(Move move, int previousRank, int counterfactual) {
            Row now = move.now();
            BigDecimal score = now.getAs("score");
            BigDecimal previousScore = move.then() == null ? null : move.then().getAs("score");
            int rank = now.getAs("rank");
            Map<String, Object> index = base(move);
            index.put("node_type", NodeResult.INDEX);
            index.put("node_code", now.getAs("index_code"));
            index.put("contribution", score);
            index.put("previous_contribution", previousScore);
            index.put("contribution_change", previousScore == null ? null : score.subtract(previousScore));
            index.put("share_of_change", BigDecimal.ONE);
            index.put("rank", rank);
            index.put("previous_rank", previousRank);
            index.put("rank_change", previousRank - rank);
            index.put("counterfactual_rank", counterfactual);
            index.put("rank_change_own", previousRank - counterfactual);
            index.put("rank_change_others", counterfactual - rank);
            index.put("rank_low", now.getAs("rank_low"));
            index.put("rank_high", now.getAs("rank_high"));
            index.put("within_noise", now.getAs("within_noise"));
            index.put(
                    "note",
                    move.comparable()
                            ? null
                            : "methodology changed (" + move.previousVersion() + " → " + move.version()
                                    + "): compare with care");
            return row(index);
        }

        /** Each component's contribution now and before; its change as a share of all the changes. */
        private static List<Row> componentRows(Move move, Map<String, Row> current, Map<String, Row> previous) {
            BigDecimal total = BigDecimal.ZERO;
            Map<String, BigDecimal> changes = new LinkedHashMap<>();
            for (Map.Entry<String, Row> c : current.entrySet()) {
                BigDecimal a = c.getValue().getAs("contribution");
                Row p = previous.get(c.getKey());
                BigDecimal b = p == null ? null : p.getAs("contribution");
                BigDecimal change = a == null || b == null ? null : a.subtract(b);
                changes.put(c.getKey(), change);
                total = change == null ? total : total.add(change);
            }
            List<Row> out = new ArrayList<>();
            for (Map.Entry<String, Row> c : current.entrySet()) {
                Map<String, Object> component = base(move);
                BigDecimal change = changes.get(c.getKey());
                Row p = previous.get(c.getKey());
                component.put("node_type", NodeResult.COMPONENT);
                component.put("node_code", c.getKey());
                component.put("node_name", c.getValue().getAs("node_name"));
                component.put("contribution", c.getValue().getAs("contribution"));
                component.put("previous_contribution", p == null ? null : p.getAs("contribution"));
                component.put("contribution_change", change);
                component.put(
                        "share_of_change",
                        change == null || total.signum() == 0 ? null : change.divide(total, 12, RoundingMode.HALF_UP));
                component.put("note", p == null ? "component absent in the previous period" : null);
                out.add(row(component));
            }
            return out;
        }

        private static Map<String, Object> base(Move move) {
            Map<String, Object> v = new HashMap<>();
            for (String c : List.of(
                    "index_code",
                    "level",
                    "period_type",
                    "period",
                    "year",
                    "unit_code",
                    "unit_name",
                    "province_code",
                    "region")) {
                v.put(c, move.now().getAs(c));
            }
            v.put("previous_period", move.previousPeriod());
            v.put("methodology_version", move.version());
            v.put("previous_methodology_version", move.previousVersion());
            v.put("comparable", move.comparable());
            return v;
        }

        private static Row row(Map<String, Object> values) {
            Object[] out = new Object[SCHEMA.size()];
            for (int i = 0; i < out.length; i++) {
                StructField f = SCHEMA.fields()[i];
                Object v = values.get(f.name());
                if (v instanceof BigDecimal d && f.dataType() instanceof DecimalType t) {
                    v = d.setScale(t.scale(), RoundingMode.HALF_UP);
                }
                out[i] = v;
            }
            return RowFactory.create(out);
        }
    }
}
