package vn.chiso.briefs.model;

import java.util.List;

/** The province's dossier service figures for the year, beside the national median and the regional best. */
public record DossierSection(String period, int provinces, List<KpiRow> rows) {}
