package vn.chiso.transforms.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.LakeTable;
import vn.chiso.transforms.ranking.Rankings;

/**
 * The periods of an index on dossier KPIs that a change of gold/unit_kpis reaches. Scores are
 * computed per period (a universe is one period), so only the periods whose KPI rows differ between
 * the two versions are scored again; rankings and rank changes also of the period just after each
 * (its previous rank and rank change read the changed one); and the period just before is read, not
 * written (the changed period's previous rank). Everything else of the index stays as it is.
 */
final class ChangedPeriods {

    /** Period labels by period type: changed (scores), affected (rankings, rank changes), read. */
    private final Map<String, Set<String>> changed;

    private final Map<String, Set<String>> affected;
    private final Map<String, Set<String>> read;
    private final int periods;

    private ChangedPeriods(
            Map<String, Set<String>> changed,
            Map<String, Set<String>> affected,
            Map<String, Set<String>> read,
            int periods) {
        this.changed = changed;
        this.affected = affected;
        this.read = read;
        this.periods = periods;
    }

    /**
     * The periods whose rows differ between two versions of gold/unit_kpis, placed among the periods
     * of {@code kpis} (the unit KPIs now); empty when the two versions have different columns.
     */
    static Optional<ChangedPeriods> between(SparkSession spark, String lake, long from, long to, Dataset<Row> kpis) {
        Dataset<Row> before = version(spark, lake, from);
        Dataset<Row> after = version(spark, lake, to);
        if (!before.schema().equals(after.schema())) {
            return Optional.empty();
        }
        List<Period> differing = periods(before.except(after).union(after.except(before)));
        List<Period> now = periods(kpis);
        Set<Period> all = new HashSet<>(now);
        all.addAll(differing);
        return Optional.of(place(all, new HashSet<>(differing)));
    }

    /** A period: its type, label and ordinal (consecutive within the type; null for an unknown type). */
    private record Period(String type, String label, Integer ordinal) {}

    private static List<Period> periods(Dataset<Row> rows) {
        return rows
                .select(col("period_type"), col("period"), Rankings.periodOrdinal())
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> new Period(r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getInt(2)))
                .toList();
    }

    private static Dataset<Row> version(SparkSession spark, String lake, long version) {
        return spark.read()
                .format("delta")
                .option("versionAsOf", version)
                .load(LakeTable.GOLD_UNIT_KPIS.location(lake));
    }

    /** Sorts the periods into changed, just after a changed one, just before one. */
    private static ChangedPeriods place(Set<Period> all, Set<Period> differing) {
        Map<String, Set<Integer>> changedOrdinals = new HashMap<>();
        differing.stream()
                .filter(p -> p.ordinal() != null)
                .forEach(p -> changedOrdinals
                        .computeIfAbsent(p.type(), t -> new HashSet<>())
                        .add(p.ordinal()));
        Map<String, Set<String>> changed = new TreeMap<>();
        Map<String, Set<String>> affected = new TreeMap<>();
        Map<String, Set<String>> read = new TreeMap<>();
        for (Period p : all) {
            Set<Integer> near = changedOrdinals.getOrDefault(p.type(), Set.of());
            boolean isChanged = differing.contains(p);
            boolean isAfter = p.ordinal() != null && near.contains(p.ordinal() - 1);
            boolean isBefore = p.ordinal() != null && near.contains(p.ordinal() + 1);
            if (isChanged) {
                add(changed, p);
            }
            if (isChanged || isAfter) {
                add(affected, p);
            }
            if (isChanged || isAfter || isBefore) {
                add(read, p);
            }
        }
        return new ChangedPeriods(changed, affected, read, all.size());
    }

    private static void add(Map<String, Set<String>> labels, Period p) {
        labels.computeIfAbsent(p.type(), t -> new TreeSet<>()).add(p.label());
    }

    boolean none() {
        return changed.isEmpty();
    }

    /** SQL: the periods whose scores change. */
    String changedPredicate() {
        return predicate(changed);
    }

    /** SQL: the periods whose rankings and rank changes change. */
    String affectedPredicate() {
        return predicate(affected);
    }

    /** The unit KPIs of every period the recomputation reads. */
    Dataset<Row> read(Dataset<Row> kpis) {
        return kpis.filter(expr(predicate(read)));
    }

    /** E.g. "3 of 51 periods scored, 5 ranked". */
    String summary() {
        return count(changed) + " of " + periods + " periods scored again, " + count(affected) + " ranked again";
    }

    private static int count(Map<String, Set<String>> labels) {
        return labels.values().stream().mapToInt(Set::size).sum();
    }

    private static String predicate(Map<String, Set<String>> labels) {
        if (labels.isEmpty()) {
            return "false";
        }
        List<String> parts = new ArrayList<>();
        labels.forEach((type, periods) -> parts.add("(period_type = " + quoted(type) + " AND period IN ("
                + periods.stream().map(ChangedPeriods::quoted).collect(Collectors.joining(", ")) + "))"));
        return "(" + String.join(" OR ", parts) + ")";
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
