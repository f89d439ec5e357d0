package vn.chiso.api.releases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures one answer carries, by kind, as {@link EveryRouteEmbargoTest}'s readers find them:
 * ranking lines; KPIs (and the slots where KPIs of a unit and period could have been but are
 * null); component scores; rank-change explanations; methodologies; periods listed per index;
 * index pairs of a correlation; release states; or none (reference data only).
 */
final class Extracted {

    /** A rank-change explanation: its head (null for a CSV of components only) and its components. */
    record Explained(ReleaseFacts.Key key, String unit, Entry head, List<Entry> components) {}

    /** A methodology version as shown: the periods it is shown for and its nodes. */
    record Method(String index, String version, List<String> periods, List<Entry> nodes) {}

    final List<Entry> lines = new ArrayList<>();
    final List<Entry> kpis = new ArrayList<>();
    final List<Entry> missingKpis = new ArrayList<>();
    final List<Entry> components = new ArrayList<>();
    final List<Explained> explanations = new ArrayList<>();
    final List<Method> methodologies = new ArrayList<>();
    final Map<String, Set<String>> periods = new LinkedHashMap<>();
    final Map<String, Set<String>> levels = new LinkedHashMap<>();
    final List<Entry> correlations = new ArrayList<>();
    /** Correlation answers: the year and the indices they compare. */
    final Map<String, List<String>> correlated = new LinkedHashMap<>();

    final List<Entry> releases = new ArrayList<>();
    boolean reference;
    /** A list of releases, or of indices: what it leaves out matters too. */
    boolean releaseList;

    boolean indexList;

    void period(String index, String period) {
        periods.computeIfAbsent(index, i -> new LinkedHashSet<>()).add(period);
    }

    /** How many figures this answer carries. */
    int size() {
        return lines.size()
                + kpis.size()
                + missingKpis.size()
                + components.size()
                + explanations.size()
                + methodologies.size()
                + periods.values().stream().mapToInt(Set::size).sum()
                + correlations.size()
                + correlated.size()
                + releases.size()
                + (reference ? 1 : 0);
    }
}
