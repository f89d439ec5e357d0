package vn.chiso.ingest.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    private IndexSources() {
    }

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
        try (InputStream in = IndexSources.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int row = 0;
            while ((line = r.readLine()) != null) {
                row++;
                if (line.isBlank() || line.startsWith("#") || line.equals("file,source")) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma <= 0) {
                    throw new IllegalStateException(RESOURCE + " row " + row + ": expected file,source");
                }
                String glob = line.substring(0, comma).strip().toLowerCase(Locale.ROOT);
                String regex = Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
                out.add(Map.entry(Pattern.compile(regex), line.substring(comma + 1).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
