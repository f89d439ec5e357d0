package vn.chiso.briefs.model;

import java.util.List;

/**
 * A province's briefing for one year: the summary of every index, one section per index, the dossier
 * figures (null when the lake has none for the year) and the footer naming what it was built from.
 */
public record ProvinceBrief(
        String provinceCode,
        String provinceName,
        String region,
        String year,
        List<SummaryRow> summary,
        List<IndexSection> sections,
        DossierSection dossier,
        Footer footer) {}
