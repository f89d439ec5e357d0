package vn.chiso.ingest.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the header of a province's file onto the lake's canonical fields, using the synonyms in
 * {@code ingest/dossier-headers.csv}. Columns that match nothing are kept as extras.
 */
public final class HeaderMapping implements Serializable {

    private static final String SYNONYMS = "/ingest/dossier-headers.csv";
    private static final Map<String, String> CANONICAL_BY_KEY = loadSynonyms();

    private final List<String> header;
    /** For each column position: the canonical field, or null for an extra column. */
    private final String[] canonicalByPosition;

    private HeaderMapping(List<String> header, String[] canonicalByPosition) {
        this.header = List.copyOf(header);
        this.canonicalByPosition = canonicalByPosition;
    }

    public static HeaderMapping of(List<String> header) {
        String[] canonical = new String[header.size()];
        for (int i = 0; i < header.size(); i++) {
            String field = CANONICAL_BY_KEY.get(key(header.get(i)));
            boolean alreadyMapped = false;
            for (int j = 0; j < i && field != null; j++) {
                alreadyMapped |= field.equals(canonical[j]);
            }
            canonical[i] = alreadyMapped ? null : field; // a repeated column stays an extra
        }
        return new HeaderMapping(header, canonical);
    }

    public List<String> header() {
        return header;
    }

    public int width() {
        return header.size();
    }

    public String canonicalAt(int position) {
        return canonicalByPosition[position];
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
            if (!java.util.Arrays.asList(canonicalByPosition).contains(field)) {
                missing.add(field);
            }
        }
        return missing;
    }

    /** Comparison key: lower case, no diacritics (đ → d), letters and digits only. */
    static String key(String header) {
        String nfd = Normalizer.normalize(header.strip(), Normalizer.Form.NFD);
        StringBuilder key = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); i++) {
            char c = Character.toLowerCase(nfd.charAt(i));
            if (c == 'đ') {
                c = 'd';
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static Map<String, String> loadSynonyms() {
        Map<String, String> byKey = new HashMap<>();
        try (InputStream in = HeaderMapping.class.getResourceAsStream(SYNONYMS)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + SYNONYMS);
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
                    throw new IllegalStateException(SYNONYMS + " row " + row + ": expected field,header");
                }
                String previous = byKey.put(key(line.substring(comma + 1)), line.substring(0, comma));
                if (previous != null && !previous.equals(line.substring(0, comma))) {
                    throw new IllegalStateException(SYNONYMS + " row " + row + ": header maps to two fields");
                }
            }
            return byKey;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
