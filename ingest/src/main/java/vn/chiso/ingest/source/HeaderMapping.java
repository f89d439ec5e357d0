package vn.chiso.ingest.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.chiso.ingest.parse.ScoreHeader;
import vn.chiso.ingest.parse.VnText;

/**
 * Maps the header of a file onto the lake's canonical fields of its kind, using the synonyms in
 * {@code ingest/<kind>-headers.csv} (data, not code). Columns that match nothing are kept as
 * extras. Two-row headers (a merged group cell above its sub-columns, as XLSX reports have) match
 * on "group + column" first, then on the column alone, then on the group alone. In an index table a
 * header stating its unit ("Chỉ số (%)", "… (10 điểm)") is a score column, never a key field.
 */
public final class HeaderMapping implements Serializable {

    private static final Map<FileKind, Map<String, String>> SYNONYMS = new EnumMap<>(FileKind.class);

    private final FileKind kind;
    private final List<String> header;
    /** For each column position: the canonical field, or null for an extra column. */
    private final String[] canonicalByPosition;

    private HeaderMapping(FileKind kind, List<String> header, String[] canonicalByPosition) {
        this.kind = kind;
        this.header = List.copyOf(header);
        this.canonicalByPosition = canonicalByPosition;
    }

    /** A dossier export's header. */
    public static HeaderMapping of(List<String> header) {
        return of(FileKind.DOSSIERS, header, null);
    }

    /**
     * A header of the given kind; {@code groups} is the row above it (merged group cells, filled
     * rightwards), or null.
     */
    public static HeaderMapping of(FileKind kind, List<String> header, List<String> groups) {
        Map<String, String> synonyms = synonyms(kind);
        if (groups != null && groups.size() > header.size()) {
            header = new ArrayList<>(header); // a merged group cell spans down to the header row
            while (header.size() < groups.size()) {
                header.add("");
            }
        }
        String[] canonical = new String[header.size()];
        List<String> names = new ArrayList<>(header.size());
        String group = null;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : VnText.nfc(header.get(i).strip());
            if (groups != null
                    && i < groups.size()
                    && groups.get(i) != null
                    && !groups.get(i).isBlank()) {
                group = VnText.nfc(groups.get(i).strip());
            }
            String field = null;
            if (group != null && !name.isEmpty()) {
                field = synonyms.get(VnText.key(group + " " + name));
            }
            if (field == null && !name.isEmpty()) {
                field = synonyms.get(VnText.key(name));
            }
            if (field == null && name.isEmpty() && group != null) {
                field = synonyms.get(VnText.key(group));
            }
            String display = name.isEmpty()
                    ? (group == null ? "column " + (i + 1) : group)
                    : (group != null && groups != null && field == null ? group + " / " + name : name);
            names.add(display);
            if (field != null && kind == FileKind.INDEX_SCORES && ScoreHeader.parse(name) != null) {
                field = null; // "Chỉ số (%)", "… (10 điểm)": a score column of a wide table, not a key field
            }
            boolean alreadyMapped = false;
            for (int j = 0; j < i && field != null; j++) {
                alreadyMapped |= field.equals(canonical[j]);
            }
            canonical[i] = alreadyMapped ? null : field; // a repeated column stays an extra
        }
        return new HeaderMapping(kind, names, canonical);
    }

    public FileKind kind() {
        return kind;
    }

    public List<String> header() {
        return header;
    }

    public int width() {
        return header.size();
    }

    public String canonicalAt(int position) {
        return position < canonicalByPosition.length ? canonicalByPosition[position] : null;
    }

    public int positionOf(String field) {
        return Arrays.asList(canonicalByPosition).indexOf(field);
    }

    public int knownColumns() {
        int n = 0;
        for (String c : canonicalByPosition) {
            n += c == null ? 0 : 1;
        }
        return n;
    }

    public List<String> missing(List<String> requiredFields) {
        List<String> missing = new ArrayList<>();
        for (String field : requiredFields) {
            if (!Arrays.asList(canonicalByPosition).contains(field)) {
                missing.add(field);
            }
        }
        return missing;
    }

    /** Comparison key: lower case, no diacritics (đ → d), letters and digits only. */
    static String key(String header) {
        return VnText.key(header);
    }

    static synchronized Map<String, String> synonyms(FileKind kind) {
        return SYNONYMS.computeIfAbsent(kind, HeaderMapping::load);
    }

    private static Map<String, String> load(FileKind kind) {
        String resource = kind.synonyms();
        if (resource == null) {
            return Map.of();
        }
        Map<String, String> byKey = new HashMap<>();
        try (InputStream in = HeaderMapping.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int row = 0;
            while ((line = reader.readLine()) != null) {
                row++;
                if (line.isBlank() || line.startsWith("#") || line.equals("field,header")) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma < 0) {
                    throw new IllegalStateException(resource + " row " + row + ": expected field,header");
                }
                String field = line.substring(0, comma).strip();
                String previous = byKey.put(key(line.substring(comma + 1)), field);
                if (previous != null && !previous.equals(field)) {
                    throw new IllegalStateException(resource + " row " + row + ": header maps to two fields");
                }
            }
            return byKey;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
