package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * Streams the rows of every sheet of an XLSX workbook (pull parsing of the sheet XML, so a
 * million-row sheet never sits in memory), one {@link SourceRecord} per non-empty row, numbered
 * as Excel numbers them. Cell values become text the way the lake's parsers read them: numbers
 * without grouping and with a decimal comma ({@code 72,96}), percent-formatted cells in percent
 * ({@code 99,46%}), date-formatted cells as ISO date-times; a number in a General cell stays a
 * number (an Excel serial date there is recognised later by the date parser).
 */
public final class XlsxRecordReader implements RecordReader {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final OPCPackage pkg;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final XSSFReader.SheetIterator sheets;
    private final XMLInputFactory xml = XMLInputFactory.newInstance();
    private XMLStreamReader sheet;
    private InputStream sheetStream;
    private String sheetName;

    public XlsxRecordReader(InputStream in) throws IOException {
        try {
            this.pkg = OPCPackage.open(in);
            XSSFReader reader = new XSSFReader(pkg);
            this.strings = new ReadOnlySharedStringsTable(pkg, false);
            this.styles = reader.getStylesTable();
            this.sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("not a readable XLSX workbook (truncated or corrupt): " + e.getMessage(), e);
        }
    }

    /** The sheet the last record came from. */
    public String sheetName() {
        return sheetName;
    }

    @Override
    public SourceRecord next() throws IOException {
        try {
            while (true) {
                if (sheet == null) {
                    if (!sheets.hasNext()) {
                        return null;
                    }
                    sheetStream = sheets.next();
                    sheetName = sheets.getSheetName();
                    sheet = xml.createXMLStreamReader(sheetStream);
                }
                SourceRecord row = nextRow();
                if (row != null) {
                    return row;
                }
                sheet.close();
                sheetStream.close();
                sheet = null;
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException(
                    "XLSX sheet '" + sheetName + "' cannot be read (truncated or corrupt): " + e.getMessage(), e);
        }
    }

    private SourceRecord nextRow() throws XMLStreamException {
        long rowNumber = -1;
        List<String> cells = null;
        int column = -1;
        String type = null;
        String style = null;
        StringBuilder value = new StringBuilder();
        boolean inValue = false;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = sheet.getLocalName();
                switch (name) {
                    case "row" -> {
                        String r = sheet.getAttributeValue(null, "r");
                        rowNumber = r == null ? rowNumber + 1 : Long.parseLong(r);
                        cells = new ArrayList<>();
                        column = -1;
                    }
                    case "c" -> {
                        String ref = sheet.getAttributeValue(null, "r");
                        column = ref == null ? column + 1 : columnIndex(ref);
                        type = sheet.getAttributeValue(null, "t");
                        style = sheet.getAttributeValue(null, "s");
                        value.setLength(0);
                    }
                    case "v", "t" -> inValue = true;
                    default -> {}
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                if (inValue) {
                    value.append(sheet.getText());
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String name = sheet.getLocalName();
                switch (name) {
                    case "v", "t" -> inValue = false;
                    case "c" -> {
                        while (cells.size() < column) {
                            cells.add("");
                        }
                        cells.add(render(value.toString(), type, style));
                    }
                    case "row" -> {
                        SourceRecord record = new SourceRecord(cells, rowNumber, csvText(cells), sheetName);
                        if (!record.blank()) {
                            return record;
                        }
                    }
                    case "sheetData" -> {
                        return null;
                    }
                    default -> {}
                }
            }
        }
        return null;
    }

    private String render(String raw, String type, String style) {
        if (type == null || type.equals("n")) {
            if (raw.isEmpty()) {
                return "";
            }
            return number(raw, style);
        }
        return switch (type) {
            case "s" -> strings.getItemAt(Integer.parseInt(raw.strip())).getString();
            case "b" -> raw.equals("1") ? "TRUE" : "FALSE";
            case "e" -> "#ERROR " + raw;
            default -> raw; // inlineStr, str (formula text)
        };
    }

    private String number(String raw, String style) {
        int formatIndex = 0;
        String format = null;
        if (style != null && !style.isEmpty()) {
            XSSFCellStyle s = styles.getStyleAt(Integer.parseInt(style));
            if (s != null) {
                formatIndex = s.getDataFormat();
                format = s.getDataFormatString();
            }
        }
        BigDecimal value = new BigDecimal(raw.strip());
        if (format != null && DateUtil.isADateFormat(formatIndex, format)) {
            LocalDateTime t = DateUtil.getLocalDateTime(value.doubleValue(), false, true);
            return ISO.format(t);
        }
        if (format != null && format.contains("%")) {
            return plain(value.movePointRight(2)) + "%";
        }
        return plain(value);
    }

    /** Exact, no grouping, decimal comma: 14958, 72,96. */
    static String plain(BigDecimal v) {
        String s = v.stripTrailingZeros().toPlainString();
        return s.replace('.', ',');
    }

    private static int columnIndex(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c < 'A' || c > 'Z') {
                break;
            }
            col = col * 26 + (c - 'A' + 1);
        }
        return col - 1;
    }

    static String csvText(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            if (sheet != null) {
                sheet.close();
                sheetStream.close();
            }
        } catch (XMLStreamException e) {
            // closing anyway
        }
        pkg.revert();
    }
}
