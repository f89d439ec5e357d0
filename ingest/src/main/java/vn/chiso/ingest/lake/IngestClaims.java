package vn.chiso.ingest.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which running job is loading which file content: one claim file per checksum under
 * {@code ops/_claims/}, created atomically (create without overwrite), kept fresh by a heartbeat
 * and removed at the end of the batch. A second job offered the same content while the first runs
 * waits for it and then finds the file registered; a claim whose job is gone (its process has
 * ended, or its heartbeat is older than {@link #STALE_MILLIS}) is taken over, so a killed job's
 * rerun proceeds at once.
 */
public final class IngestClaims implements AutoCloseable {

    static final long STALE_MILLIS = 90_000;
    private static final long HEARTBEAT_MILLIS = 15_000;
    /** Batches running in this JVM (jobs in threads of one driver share its pid). */
    private static final Set<String> ACTIVE = ConcurrentHashMap.newKeySet();

    private final FileSystem fs;
    private final Path dir;
    private final String batchId;
    private final String owner;
    private final List<Path> held = new ArrayList<>();
    private final Thread heartbeat;

    public IngestClaims(Configuration conf, String lake, String batchId) {
        this.dir = new Path(lake, "ops/_claims");
        this.batchId = batchId;
        this.owner = batchId + "\n" + host() + "\n" + ProcessHandle.current().pid() + "\n";
        try {
            this.fs = dir.getFileSystem(conf);
            fs.mkdirs(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        ACTIVE.add(batchId);
        heartbeat = new Thread(this::beat, "ingest-claims-" + batchId);
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    /** Claims what it can; returns the checksums another live job holds, with a description of that job. */
    public synchronized Map<String, String> claim(Collection<String> checksums) {
        Map<String, String> busy = new LinkedHashMap<>();
        for (String checksum : checksums) {
            Path p = new Path(dir, checksum + ".claim");
            if (held.contains(p)) {
                continue;
            }
            try {
                if (tryCreate(p)) {
                    held.add(p);
                    continue;
                }
                String other = read(p);
                if (other == null || stale(p, other)) {
                    fs.delete(p, false);
                    if (tryCreate(p)) {
                        held.add(p);
                        continue;
                    }
                    other = read(p);
                }
                String[] f = other == null ? new String[0] : other.split("\n");
                busy.put(
                        checksum,
                        f.length < 3 ? "another job" : "batch " + f[0] + " (pid " + f[2] + " on " + f[1] + ")");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot claim " + p, e);
            }
        }
        return busy;
    }

    /** Batches of jobs that are running now (their claims are fresh), this one included. */
    public synchronized Set<String> liveBatches() {
        Set<String> live = new java.util.HashSet<>();
        live.add(batchId);
        try {
            for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(dir)) {
                String other = read(st.getPath());
                if (other != null && !stale(st.getPath(), other)) {
                    live.add(other.split("\n")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return live;
    }

    private boolean tryCreate(Path p) throws IOException {
        if ("file".equals(fs.getUri().getScheme())) {
            // java.nio's create is atomic (O_EXCL); Hadoop's local create checks, then creates
            java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(p).toUri());
            try {
                java.nio.file.Files.write(
                        local,
                        owner.getBytes(StandardCharsets.UTF_8),
                        java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream out = fs.create(p, false)) {
            out.write(owner.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(p)) {
                return false;
            }
            throw e;
        }
    }

    private String read(Path p) {
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private boolean stale(Path p, String other) throws IOException {
        String[] f = other.split("\n");
        if (f.length >= 3 && f[1].equals(host()) && f[2].strip().matches("\\d+")) {
            long pid = Long.parseLong(f[2].strip());
            if (pid == ProcessHandle.current().pid()) {
                return !ACTIVE.contains(f[0]);
            }
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return true;
            }
        }
        return System.currentTimeMillis() - fs.getFileStatus(p).getModificationTime() > STALE_MILLIS;
    }

    private void beat() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(HEARTBEAT_MILLIS);
                synchronized (this) {
                    long now = System.currentTimeMillis();
                    for (Path p : held) {
                        fs.setTimes(p, now, -1);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the next beat tries again
            }
        }
    }

    @Override
    public synchronized void close() {
        heartbeat.interrupt();
        for (Path p : held) {
            try {
                fs.delete(p, false);
            } catch (IOException e) {
                // a leftover claim goes stale and is taken over
            }
        }
        held.clear();
        ACTIVE.remove(batchId);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
