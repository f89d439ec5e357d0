package vn.chiso.transforms.methodology;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * One version of an index's methodology, read from a file under {@code methodologies/<index>/}.
 * Adding a year or changing weights is a new file, not code: see {@link MethodologyLoader} for the
 * format and {@link MethodologyCatalog} for how versions are picked per year.
 *
 * @param validFrom      first result year it applies to (null: from the beginning)
 * @param validTo        last result year (null: until the next version)
 * @param levels         unit levels it scores (province, district, department, commune)
 * @param scale          the total at full marks (sum of component maxima for a points index)
 * @param totalRounding  decimals of the total, half-up (ranking uses the rounded total)
 * @param checkTolerance a computed figure matches a published one when they differ by at most this
 */
public record Methodology(
        String indexCode,
        String version,
        String title,
        String description,
        Integer validFrom,
        Integer validTo,
        Source source,
        List<String> levels,
        BigDecimal scale,
        Aggregation aggregation,
        Integer totalRounding,
        MissingRule missingComponent,
        String publishedInput,
        BigDecimal checkTolerance,
        List<Band> bands,
        Robustness robustness,
        ReExpression reExpression,
        List<Component> components,
        List<String> notes,
        String file)
        implements Serializable {

    public boolean appliesTo(int year) {
        return (validFrom == null || year >= validFrom) && (validTo == null || year <= validTo);
    }

    public boolean scoresLevel(String level) {
        return levels.isEmpty() || levels.contains(level);
    }

    /** The band of a total, or null when no band contains it. */
    public String band(BigDecimal total) {
        if (total == null) {
            return null;
        }
        return bands.stream()
                .filter(b -> b.contains(total))
                .map(Band::code)
                .findFirst()
                .orElse(null);
    }

    public Methodology withRobustness(Robustness r) {
        return new Methodology(
                indexCode,
                version,
                title,
                description,
                validFrom,
                validTo,
                source,
                levels,
                scale,
                aggregation,
                totalRounding,
                missingComponent,
                publishedInput,
                checkTolerance,
                bands,
                r,
                reExpression,
                components,
                notes,
                file);
    }

    /** {@code index/version}, as messages name it. */
    public String id() {
        return indexCode + "/" + version;
    }
}
