package vn.chiso.api.lake;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.delta.kernel.Snapshot;
import vn.chiso.contract.LakeTable;

/**
 * One gold table held in memory as an immutable view, together with the Delta version it was read
 * from. At most once per refresh interval a request asks Kernel for the table's latest version; when
 * it moved, the new version is loaded (requests meanwhile keep the old one). If a reload fails the
 * last good version is kept; if the table disappears, requests get 503 again.
 */
public final class GoldTable<V> {

    private static final Logger log = LoggerFactory.getLogger(GoldTable.class);

    private final DeltaLake lake;
    private final LakeTable table;
    private final long intervalNanos;
    private final Function<Snapshot, V> loader;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile State<V> state;

    /** Either data or the reason there is none, and when the table was last checked. */
    private record State<V>(Versioned<V> data, String unavailable, long checkedAt) {
    }

    GoldTable(DeltaLake lake, LakeTable table, Duration refreshInterval, Function<Snapshot, V> loader) {
        this.lake = lake;
        this.table = table;
        this.intervalNanos = refreshInterval.toNanos();
        this.loader = loader;
    }

    public String name() {
        return table.relativePath();
    }

    /** The data of the latest version, checking for a newer one if the last check is old enough. */
    public Versioned<V> current() {
        State<V> s = state;
        if (s == null || isStale(s)) {
            // with data in hand, don't queue behind a check or load another request is doing
            boolean hasData = s != null && s.data() != null;
            if (hasData ? lock.tryLock() : lockAndWait()) {
                try {
                    s = state;
                    if (s == null || isStale(s)) {
                        s = check(s);
                        state = s;
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        if (s.data() == null) {
            throw new LakeUnavailableException(name(), s.unavailable());
        }
        return s.data();
    }

    private boolean lockAndWait() {
        lock.lock();
        return true;
    }

    private boolean isStale(State<V> s) {
        return System.nanoTime() - s.checkedAt() >= intervalNanos;
    }

    private State<V> check(State<V> previous) {
        Versioned<V> known = previous == null ? null : previous.data();
        try {
            Snapshot snapshot = lake.latestSnapshot(table).orElse(null);
            if (snapshot == null) {
                return new State<>(null, LakeUnavailableException.NO_GOLD_TABLES, System.nanoTime());
            }
            if (known != null && known.source().version() == snapshot.getVersion()) {
                return new State<>(known, null, System.nanoTime());
            }
            long started = System.nanoTime();
            V data = loader.apply(snapshot);
            log.info("{}: loaded version {} in {} ms", name(), snapshot.getVersion(),
                    (System.nanoTime() - started) / 1_000_000);
            return new State<>(new Versioned<>(new TableVersion(name(), snapshot.getVersion()), data), null,
                    System.nanoTime());
        } catch (RuntimeException e) {
            if (known != null) {
                log.warn("{}: keeping version {}, reading the latest failed: {}", name(), known.source().version(),
                        e.toString());
                return new State<>(known, null, System.nanoTime());
            }
            log.warn("{}: cannot be read", name(), e);
            return new State<>(null, name() + " cannot be read: " + e.getMessage(), System.nanoTime());
        }
    }
}
