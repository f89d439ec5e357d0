package vn.chiso.ingest.source;

import java.io.Serializable;

/**
 * A file offered for ingest, after its probe: where it is, its content checksum and size, and
 * either the header mapping to read it with or the reason it cannot be read at all.
 */
public record SourceFile(String path, String checksum, long bytes, HeaderMapping header, String rejection)
        implements Serializable {

    public boolean rejected() {
        return rejection != null;
    }
}
