package vn.chiso.api.rankings;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import vn.chiso.api.model.Period;

/** All of gold/rankings, indexed for the API's questions; immutable. */
public final class Rankings {

    /** Rank order; ties (same rank) by unit code so pages are stable. */
    static final Comparator<Ranking> BY_RANK =
            Comparator.comparingInt(Ranking::rank).thenComparing(Ranking::unitCode);

    private record Key(String index, String level, String period) {}

    private final Map<Key, List<Ranking>> lists;
    private final Map<String, List<Ranking>> byUnit;
    private final Map<String, IndexPeriods> indices;

    /** The periods and levels one index has rankings for. */
    public record IndexPeriods(String index, SortedSet<String> levels, SortedSet<Period> periods) {}

    public Rankings(List<Ranking> rows) {
        this.lists = rows.stream()
                .collect(Collectors.groupingBy(
                        r -> new Key(r.indexCode(), r.level(), r.period()),
                        Collectors.collectingAndThen(
                                Collectors.toList(),
                                l -> l.stream().sorted(BY_RANK).toList())));
        this.byUnit = rows.stream()
                .collect(Collectors.groupingBy(
                        Ranking::unitCode, Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
        Map<String, Period> parsed = new HashMap<>();
        Map<String, IndexPeriods> indices = new TreeMap<>();
        for (Ranking r : rows) {
            IndexPeriods ip =
                    indices.computeIfAbsent(r.indexCode(), i -> new IndexPeriods(i, new TreeSet<>(), new TreeSet<>()));
            ip.levels().add(r.level());
            ip.periods().add(parsed.computeIfAbsent(r.period(), Period::of));
        }
        this.indices = indices;
    }

    public Set<String> indexCodes() {
        return indices.keySet();
    }

    public List<IndexPeriods> indices() {
        return List.copyOf(indices.values());
    }

    public boolean hasIndex(String index) {
        return indices.containsKey(index);
    }

    public boolean hasPeriod(String index, Period period) {
        return hasIndex(index) && indices.get(index).periods().contains(period);
    }

    /** The latest period this index has rankings at this level for. */
    public Optional<Period> latestPeriod(String index, String level) {
        return latestPeriod(index, level, p -> true);
    }

    /** The latest period this index has rankings at this level for among those {@code visible} accepts. */
    public Optional<Period> latestPeriod(String index, String level, java.util.function.Predicate<Period> visible) {
        return lists.keySet().stream()
                .filter(k -> k.index().equals(index) && k.level().equals(level))
                .map(k -> Period.of(k.period()))
                .filter(visible)
                .max(Comparator.naturalOrder());
    }

    /** One ranking list in rank order; empty if there is none. */
    public List<Ranking> list(String index, String level, Period period) {
        return lists.getOrDefault(new Key(index, level, period.code()), List.of());
    }

    /** The levels this index ranks in one period. */
    public SortedSet<String> levels(String index, Period period) {
        SortedSet<String> levels = new TreeSet<>();
        lists.keySet().stream()
                .filter(k -> k.index().equals(index) && k.period().equals(period.code()))
                .forEach(k -> levels.add(k.level()));
        return levels;
    }

    /** One unit's line of one list, if it is ranked there. */
    public Optional<Ranking> find(String index, String level, String period, String unitCode) {
        return forUnit(unitCode).stream()
                .filter(r -> r.indexCode().equals(index)
                        && r.level().equals(level)
                        && r.period().equals(period))
                .findFirst();
    }

    /** Every ranking of one unit, all indices and periods. */
    public List<Ranking> forUnit(String unitCode) {
        return byUnit.getOrDefault(unitCode, List.of());
    }
}
