package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The rows of every sheet of a legacy Excel 97–2003 workbook (.xls, BIFF8 via Apache POI HSSF),
 * one {@link SourceRecord} per non-empty row, numbered as Excel numbers them, cells rendered as
 * {@link XlsxRecordReader} renders them: a number as the shortest decimal that is the cell's
 * double ({@code 61,29482}, decimal comma, no float noise), percent-formatted cells in percent,
 * dates as ISO date-times, a formula as its cached result. The format caps a sheet at 65,536 rows,
 * so the workbook is read whole.
 */
public final class XlsRecordReader implements RecordReader {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final HSSFWorkbook workbook;
    private int sheetIndex = -1;
    private Sheet sheet;
    private Iterator<Row> rows;

    public XlsRecordReader(InputStream in) throws IOException {
        try {
            this.workbook = new HSSFWorkbook(in);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("not a readable XLS workbook (truncated or corrupt): " + e.getMessage(), e);
        }
    }

    @Override
    public SourceRecord next() throws IOException {
        while (true) {
            if (rows == null || !rows.hasNext()) {
                if (++sheetIndex >= workbook.getNumberOfSheets()) {
                    return null;
                }
                sheet = workbook.getSheetAt(sheetIndex);
                rows = sheet.rowIterator();
                continue;
            }
            Row row = rows.next();
            List<String> cells = new ArrayList<>();
            for (Cell cell : row) {
                while (cells.size() < cell.getColumnIndex()) {
                    cells.add("");
                }
                cells.add(render(cell));
            }
            SourceRecord record = new SourceRecord(
                    cells, row.getRowNum() + 1L, XlsxRecordReader.csvText(cells), sheet.getSheetName());
            if (!record.blank()) {
                return record;
            }
        }
    }

    private static String render(Cell cell) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> number(cell);
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> "#ERROR " + cell.getErrorCellValue();
            default -> "";
        };
    }

    private static String number(Cell cell) {
        double v = cell.getNumericCellValue();
        if (DateUtil.isCellDateFormatted(cell)) {
            return ISO.format(cell.getLocalDateTimeCellValue());
        }
        BigDecimal exact = shortest(v);
        String format = cell.getCellStyle().getDataFormatString();
        if (format != null && format.contains("%")) {
            return XlsxRecordReader.plain(exact.movePointRight(2)) + "%";
        }
        return XlsxRecordReader.plain(exact);
    }

    /** The shortest decimal that reads back as the same double (61.29482, not 61.294820000000001). */
    static BigDecimal shortest(double v) {
        return new BigDecimal(Double.toString(v));
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
