package vn.chiso.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vn.chiso.ingest.parse.VnText;

/**
 * The vocabulary of published index tables ({@code ingest/published-table-headers.csv}): what a
 * column label means (province, rank, a component of an index …) and which province-column
 * values are statistics of the table (MIN, MAX). Data, not code: a new spelling is a new line.
 */
final class PublishedHeaders {

    enum Role {
        PROVINCE,
        ORDER,
        RANK,
        TIER,
        REGION,
        IGNORE,
        STATISTIC,
        COMPONENT,
        PUBLISHER
    }

    /** One line of the vocabulary. */
    record Term(Role role, String index, String code, String match, String key, Pattern pattern) {

        /** How long a match is (longer terms win), or -1 when the label does not match. */
        int matchLength(String labelKey) {
            return switch (match) {
                case "exact" -> labelKey.equals(key) ? key.length() : -1;
                case "contains" -> labelKey.contains(key) ? key.length() : -1;
                case "pattern" -> pattern.matcher(labelKey).find() ? 1 : -1;
                default -> -1;
            };
        }
    }

    private static final String RESOURCE = "/ingest/published-table-headers.csv";
    private static final List<Term> TERMS = load();

    private PublishedHeaders() {}

    /** The term a column label takes (the longest match), or null when it names nothing known. */
    static Term classify(String label) {
        return classify(List.of(label));
    }

    /**
     * The term of a column whose header rows hold {@code parts} (a group name over a name, English
     * over Vietnamese): the longest match in any part or in all of them joined; null if none.
     */
    static Term classify(List<String> parts) {
        List<String> keys = new ArrayList<>();
        parts.forEach(p -> keys.add(VnText.key(p)));
        if (parts.size() > 1) {
            keys.add(VnText.key(String.join(" ", parts)));
        }
        Term best = null;
        int bestLength = -1;
        for (String k : keys) {
            if (k.isEmpty()) {
                continue;
            }
            for (Term t : TERMS) {
                if (t.role() == Role.STATISTIC || t.role() == Role.PUBLISHER) {
                    continue;
                }
                int length = t.matchLength(k);
                if (length > bestLength) {
                    best = t;
                    bestLength = length;
                }
            }
        }
        return best;
    }

    /** A province-column value that is a statistic of the table (MIN, MAX, median …). */
    static boolean isStatistic(String value) {
        String k = VnText.key(value);
        return TERMS.stream().anyMatch(t -> t.role() == Role.STATISTIC && t.matchLength(k) >= 0);
    }

    /** Who publishes an index (VCCI for PCI), or the index code when the vocabulary does not say. */
    static String publisher(String index) {
        return TERMS.stream()
                .filter(t -> t.role() == Role.PUBLISHER && t.index().equals(index))
                .map(Term::code)
                .findFirst()
                .orElse(index);
    }

    private static List<Term> load() {
        List<Term> terms = new ArrayList<>();
        for (ResourceTable.Row row : ResourceTable.read(RESOURCE)) {
            Role role = Role.valueOf(row.get(0).toUpperCase(java.util.Locale.ROOT));
            String match = row.get(3);
            String text = row.get(4);
            terms.add(new Term(
                    role,
                    row.get(1),
                    row.get(2),
                    match,
                    match.equals("pattern") ? text : VnText.key(text),
                    match.equals("pattern") ? Pattern.compile(text) : null));
        }
        return List.copyOf(terms);
    }
}
