package vn.chiso.api.releases;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** All of ops/releases: every event, newest first, and each (index, period)'s history and latest state; immutable. */
public final class Releases {

    static final Releases NONE = new Releases(List.of());

    /** An (index, period) that has at least one event. */
    public record Key(String index, String period) {}

    private final List<ReleaseEvent> events;
    private final Map<Key, List<ReleaseEvent>> history = new HashMap<>();

    public Releases(List<ReleaseEvent> rows) {
        this.events = rows.stream()
                .sorted(Comparator.comparing(ReleaseEvent::at).reversed())
                .toList();
        for (ReleaseEvent e :
                rows.stream().sorted(Comparator.comparing(ReleaseEvent::at)).toList()) {
            history.computeIfAbsent(new Key(e.index(), e.period()), k -> new java.util.ArrayList<>())
                    .add(e);
        }
        history.replaceAll((k, list) -> List.copyOf(list));
    }

    public Optional<ReleaseEvent> latest(String index, String period) {
        List<ReleaseEvent> h = history(index, period);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    /** Every event of one (index, period), oldest first. */
    public List<ReleaseEvent> history(String index, String period) {
        return history.getOrDefault(new Key(index, period), List.of());
    }

    /** The (index, period)s of one index that have events. */
    public Set<String> periods(String index) {
        Set<String> periods = new LinkedHashSet<>();
        history.keySet().stream().filter(k -> k.index().equals(index)).forEach(k -> periods.add(k.period()));
        return periods;
    }

    /** The indices that have events. */
    public Set<String> indices() {
        Set<String> indices = new java.util.TreeSet<>();
        history.keySet().forEach(k -> indices.add(k.index()));
        return indices;
    }

    public List<ReleaseEvent> events() {
        return events;
    }
}
