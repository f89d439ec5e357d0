package vn.chiso.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * The publisher of an index file, from its file name ({@code ingest/index-sources.csv}: glob →
 * source): the {@code source} hint of its rows. A file not listed gets no hint (its folder names it).
 */
public final class IndexSources {

    private static final String RESOURCE = "/ingest/index-sources.csv";
    private static final List<Map.Entry<Pattern, String>> BY_NAME = load();

    private IndexSources() {}

    /** {@code source → publisher} for a listed file name, else nothing. */
    public static Map<String, String> hints(String path) {
        String name = new Path(path).getName().toLowerCase(Locale.ROOT);
        for (Map.Entry<Pattern, String> e : BY_NAME) {
            if (e.getKey().matcher(name).matches()) {
                return Map.of("source", e.getValue());
            }
        }
        return Map.of();
    }

    private static List<Map.Entry<Pattern, String>> load() {
        List<Map.Entry<Pattern, String>> out = new ArrayList<>();
        for (ResourceTable.Row row : ResourceTable.read(RESOURCE)) {
            if (row.get(0).isEmpty() || row.get(1).isEmpty()) {
                throw new IllegalStateException(RESOURCE + " line " + row.line() + ": expected file,source");
            }
            String glob = row.get(0).toLowerCase(Locale.ROOT);
            String regex = Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            out.add(Map.entry(Pattern.compile(regex), row.get(1)));
        }
        return List.copyOf(out);
    }
}
