package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides how a text file is encoded, from its first bytes: a BOM (UTF-8, UTF-16 LE/BE), UTF-16
 * without BOM (every other byte zero), strict UTF-8, else Windows-1258 (the Vietnamese code page,
 * whose tones are combining marks: readers normalise to NFC). Text with NUL or other control
 * bytes in it is binary or in an encoding we do not read, and is refused.
 */
public final class TextDecoding {

    public static final Charset WINDOWS_1258 = Charset.forName("windows-1258");
    static final int SAMPLE = 1 << 16;

    /** The charset and how many BOM bytes to skip. */
    public record Detected(Charset charset, int bomBytes) {}

    private TextDecoding() {}

    public static Detected detect(byte[] sample, int n) {
        if (n >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
            return new Detected(StandardCharsets.UTF_8, 3);
        }
        if (n >= 4 && (sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE && sample[2] == 0 && sample[3] == 0) {
            return new Detected(Charset.forName("UTF-32LE"), 4);
        }
        if (n >= 2 && (sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE) {
            return new Detected(StandardCharsets.UTF_16LE, 2);
        }
        if (n >= 2 && (sample[0] & 0xFF) == 0xFE && (sample[1] & 0xFF) == 0xFF) {
            return new Detected(StandardCharsets.UTF_16BE, 2);
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i++) {
            if (sample[i] == 0) {
                if (i % 2 == 0) {
                    evenZeros++;
                } else {
                    oddZeros++;
                }
            }
        }
        if (n >= 4 && oddZeros > n * 0.4 && evenZeros == 0) {
            return new Detected(StandardCharsets.UTF_16LE, 0);
        }
        if (n >= 4 && evenZeros > n * 0.4 && oddZeros == 0) {
            return new Detected(StandardCharsets.UTF_16BE, 0);
        }
        if (isUtf8(sample, n) || mostlyUtf8(sample, n)) {
            return new Detected(StandardCharsets.UTF_8, 0);
        }
        return new Detected(WINDOWS_1258, 0);
    }

    /**
     * UTF-8 with a few broken bytes (a bad copy-paste): many well-formed multi-byte sequences, few
     * invalid bytes. Windows-1258 text almost never forms valid UTF-8 sequences. The broken rows are
     * then quarantined as ENCODING_ERROR instead of the whole file being misread.
     */
    static boolean mostlyUtf8(byte[] b, int n) {
        int valid = 0;
        int invalid = 0;
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xFF;
            int len = c < 0x80
                    ? 1
                    : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
            if (len == 1) {
                i++;
                continue;
            }
            boolean ok = len > 0 && i + len <= n;
            for (int k = 1; ok && k < len; k++) {
                ok = (b[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                valid++;
                i += len;
            } else {
                invalid++;
                i++;
            }
        }
        return valid >= 3 && invalid * 20 <= valid;
    }

    private static boolean isUtf8(byte[] sample, int n) {
        // The sample may end inside a multi-byte character: back off up to 3 bytes.
        int end = n;
        for (int back = 0; back < 3 && end > 0 && (sample[end - 1] & 0xC0) == 0x80; back++) {
            end--;
        }
        if (end > 0 && (sample[end - 1] & 0xC0) == 0xC0) {
            end--;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sample, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Why the decoded sample is not text we can read, or null if it is. */
    public static String problem(String decoded, Charset charset) {
        int control = 0;
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == '\uFFFD') {
                control++;
            }
        }
        if (control > 0 && control * 100 >= Math.max(1, decoded.length())) {
            return "not readable text (binary content or an unsupported encoding: " + control
                    + " control or undecodable character(s) in the first " + decoded.length() + " read as "
                    + charset.name() + ")";
        }
        return null;
    }

    /** A reader over the stream in its detected encoding (BOM skipped); undecodable bytes become U+FFFD. */
    public static Reader reader(InputStream stream) throws IOException {
        PushbackInputStream in = new PushbackInputStream(stream, SAMPLE);
        byte[] sample = new byte[SAMPLE];
        int n = in.readNBytes(sample, 0, SAMPLE);
        Detected d = detect(sample, n);
        if (n > d.bomBytes()) {
            in.unread(sample, d.bomBytes(), n - d.bomBytes());
        }
        return new InputStreamReader(
                in,
                d.charset()
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** The first characters of the stream, decoded as {@link #reader} would. */
    public static String head(InputStream stream, int chars) throws IOException {
        Reader r = reader(stream);
        char[] buf = new char[chars];
        int total = 0;
        int k;
        while (total < chars && (k = r.read(buf, total, chars - total)) > 0) {
            total += k;
        }
        return new String(buf, 0, total);
    }
}
