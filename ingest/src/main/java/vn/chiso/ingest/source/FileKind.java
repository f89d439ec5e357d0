package vn.chiso.ingest.source;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.chiso.contract.LakeTable;

/**
 * What a file holds, detected from its content (header or JSON shape) or given with {@code --kind}.
 * Each tabular kind has its header synonyms in {@code ingest/<kind>-headers.csv} and a silver table.
 */
public enum FileKind {
    DOSSIERS(
            "dossiers",
            "/ingest/dossier-headers.csv",
            List.of("dossier_id", "received_at", "status"),
            LakeTable.SILVER_DOSSIERS),
    UNIT_REPORTS("unit_reports", "/ingest/report-headers.csv", List.of("received"), LakeTable.SILVER_UNIT_REPORTS),
    PORTAL_EVALUATIONS("portal_evaluations", null, List.of(), LakeTable.SILVER_PORTAL_EVALUATIONS),
    SURVEY_RESPONSES(
            "survey_responses",
            "/ingest/survey-headers.csv",
            List.of("respondent_id", "answer"),
            LakeTable.SILVER_SURVEY_RESPONSES),
    INDEX_SCORES("index_scores", "/ingest/index-headers.csv", List.of("province"), LakeTable.SILVER_INDEX_SCORES);

    private final String code;
    private final String synonyms;
    private final List<String> required;
    private final LakeTable silver;

    FileKind(String code, String synonyms, List<String> required, LakeTable silver) {
        this.code = code;
        this.synonyms = synonyms;
        this.required = required;
        this.silver = silver;
    }

    public String code() {
        return code;
    }

    /** Classpath resource of the header synonyms (field,header), or null for JSON-shaped kinds. */
    public String synonyms() {
        return synonyms;
    }

    /** Canonical fields without which a file of this kind cannot produce one valid record. */
    public List<String> required() {
        return required;
    }

    public LakeTable silver() {
        return silver;
    }

    public boolean tabular() {
        return synonyms != null;
    }

    public static Optional<FileKind> fromCode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (FileKind k : values()) {
            if (k.code.equals(t)
                    || k.name().toLowerCase(Locale.ROOT).equals(t)
                    || (k.code.endsWith("s")
                            && k.code.substring(0, k.code.length() - 1).equals(t))) {
                return Optional.of(k);
            }
        }
        return switch (t) {
            case "reports", "report" -> Optional.of(UNIT_REPORTS);
            case "portal", "portal_capture" -> Optional.of(PORTAL_EVALUATIONS);
            case "survey", "surveys", "sipas" -> Optional.of(SURVEY_RESPONSES);
            case "index", "indices", "index_score" -> Optional.of(INDEX_SCORES);
            default -> Optional.empty();
        };
    }
}
