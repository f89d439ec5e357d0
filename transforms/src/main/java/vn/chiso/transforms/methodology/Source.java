package vn.chiso.transforms.methodology;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an index's inputs come from: {@code kind} names an input adapter (dossier_kpis,
 * portal_evaluations, official_scores, survey_responses); {@code options} are the adapter's settings
 * (e.g. {@code index_code: PAPI}, {@code satisfied_min_score: 4}).
 */
public record Source(String kind, Map<String, String> options) implements Serializable {

    /**
     * Options in key order: the text of a methodology is hashed into gold's build records, and an
     * unordered map (Map.copyOf) would print in an order that changes from one JVM to the next.
     */
    public Source {
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }
}
