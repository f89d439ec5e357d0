package vn.chiso.ingest;

import java.util.List;

/** Canonical raw fields of a dossier record, in the bronze table's column order. */
public final class DossierFields {

    public static final List<String> RAW = List.of(
            "dossier_id",
            "unit_code",
            "unit_name",
            "unit_level",
            "province_code",
            "district_code",
            "procedure_code",
            "field",
            "channel",
            "received_at",
            "due_at",
            "resolved_at",
            "status",
            "rating",
            "updated_at");

    /** A file without these columns cannot produce a single valid dossier. */
    public static final List<String> REQUIRED = List.of("dossier_id", "received_at", "status");

    private DossierFields() {}
}
