package vn.chiso.ingest.sample;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes an {@link AnnexTable} as the annex lays it out: the title and the source note above the
 * header, the header (STT, Tỉnh/thành phố, the score columns with their units, Xếp hạng), a row of
 * column numbers, the provinces, and the national average at the bottom. Numbers are text with a
 * decimal comma ("91,54"), as annexes converted from the report are. XLSX (one sheet) or CSV (UTF-8
 * with BOM, semicolons, CRLF: what Excel saves in a Vietnamese locale). Same table, same bytes.
 */
final class AnnexWriter {

    static final String PROVINCE_HEADER = "Tỉnh/thành phố";
    static final String AVERAGE_LABEL = "Trung bình cả nước";
    /** Fixed entry times and creation date, so that a workbook's bytes depend on its content only. */
    private static final long FIXED_TIME = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    private AnnexWriter() {}

    /** The sheet's cells, row by row. */
    static List<List<String>> grid(AnnexTable t) {
        int width = t.scoreHeaders().size() + 3;
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(t.title()));
        rows.add(List.of(t.note()));
        rows.add(List.of());
        List<String> header = new ArrayList<>(List.of("STT", PROVINCE_HEADER));
        header.addAll(t.scoreHeaders());
        header.add("Xếp hạng");
        rows.add(header);
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
            numbers.add("(" + i + ")");
        }
        rows.add(numbers);
        int stt = 0;
        long[] sums = new long[t.scoreHeaders().size()];
        for (AnnexTable.Row r : t.rows()) {
            List<String> row = new ArrayList<>(
                    List.of(Integer.toString(++stt), r.province().name()));
            for (int c = 0; c < sums.length; c++) {
                row.add(AnnexFormat.score(r.scores().get(c)));
                sums[c] += r.scores().get(c);
            }
            row.add(Integer.toString(r.rank()));
            rows.add(row);
        }
        List<String> average = new ArrayList<>(List.of("", AVERAGE_LABEL));
        for (long s : sums) {
            average.add(AnnexFormat.score(
                    Math.floorDiv(2 * s + t.rows().size(), 2L * t.rows().size()))); // half-up
        }
        average.add("");
        rows.add(average);
        return rows;
    }

    static void writeCsv(AnnexTable t, Path file) throws IOException {
        List<List<String>> grid = grid(t);
        int width = t.scoreHeaders().size() + 3;
        StringBuilder out = new StringBuilder("\uFEFF");
        for (List<String> row : grid) {
            List<String> padded = new ArrayList<>(row);
            padded.addAll(Collections.nCopies(width - row.size(), ""));
            for (int i = 0; i < padded.size(); i++) {
                out.append(i == 0 ? "" : ";").append(csvField(padded.get(i)));
            }
            out.append("\r\n");
        }
        write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void writeXlsx(AnnexTable t, Path file) throws IOException {
        List<List<String>> grid = grid(t);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.getProperties().getCoreProperties().setCreated(Optional.of(new Date(FIXED_TIME)));
            wb.getProperties().getCoreProperties().setCreator("chiso (dữ liệu mẫu)");
            Sheet sheet = wb.createSheet("Phụ lục " + t.year());
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle strong = wb.createCellStyle();
            strong.setFont(bold);
            strong.setWrapText(true);
            for (int r = 0; r < grid.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < grid.get(r).size(); c++) {
                    Cell cell = row.createCell(c);
                    cell.setCellValue(grid.get(r).get(c));
                    if (r == 0 || r == 3) {
                        cell.setCellStyle(strong);
                    }
                }
            }
            sheet.setColumnWidth(1, 22 * 256);
            for (int c = 2; c < t.scoreHeaders().size() + 2; c++) {
                sheet.setColumnWidth(c, 16 * 256);
            }
            wb.write(raw);
        }
        write(file, fixedTimes(raw.toByteArray()));
    }

    /** The same zip with every entry's time fixed (POI stamps the time of writing). */
    private static byte[] fixedTimes(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(FIXED_TIME);
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String csvField(String v) {
        return v.contains(";") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** Writes to a part file first and moves it into place. */
    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            o.write(bytes);
        }
        SampleGenerator.moveIntoPlace(tmp, file);
    }
}
