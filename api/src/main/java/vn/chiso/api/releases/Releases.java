package vn.chiso.api.releases;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All of ops/releases: every event, newest first, and the latest state of each (index, period); immutable. */
public final class Releases {

    static final Releases NONE = new Releases(List.of());

    private final List<ReleaseEvent> events;
    private final Map<String, ReleaseEvent> latest = new HashMap<>();

    public Releases(List<ReleaseEvent> rows) {
        this.events = rows.stream().sorted(Comparator.comparing(ReleaseEvent::at).reversed()).toList();
        for (ReleaseEvent e : rows.stream().sorted(Comparator.comparing(ReleaseEvent::at)).toList()) {
            latest.put(key(e.index(), e.period()), e);
        }
    }

    private static String key(String index, String period) {
        return index + '\u0000' + period;
    }

    public Optional<ReleaseEvent> latest(String index, String period) {
        return Optional.ofNullable(latest.get(key(index, period)));
    }

    public List<ReleaseEvent> events() {
        return events;
    }
}
