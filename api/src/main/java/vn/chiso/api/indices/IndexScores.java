package vn.chiso.api.indices;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import vn.chiso.api.model.Period;

/** All of gold/index_scores, indexed by unit and by index's methodology version; immutable. */
public final class IndexScores {

    /** A methodology version as the scores show it: its components and indicators and the periods it scored. */
    public record Methodology(String version, List<String> periods, List<Node> nodes) {
    }

    /** A component or indicator of a methodology: its place in the tree, weight and maximum points. */
    public record Node(String type, String code, String name, String parent, java.math.BigDecimal weight,
                       java.math.BigDecimal maxPoints) {
    }

    private record UnitKey(String index, String level, String period, String unit) {
    }

    private final Map<UnitKey, List<IndexScore>> byUnit;
    private final Map<String, List<Methodology>> methodologies = new TreeMap<>();

    public IndexScores(List<IndexScore> rows) {
        this.byUnit = rows.stream().collect(Collectors.groupingBy(
                s -> new UnitKey(s.indexCode(), s.level(), s.period(), s.unitCode()),
                Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
        Map<String, Map<String, List<IndexScore>>> byVersion = new TreeMap<>();
        for (IndexScore s : rows) {
            byVersion.computeIfAbsent(s.indexCode(), i -> new TreeMap<>())
                    .computeIfAbsent(s.methodologyVersion(), v -> new ArrayList<>()).add(s);
        }
        Map<String, Period> parsed = new HashMap<>();
        byVersion.forEach((index, versions) -> {
            List<Methodology> list = new ArrayList<>();
            versions.forEach((version, scores) -> {
                List<String> periods = scores.stream().map(IndexScore::period).distinct()
                        .map(p -> parsed.computeIfAbsent(p, Period::of)).sorted().map(Period::code).toList();
                Map<String, Node> nodes = new LinkedHashMap<>();
                scores.stream().filter(s -> !s.nodeType().equals("index"))
                        .sorted(Comparator.comparing(IndexScore::nodeType).thenComparing(IndexScore::nodeCode))
                        .forEach(s -> nodes.merge(s.nodeType() + ':' + s.nodeCode(), new Node(s.nodeType(), s.nodeCode(), s.nodeName(),
                                s.parentCode(), s.weight(), s.maxPoints()), (a, b) -> new Node(a.type(), a.code(),
                                a.name() != null ? a.name() : b.name(), a.parent() != null ? a.parent() : b.parent(),
                                a.weight() != null ? a.weight() : b.weight(),
                                a.maxPoints() != null ? a.maxPoints() : b.maxPoints())));
                list.add(new Methodology(version, periods, List.copyOf(nodes.values())));
            });
            methodologies.put(index, List.copyOf(list));
        });
    }

    /** The methodology versions of an index, as its scores show them (empty for an index without scores). */
    public List<Methodology> methodologies(String index) {
        return methodologies.getOrDefault(index, List.of());
    }

    /** One unit's tree for one index and period: the index row, then components and indicators. */
    public List<IndexScore> forUnit(String index, String level, String period, String unit) {
        return byUnit.getOrDefault(new UnitKey(index, level, period, unit), List.of());
    }
}
