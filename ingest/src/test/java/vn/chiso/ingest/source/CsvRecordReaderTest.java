package vn.chiso.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static CsvRecordReader reader(byte[] bytes) throws Exception {
        return new CsvRecordReader(new ByteArrayInputStream(bytes));
    }

    @Test
    void quotedFieldsWithDelimitersQuotesAndLineBreaks() throws Exception {
        String text = "Mã hồ sơ,Tên đơn vị,Ghi chú\nA1,\"UBND xã Tân Lập, huyện Phú Bình\",\"nói \"\"khẩn\"\"\"\n"
                + "A2,Sở Tư pháp,\"hai\ndòng\"\nA3,x,y\n";
        try (CsvRecordReader r = reader(text.getBytes(StandardCharsets.UTF_8))) {
            assertEquals(List.of("Mã hồ sơ", "Tên đơn vị", "Ghi chú"), r.next().fields());
            CsvRecordReader.Record first = r.next();
            assertEquals(List.of("A1", "UBND xã Tân Lập, huyện Phú Bình", "nói \"khẩn\""), first.fields());
            assertEquals(2, first.line());
            CsvRecordReader.Record second = r.next();
            assertEquals("hai\ndòng", second.fields().get(2));
            assertEquals(3, second.line());
            assertEquals(5, r.next().line(), "the record after a two-line field starts on line 5");
            assertNull(r.next());
        }
    }

    @Test
    void semicolonFilesAndCrLf() throws Exception {
        String text = "Mã hồ sơ;Số lượng\r\nA1;14.958\r\n\r\nA2;72,96\r\n";
        try (CsvRecordReader r = reader(text.getBytes(StandardCharsets.UTF_8))) {
            r.next();
            assertEquals(List.of("A1", "14.958"), r.next().fields());
            CsvRecordReader.Record blankSkipped = r.next();
            assertEquals(List.of("A2", "72,96"), blankSkipped.fields());
            assertEquals(4, blankSkipped.line());
        }
    }

    @Test
    void utf8BomAndUtf16ByteOrderMarks() throws Exception {
        String text = "Mã hồ sơ,Trạng thái\nA1,Đã giải quyết đúng hạn\n";
        for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(
                    switch (charset.name()) {
                        case "UTF-8" -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                        case "UTF-16LE" -> new byte[] {(byte) 0xFF, (byte) 0xFE};
                        default -> new byte[] {(byte) 0xFE, (byte) 0xFF};
                    });
            bytes.write(text.getBytes(charset));
            try (CsvRecordReader r = reader(bytes.toByteArray())) {
                assertEquals("Mã hồ sơ", r.next().fields().get(0), charset.name());
                assertEquals("Đã giải quyết đúng hạn", r.next().fields().get(1), charset.name());
            }
        }
    }

    @Test
    void rawTextKeepsTheRecordAsWritten() throws Exception {
        try (CsvRecordReader r = reader("a,b\n1,\"x,y\"\n".getBytes(StandardCharsets.UTF_8))) {
            r.next();
            assertEquals("1,\"x,y\"", r.next().rawText());
        }
    }
}
