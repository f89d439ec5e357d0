package vn.chiso.api.rankings;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** All of gold/rank_changes by (index, level, period, unit): the index row first, then components by code. */
public final class RankChanges {

    private record Key(String index, String level, String period, String unit) {}

    private final Map<Key, List<RankChange>> byUnit;

    public RankChanges(List<RankChange> rows) {
        Comparator<RankChange> order = Comparator.comparing(
                        (RankChange c) -> !c.nodeType().equals("index"))
                .thenComparing(RankChange::nodeCode);
        this.byUnit = rows.stream()
                .collect(Collectors.groupingBy(
                        c -> new Key(c.indexCode(), c.level(), c.period(), c.unitCode()),
                        Collectors.collectingAndThen(
                                Collectors.toList(),
                                l -> l.stream().sorted(order).toList())));
    }

    public List<RankChange> forUnit(String index, String level, String period, String unit) {
        return byUnit.getOrDefault(new Key(index, level, period, unit), List.of());
    }
}
