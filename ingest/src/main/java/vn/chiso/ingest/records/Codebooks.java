package vn.chiso.ingest.records;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.chiso.ingest.parse.VnText;
import vn.chiso.ingest.source.ResourceTable;

/**
 * The data files that give meaning to codes: index components (and the column names of wide index
 * tables), survey factors and answers.
 */
final class Codebooks {

    record Component(String index, String code, String name, String level, String parent, String max) {}

    /** index → component key (code or name key) → component. */
    static final Map<String, Map<String, Component>> COMPONENTS = new LinkedHashMap<>();
    /** component code key → the components of every index that use it (for wide files). */
    static final Map<String, List<Component>> BY_CODE = new HashMap<>();
    /** Wide-table column name key (code, name or a synonym of ingest/index-columns.csv) → components. */
    static final Map<String, List<Component>> BY_COLUMN = new HashMap<>();

    static final Map<String, String> FACTORS = new HashMap<>();
    static final Map<String, Integer> ANSWERS = new HashMap<>();

    static {
        for (List<String> f : rows("/ingest/index-components.csv")) {
            Component c = new Component(
                    f.get(0),
                    f.get(1),
                    f.get(2),
                    f.get(3),
                    f.get(4).isEmpty() ? null : f.get(4),
                    f.size() > 5 && !f.get(5).isEmpty() ? f.get(5) : null);
            Map<String, Component> index = COMPONENTS.computeIfAbsent(c.index(), k -> new HashMap<>());
            index.put(VnText.key(c.code()), c);
            index.put(VnText.key(c.name()), c);
            BY_CODE.computeIfAbsent(VnText.key(c.code()), k -> new ArrayList<>())
                    .add(c);
            addColumn(c.code(), c);
            addColumn(c.name(), c);
        }
        for (List<String> f : rows("/ingest/index-columns.csv")) {
            Component c = COMPONENTS.getOrDefault(f.get(0), Map.of()).get(VnText.key(f.get(1)));
            if (c == null) {
                throw new IllegalStateException("/ingest/index-columns.csv: " + f.get(0) + " " + f.get(1)
                        + " is not in /ingest/index-components.csv");
            }
            addColumn(f.get(2), c);
        }
        for (List<String> f : rows("/ingest/survey-factors.csv")) {
            FACTORS.put(VnText.key(f.get(1)), f.get(0));
        }
        for (List<String> f : rows("/ingest/survey-answers.csv")) {
            ANSWERS.put(VnText.key(f.get(0)), Integer.parseInt(f.get(1).strip()));
        }
    }

    private Codebooks() {}

    private static void addColumn(String header, Component c) {
        List<Component> list = BY_COLUMN.computeIfAbsent(VnText.key(header), k -> new ArrayList<>());
        if (!list.contains(c)) {
            list.add(c);
        }
    }

    private static List<List<String>> rows(String resource) {
        return ResourceTable.read(resource).stream()
                .map(ResourceTable.Row::fields)
                .toList();
    }
}
