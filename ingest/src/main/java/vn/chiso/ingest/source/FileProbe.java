package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import vn.chiso.ingest.DossierFields;

/**
 * Runs in a task, once per file: checksums the content (the identity of a file, whatever its
 * name) and reads its header to decide whether the file can be read at all.
 */
public final class FileProbe {

    private FileProbe() {
    }

    public static SourceFile probe(String path, HadoopConf conf) {
        String checksum;
        long bytes;
        try (InputStream in = conf.open(path)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            DigestInputStream digest = new DigestInputStream(in, sha);
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = digest.read(buffer)) != -1) {
                total += n;
            }
            checksum = HexFormat.of().formatHex(sha.digest());
            bytes = total;
        } catch (IOException e) {
            return new SourceFile(path, "unreadable:" + path, 0, null, "cannot read file: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (bytes == 0) {
            return new SourceFile(path, checksum, 0, null, "empty file");
        }
        try (InputStream in = conf.open(path); CsvRecordReader csv = new CsvRecordReader(in)) {
            CsvRecordReader.Record first = csv.next();
            if (first == null) {
                return new SourceFile(path, checksum, bytes, null, "no header line");
            }
            HeaderMapping header = HeaderMapping.of(first.fields());
            if (header.knownColumns() == 0) {
                return new SourceFile(path, checksum, bytes, null,
                        "header has no known column: " + String.join(" | ", first.fields()));
            }
            List<String> missing = header.missing(DossierFields.REQUIRED);
            if (!missing.isEmpty()) {
                return new SourceFile(path, checksum, bytes, null,
                        "header lacks required column(s) " + missing + "; found " + first.fields());
            }
            return new SourceFile(path, checksum, bytes, header, null);
        } catch (IOException | RuntimeException e) {
            return new SourceFile(path, checksum, bytes, null, "cannot parse header: " + e.getMessage());
        }
    }
}
