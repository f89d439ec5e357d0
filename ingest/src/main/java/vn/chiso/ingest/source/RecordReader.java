package vn.chiso.ingest.source;

import java.io.Closeable;
import java.io.IOException;

/** Streams the records of one file, whatever its format; null at the end. */
public interface RecordReader extends Closeable {

    SourceRecord next() throws IOException;
}
