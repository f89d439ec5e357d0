package vn.chiso.ingest.sample;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A buffered byte sink for CSV rows: pre-encoded UTF-8 pieces, ASCII digits, byte counting. */
final class CsvOut implements Closeable {

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private long flushed;

    CsvOut(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[bufferSize];
    }

    /** One CSV field as RFC 4180 wants it: quoted (quotes doubled) only if it holds a comma, quote or line break. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    long bytesWritten() {
        return flushed + pos;
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            flush();
        }
    }

    void put(byte b) {
        room(1);
        buf[pos++] = b;
    }

    void put(byte[] b) {
        put(b, 0, b.length);
    }

    void put(byte[] b, int off, int len) {
        if (len > buf.length) {
            flush();
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            flushed += len;
            return;
        }
        room(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    void twoDigits(int v) {
        room(2);
        buf[pos++] = (byte) ('0' + v / 10);
        buf[pos++] = (byte) ('0' + v % 10);
    }

    /** A non-negative number, left-padded with zeros to at least {@code width} digits. */
    void padded(long v, int width) {
        if (width == 6 && v < 1_000_000 && v >= 0) {
            room(6);
            int x = (int) v;
            byte[] b = buf;
            int p = pos;
            b[p + 5] = (byte) ('0' + x % 10);
            x /= 10;
            b[p + 4] = (byte) ('0' + x % 10);
            x /= 10;
            b[p + 3] = (byte) ('0' + x % 10);
            x /= 10;
            b[p + 2] = (byte) ('0' + x % 10);
            x /= 10;
            b[p + 1] = (byte) ('0' + x % 10);
            b[p] = (byte) ('0' + x / 10);
            pos = p + 6;
            return;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int n = Math.max(digits, width);
        room(n);
        for (int i = pos + n - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += n;
    }

    void flush() {
        if (pos > 0) {
            try {
                out.write(buf, 0, pos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            flushed += pos;
            pos = 0;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
