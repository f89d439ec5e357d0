package vn.chiso.api.lake;

import io.delta.kernel.Snapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.chiso.contract.LakeTable;

/**
 * One gold table held in memory as an immutable view, together with the Delta version it was read
 * from. The lake's refresher ({@link DeltaLake}) asks Kernel for the table's latest version twice per
 * refresh interval, off the request path; a request asks itself only when the last check is a whole
 * interval old (no refresher, or it fell behind). When the version moved, the new one is loaded
 * (requests meanwhile keep the old one). If a reload fails the last good version is kept; if the table
 * disappears, requests get 503 again.
 */
public final class GoldTable<V> {

    private static final Logger log = LoggerFactory.getLogger(GoldTable.class);

    private final DeltaLake lake;
    private final LakeTable table;
    private final long intervalNanos;
    private final Function<Snapshot, V> loader;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile State<V> state;
    /** Older versions read by time travel, least recently used first. */
    private final Map<Long, Versioned<V>> history = new LinkedHashMap<>(16, 0.75f, true);

    private static final int HISTORY_SIZE = 4;

    /** Either data or the reason there is none, and when the table was last checked. */
    private record State<V>(Versioned<V> data, String unavailable, long checkedAt) {}

    GoldTable(DeltaLake lake, LakeTable table, Duration refreshInterval, Function<Snapshot, V> loader) {
        this.lake = lake;
        this.table = table;
        this.intervalNanos = refreshInterval.toNanos();
        this.loader = loader;
    }

    public String name() {
        return table.relativePath();
    }

    /**
     * The version {@code asOf} asks for: the latest ({@link #current()}), a version, or the one current
     * at a time. {@code primary}: whether a bare version number in {@code asOf} is this table's.
     *
     * @throws TimeTravelException when the table has no such version
     */
    public Versioned<V> read(AsOf asOf, boolean primary) {
        if (asOf.isLatest()) {
            return current();
        }
        Long version = asOf.versions().get(name());
        if (version == null && primary) {
            version = asOf.primaryVersion();
        }
        Snapshot snapshot;
        if (version != null) {
            Versioned<V> known = known(version);
            if (known != null) {
                return known;
            }
            // Kernel looks for a checkpoint before the version by listing back from it: a version far
            // beyond the latest would take it ages, so those are refused first
            long latest = lake.latestSnapshot(table)
                    .map(Snapshot::getVersion)
                    .orElseThrow(() -> new TimeTravelException(name() + " does not exist"));
            if (version > latest) {
                throw new TimeTravelException(name() + " has no version " + version + "; the latest is " + latest);
            }
            snapshot = lake.snapshotAt(table, version);
        } else if (asOf.timestamp() != null) {
            snapshot = lake.snapshotAsOf(table, asOf.timestamp());
        } else {
            return current();
        }
        Versioned<V> known = known(snapshot.getVersion());
        if (known != null) {
            return known;
        }
        Versioned<V> loaded = load(snapshot);
        synchronized (history) {
            history.put(loaded.source().version(), loaded);
            while (history.size() > HISTORY_SIZE) {
                history.remove(history.keySet().iterator().next());
            }
        }
        return loaded;
    }

    /** A version already in memory: the current one or one in the history. */
    private Versioned<V> known(long version) {
        State<V> s = state;
        if (s != null && s.data() != null && s.data().source().version() == version) {
            return s.data();
        }
        synchronized (history) {
            return history.get(version);
        }
    }

    /**
     * After the API's own commit of {@code version}: reads the latest version now unless memory holds
     * that one or a later one, so the next request sees the write. It waits for a check in progress
     * (the refresher's may have listed the log just before the commit and would keep the older one).
     */
    public void catchUpTo(long version) {
        lock.lock();
        try {
            State<V> s = state;
            if (s == null || s.data() == null || s.data().source().version() < version) {
                state = check(s);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Checks the latest version now when the last check is at least {@code ageNanos} old, unless another
     * thread is checking: what the refresher does so that requests find a fresh state.
     */
    void checkIfOlderThan(long ageNanos) {
        State<V> s = state;
        if ((s == null || System.nanoTime() - s.checkedAt() >= ageNanos) && lock.tryLock()) {
            try {
                s = state;
                if (s == null || System.nanoTime() - s.checkedAt() >= ageNanos) {
                    state = check(s);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** The version in memory, without checking the lake (empty before the first read or while absent). */
    Optional<Long> versionInMemory() {
        State<V> s = state;
        return s == null || s.data() == null
                ? Optional.empty()
                : Optional.of(s.data().source().version());
    }

    private Versioned<V> load(Snapshot snapshot) {
        long started = System.nanoTime();
        V data = loader.apply(snapshot);
        log.info(
                "{}: loaded version {} in {} ms",
                name(),
                snapshot.getVersion(),
                (System.nanoTime() - started) / 1_000_000);
        return new Versioned<>(new TableVersion(name(), snapshot.getVersion()), data, lake.commitTime(snapshot));
    }

    /** The latest version, or none while the table does not exist. */
    public Optional<TableVersion> currentVersion() {
        try {
            return Optional.of(current().source());
        } catch (LakeUnavailableException e) {
            return Optional.empty();
        }
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

    /** As {@link #current()}, but empty instead of an exception when the table does not exist (cheap on every request). */
    public java.util.Optional<Versioned<V>> currentIfPresent() {
        State<V> s = state;
        if (s != null && s.data() == null && !isStale(s)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(current());
        } catch (LakeUnavailableException e) {
            return java.util.Optional.empty();
        }
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
            return new State<>(load(snapshot), null, System.nanoTime());
        } catch (RuntimeException e) {
            if (known != null) {
                log.warn(
                        "{}: keeping version {}, reading the latest failed: {}",
                        name(),
                        known.source().version(),
                        e.toString());
                return new State<>(known, null, System.nanoTime());
            }
            log.warn("{}: cannot be read", name(), e);
            return new State<>(null, name() + " cannot be read: " + e.getMessage(), System.nanoTime());
        }
    }
}
