package vn.chiso.transforms.methodology;

import java.io.Serializable;
import java.util.Map;

/**
 * Where an index's inputs come from: {@code kind} names an input adapter (dossier_kpis,
 * portal_evaluations, official_scores, survey_responses); {@code options} are the adapter's settings
 * (e.g. {@code index_code: PAPI}, {@code satisfied_min_score: 4}).
 */
public record Source(String kind, Map<String, String> options) implements Serializable {

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }
}
