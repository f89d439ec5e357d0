package vn.chiso.ingest.sample;

import java.util.List;
import vn.chiso.contract.Province;

/**
 * One year's table of an official index in the layout of the ministry's report annex: title lines,
 * score columns (each header with its unit, as the annex writes it), one row per province in rank
 * order. Scores are exact hundredths (9154 = 91,54).
 *
 * @param indexCode    PAR_INDEX or SIPAS
 * @param year         the result year
 * @param title        the annex's title line
 * @param note         the source note (says the table is sample data and what is calibrated)
 * @param scoreHeaders headers of the score columns, between the province and the rank
 * @param rows         the provinces, by rank then official order
 */
public record AnnexTable(
        String indexCode, int year, String title, String note, List<String> scoreHeaders, List<Row> rows) {

    /** One province: its scores in the order of {@code scoreHeaders}, in hundredths, and its rank. */
    public record Row(Province province, List<Long> scores, int rank) {}

    public AnnexTable {
        scoreHeaders = List.copyOf(scoreHeaders);
        rows = List.copyOf(rows);
        for (Row r : rows) {
            if (r.scores().size() != scoreHeaders.size()) {
                throw new IllegalArgumentException(r.province().name() + ": "
                        + r.scores().size() + " scores for " + scoreHeaders.size() + " columns");
            }
        }
    }

    /** Position of the column holding the ranked total (the last score column). */
    public int totalColumn() {
        return scoreHeaders.size() - 1;
    }
}
