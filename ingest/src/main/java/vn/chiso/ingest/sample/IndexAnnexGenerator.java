package vn.chiso.ingest.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample PAR Index and SIPAS tables of the 63 provinces in the layout of the ministry's report
 * annex, for the index part of the demo: {@code <outputDir>/chi_so/par_index/PAR_INDEX_MAU_<year>.xlsx}
 * (2021–2024) and {@code <outputDir>/chi_so/sipas/SIPAS_MAU_<year>.csv} (2022–2024, the years of the
 * 2022–2030 SIPAS method). Every file says in its name ("MAU", mẫu), its title and its source note
 * that it is sample data, not published figures; the ingest marks its rows {@code source = sample}.
 * Deterministic: the same seed gives the same bytes.
 */
public final class IndexAnnexGenerator {

    public static final String FOLDER = "chi_so";
    public static final int PAR_FIRST_YEAR = 2021;
    public static final int SIPAS_FIRST_YEAR = 2022;
    public static final int LAST_YEAR = 2024;

    /** Where the PAR Index table of a year goes. */
    public static Path parFile(Path outputDir, int year) {
        return outputDir.resolve(FOLDER).resolve("par_index").resolve("PAR_INDEX_MAU_" + year + ".xlsx");
    }

    /** Where the SIPAS table of a year goes. */
    public static Path sipasFile(Path outputDir, int year) {
        return outputDir.resolve(FOLDER).resolve("sipas").resolve("SIPAS_MAU_" + year + ".csv");
    }

    /** The tables, PAR Index years first, then SIPAS years. */
    public static List<AnnexTable> tables(long seed) {
        List<AnnexTable> tables = new ArrayList<>();
        ParIndexSample par = new ParIndexSample(seed);
        for (int y = PAR_FIRST_YEAR; y <= LAST_YEAR; y++) {
            tables.add(par.table(y));
        }
        SipasSample sipas = new SipasSample(seed);
        for (int y = SIPAS_FIRST_YEAR; y <= LAST_YEAR; y++) {
            tables.add(sipas.table(y));
        }
        return tables;
    }

    /** Writes every table; returns the files written. */
    public List<Path> generate(Path outputDir, long seed) {
        List<Path> files = new ArrayList<>();
        try {
            for (AnnexTable t : tables(seed)) {
                if (t.indexCode().equals("PAR_INDEX")) {
                    Path f = parFile(outputDir, t.year());
                    AnnexWriter.writeXlsx(t, f);
                    files.add(f);
                } else {
                    Path f = sipasFile(outputDir, t.year());
                    AnnexWriter.writeCsv(t, f);
                    files.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample index tables under " + outputDir, e);
        }
        return files;
    }
}
