package vn.chiso.api.indices;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vn.chiso.api.model.Period;

/** All of gold/index_scores, indexed by unit and by index's methodology version; immutable. */
public final class IndexScores {

    /** A methodology version as the scores show it: its components and indicators and the periods it scored. */
    public record Methodology(String version, List<String> periods, List<Node> nodes) {}

    /** A component or indicator of a methodology: its place in the tree, weight and maximum points. */
    public record Node(
            String type,
            String code,
            String name,
            String parent,
            java.math.BigDecimal weight,
            java.math.BigDecimal maxPoints) {}

    private record UnitKey(String index, String level, String period, String unit) {}

    private final Map<UnitKey, List<IndexScore>> byUnit;
    /** index → period → the methodology that scored it, as that period's rows show it. */
    private final Map<String, Map<String, Methodology>> byPeriod = new TreeMap<>();

    public IndexScores(List<IndexScore> rows) {
        this.byUnit = rows.stream()
                .collect(Collectors.groupingBy(
                        s -> new UnitKey(s.indexCode(), s.level(), s.period(), s.unitCode()),
                        Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
        Map<String, Map<String, List<IndexScore>>> grouped = new TreeMap<>();
        for (IndexScore s : rows) {
            grouped.computeIfAbsent(s.indexCode(), i -> new TreeMap<>())
                    .computeIfAbsent(s.period(), p -> new ArrayList<>())
                    .add(s);
        }
        grouped.forEach((index, periods) -> {
            Map<String, Methodology> methodologies = new HashMap<>();
            periods.forEach((period, scores) -> scores.stream()
                    .collect(Collectors.groupingBy(IndexScore::methodologyVersion, TreeMap::new, Collectors.toList()))
                    .forEach((version, ofVersion) -> methodologies.putIfAbsent(
                            period, new Methodology(version, List.of(period), nodes(ofVersion)))));
            byPeriod.put(index, methodologies);
        });
    }

    private static List<Node> nodes(List<IndexScore> scores) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        scores.stream()
                .filter(s -> !s.nodeType().equals("index"))
                .sorted(Comparator.comparing(IndexScore::nodeType).thenComparing(IndexScore::nodeCode))
                .forEach(s -> nodes.merge(
                        s.nodeType() + ':' + s.nodeCode(),
                        new Node(s.nodeType(), s.nodeCode(), s.nodeName(), s.parentCode(), s.weight(), s.maxPoints()),
                        IndexScores::merge));
        return List.copyOf(nodes.values());
    }

    private static Node merge(Node a, Node b) {
        return new Node(
                a.type(),
                a.code(),
                a.name() != null ? a.name() : b.name(),
                a.parent() != null ? a.parent() : b.parent(),
                a.weight() != null ? a.weight() : b.weight(),
                a.maxPoints() != null ? a.maxPoints() : b.maxPoints());
    }

    /** The methodology that scored one (index, period), from that period's rows only. */
    public Optional<Methodology> methodology(String index, String period) {
        return Optional.ofNullable(byPeriod.getOrDefault(index, Map.of()).get(period));
    }

    /** The methodology versions of an index, as its scores show them (empty for an index without scores). */
    public List<Methodology> methodologies(String index) {
        return combine(byPeriod.getOrDefault(index, Map.of()).values());
    }

    /** Per-period methodologies combined by version, versions in order, each with its periods oldest first. */
    public static List<Methodology> combine(Collection<Methodology> perPeriod) {
        Map<String, List<Methodology>> byVersion = new TreeMap<>();
        perPeriod.forEach(m ->
                byVersion.computeIfAbsent(m.version(), v -> new ArrayList<>()).add(m));
        List<Methodology> list = new ArrayList<>();
        byVersion.forEach((version, ms) -> {
            List<Methodology> ordered = ms.stream()
                    .sorted(Comparator.comparing(
                            (Methodology m) -> Period.of(m.periods().get(0))))
                    .toList();
            Map<String, Node> nodes = new LinkedHashMap<>();
            ordered.forEach(m -> m.nodes().forEach(n -> nodes.merge(n.type() + ':' + n.code(), n, IndexScores::merge)));
            List<String> periods =
                    ordered.stream().flatMap(m -> m.periods().stream()).toList();
            list.add(new Methodology(version, periods, List.copyOf(nodes.values())));
        });
        return List.copyOf(list);
    }

    /** One unit's tree for one index and period: the index row, then components and indicators. */
    public List<IndexScore> forUnit(String index, String level, String period, String unit) {
        return byUnit.getOrDefault(new UnitKey(index, level, period, unit), List.of());
    }
}
