package vn.chiso.ingest.sample;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads an annex file back cell by cell, independently of the ingest's readers (POI's workbook
 * model for XLSX, a plain split for the semicolon CSV), for tests to compare against.
 */
public final class AnnexFiles {

    private AnnexFiles() {}

    /** Every row's cells as text. */
    public static List<List<String>> cells(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        if (file.toString().endsWith(".xlsx")) {
            try (InputStream in = Files.newInputStream(file);
                    XSSFWorkbook wb = new XSSFWorkbook(in)) {
                Sheet sheet = wb.getSheetAt(0);
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; row != null && c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : cell.getStringCellValue());
                    }
                    rows.add(cells);
                }
            }
            return rows;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.startsWith("\uFEFF")) {
            throw new AssertionError(file + " has no UTF-8 BOM");
        }
        for (String line : text.substring(1).split("\r\n")) {
            if (line.startsWith("\"")) { // the quoted note: one field, then the padding
                rows.add(List.of(line.substring(1, line.lastIndexOf('"')).replace("\"\"", "\"")));
                continue;
            }
            rows.add(List.of(line.split(";", -1)));
        }
        return rows;
    }

    /** Index of the header row (the one starting with "STT"). */
    public static int headerRow(List<List<String>> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).isEmpty() && cells.get(i).get(0).equals("STT")) {
                return i;
            }
        }
        throw new AssertionError("no header row");
    }

    /** The province rows: after the header and its column-number row, before the average row. */
    public static List<List<String>> provinceRows(List<List<String>> cells) {
        int h = headerRow(cells);
        return cells.subList(h + 2, cells.size() - 1);
    }

    /** "91,54" → 91.54. */
    public static BigDecimal number(String text) {
        if (!text.matches("[0-9]{1,3},[0-9]{2}")) {
            throw new AssertionError("not a score with a decimal comma and two decimals: '" + text + "'");
        }
        return new BigDecimal(text.replace(',', '.'));
    }
}
