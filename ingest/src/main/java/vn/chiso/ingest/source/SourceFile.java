package vn.chiso.ingest.source;

import java.io.Serializable;
import java.util.Map;

/**
 * A file offered for ingest, after its probe: where it is, its content checksum and size, what it
 * holds (kind, format, CSV delimiter, the first sheet's header mapping) and facts found beside it
 * ({@code hints}: a portal capture's period from its manifest, a compilation's codebook, a year in
 * the file name); or else the reason it cannot be read at all ({@code rejection}) or is not data
 * ({@code reference}: a codebook, used by the files beside it).
 */
public record SourceFile(
        String path,
        String checksum,
        long bytes,
        HeaderMapping header,
        String rejection,
        FileKind kind,
        SourceFormat format,
        char delimiter,
        Map<String, String> hints,
        String reference)
        implements Serializable {

    public SourceFile(String path, String checksum, long bytes, HeaderMapping header, String rejection) {
        this(
                path,
                checksum,
                bytes,
                header,
                rejection,
                header == null ? null : header.kind(),
                SourceFormat.CSV,
                (char) 0,
                Map.of(),
                null);
    }

    public static SourceFile rejected(String path, String checksum, long bytes, String why) {
        return new SourceFile(path, checksum, bytes, null, why, null, null, (char) 0, Map.of(), null);
    }

    public boolean rejected() {
        return rejection != null;
    }

    public boolean isReference() {
        return reference != null;
    }

    public String hint(String key) {
        return hints == null ? null : hints.get(key);
    }

    /** The file name without folders. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
