package vn.chiso.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The session's Hadoop settings, shipped to executors so that tasks open input files the way the
 * driver would (local disk, HDFS or s3a alike).
 */
public final class HadoopConf implements Serializable {

    private final Map<String, String> entries;
    private transient Configuration configuration;

    public HadoopConf(Configuration conf) {
        this.entries = new HashMap<>();
        conf.forEach(e -> entries.put(e.getKey(), e.getValue()));
    }

    public Configuration get() {
        if (configuration == null) {
            Configuration conf = new Configuration(false);
            entries.forEach(conf::set);
            configuration = conf;
        }
        return configuration;
    }

    public InputStream open(String path) throws IOException {
        Path p = new Path(path);
        return p.getFileSystem(get()).open(p);
    }
}
