package vn.chiso.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The folder provinces drop their exports into, read through Hadoop's file system API (a local
 * folder, HDFS or object storage alike). A file is offered once it has settled: the same size and
 * modification time on two polls in a row, so a copy still in progress is not read half-written.
 * Names starting with '.' or '_' and partial-download suffixes are ignored until renamed.
 * A file is offered again when its size or time changes; the ingest decides by content whether it is new.
 */
public final class DropFolder {

    private record Seen(long length, long modified) {}

    private final Path root;
    private final Configuration conf;
    private final Map<String, Seen> lastPoll = new HashMap<>();
    private final Map<String, Seen> offered = new HashMap<>();

    public DropFolder(String root, Configuration conf) {
        this.root = new Path(root);
        this.conf = conf;
    }

    /** The files that settled since the last poll and were not offered in that state before. */
    public List<String> poll() {
        Map<String, Seen> now = list();
        List<String> settled = new ArrayList<>();
        now.forEach((path, seen) -> {
            if (seen.equals(lastPoll.get(path)) && !seen.equals(offered.get(path))) {
                settled.add(path);
                offered.put(path, seen);
            }
        });
        lastPoll.clear();
        lastPoll.putAll(now);
        settled.sort(null);
        return settled;
    }

    /** Offers {@code paths} again at the next poll (their batch failed). */
    public void forget(List<String> paths) {
        paths.forEach(offered::remove);
    }

    /** Files seen in the folder at the last poll. */
    public int size() {
        return lastPoll.size();
    }

    private Map<String, Seen> list() {
        Map<String, Seen> files = new HashMap<>();
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                return files;
            }
            Path top = fs.makeQualified(root);
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(top, true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (!ignored(f.getPath(), top)) {
                    files.put(f.getPath().toString(), new Seen(f.getLen(), f.getModificationTime()));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Hidden, temporary or partial files, and anything under a hidden folder below {@code top}. */
    static boolean ignored(Path path, Path top) {
        for (Path p = path; p != null && !p.equals(top); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        String name = path.getName().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".part")
                || name.endsWith(".tmp")
                || name.endsWith(".crdownload")
                || name.endsWith(".partial")
                || name.endsWith("~");
    }
}
