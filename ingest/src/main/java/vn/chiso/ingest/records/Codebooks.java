package vn.chiso.ingest.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.chiso.ingest.parse.VnText;
import vn.chiso.ingest.source.CsvRecordReader;

/** The data files that give meaning to codes: index components, survey factors and answers. */
final class Codebooks {

    record Component(String index, String code, String name, String level, String parent, String max) {
    }

    /** index → component key (code or name key) → component. */
    static final Map<String, Map<String, Component>> COMPONENTS = new LinkedHashMap<>();
    /** component code key → the components of every index that use it (for wide files). */
    static final Map<String, List<Component>> BY_CODE = new HashMap<>();
    /** a publisher's name for a component column (ingest/index-component-names.csv) key → components. */
    static final Map<String, List<Component>> BY_PUBLISHED_NAME = new HashMap<>();
    static final Map<String, String> FACTORS = new HashMap<>();
    static final Map<String, Integer> ANSWERS = new HashMap<>();

    static {
        for (List<String> f : rows("/ingest/index-components.csv")) {
            Component c = new Component(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4).isEmpty() ? null : f.get(4),
                    f.size() > 5 && !f.get(5).isEmpty() ? f.get(5) : null);
            Map<String, Component> index = COMPONENTS.computeIfAbsent(c.index(), k -> new HashMap<>());
            index.put(VnText.key(c.code()), c);
            index.put(VnText.key(c.name()), c);
            BY_CODE.computeIfAbsent(VnText.key(c.code()), k -> new ArrayList<>()).add(c);
        }
        for (List<String> f : rows("/ingest/index-component-names.csv")) {
            Component c = COMPONENTS.getOrDefault(f.get(0), Map.of()).get(VnText.key(f.get(1)));
            if (c == null) {
                throw new IllegalStateException("ingest/index-component-names.csv: " + f.get(0) + " " + f.get(1)
                        + " is not in ingest/index-components.csv");
            }
            BY_PUBLISHED_NAME.computeIfAbsent(VnText.key(f.get(2)), k -> new ArrayList<>()).add(c);
        }
        for (List<String> f : rows("/ingest/survey-factors.csv")) {
            FACTORS.put(VnText.key(f.get(1)), f.get(0));
        }
        for (List<String> f : rows("/ingest/survey-answers.csv")) {
            ANSWERS.put(VnText.key(f.get(0)), Integer.parseInt(f.get(1).strip()));
        }
    }

    private Codebooks() {
    }

    private static List<List<String>> rows(String resource) {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Codebooks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            CsvRecordReader csv = new CsvRecordReader(in, ',');
            CsvRecordReader.Record r;
            boolean header = true;
            while ((r = csv.next()) != null) {
                if (r.fields().get(0).startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(r.fields().stream().map(String::strip).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
