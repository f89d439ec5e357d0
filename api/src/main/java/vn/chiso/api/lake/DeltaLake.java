package vn.chiso.api.lake;

import static io.delta.kernel.internal.util.Utils.singletonCloseableIterator;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.chiso.contract.Column;
import vn.chiso.contract.LakeTable;

/**
 * The lake as seen through Delta Kernel: finds a table's latest snapshot and reads a whole snapshot
 * into records. Hands out {@link GoldTable}s, which cache what they read, and warms them up once the
 * application is ready so the first request does not pay for the first load. Then a refresher thread
 * checks every table's latest version twice per refresh interval, so requests do not wait for Kernel's
 * log listing (a new commit is still seen within the interval).
 */
@Component
public class DeltaLake {

    private static final Logger log = LoggerFactory.getLogger(DeltaLake.class);

    private final LakeProperties properties;
    private final List<GoldTable<?>> tables = new CopyOnWriteArrayList<>();
    private volatile Engine engine;
    private ScheduledExecutorService refresher;

    public DeltaLake(LakeProperties properties) {
        this.properties = properties;
    }

    public String root() {
        return properties.root();
    }

    /** A cached view of {@code table}: each row mapped by {@code mapper}, all rows indexed by {@code build}. */
    public <T, V> GoldTable<V> table(LakeTable table, Function<RowView, T> mapper, Function<List<T>, V> build) {
        GoldTable<V> gold = new GoldTable<>(
                this, table, properties.refreshInterval(), snapshot -> build.apply(readAll(snapshot, table, mapper)));
        tables.add(gold);
        return gold;
    }

    /**
     * The latest version of every table the API reads, e.g. {@code gold/rankings@3,ops/releases@-1,…}:
     * two answers to one request at one fingerprint are the same answer.
     */
    public String fingerprint() {
        StringBuilder versions = new StringBuilder();
        for (GoldTable<?> table : tables) {
            versions.append(table.name())
                    .append('@')
                    .append(table.currentIfPresent()
                            .map(v -> v.source().version())
                            .orElse(-1L))
                    .append(',');
        }
        return versions.toString();
    }

    /** The latest snapshot of {@code table}, or empty when there is no Delta table at its location. */
    Optional<Snapshot> latestSnapshot(LakeTable table) {
        Engine engine = engine();
        try {
            return Optional.of(Table.forPath(engine, table.location(root())).getLatestSnapshot(engine));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The snapshot at {@code version}. @throws TimeTravelException if the table has no such version */
    Snapshot snapshotAt(LakeTable table, long version) {
        Engine engine = engine();
        try {
            return Table.forPath(engine, table.location(root())).getSnapshotAsOfVersion(engine, version);
        } catch (TableNotFoundException e) {
            throw new TimeTravelException(table.relativePath() + " does not exist");
        } catch (KernelException e) {
            throw new TimeTravelException(table.relativePath() + " has no version " + version + ": " + withoutRoot(e));
        }
    }

    /** The snapshot current at {@code time}. @throws TimeTravelException if the table did not exist then */
    Snapshot snapshotAsOf(LakeTable table, Instant time) {
        Engine engine = engine();
        try {
            // Kernel refuses times after the last commit; as of then, the table is its latest version
            Snapshot latest = Table.forPath(engine, table.location(root())).getLatestSnapshot(engine);
            if (time.toEpochMilli() >= commitTime(latest)) {
                return latest;
            }
            return Table.forPath(engine, table.location(root())).getSnapshotAsOfTimestamp(engine, time.toEpochMilli());
        } catch (TableNotFoundException e) {
            throw new TimeTravelException(table.relativePath() + " does not exist");
        } catch (KernelException e) {
            throw new TimeTravelException(
                    table.relativePath() + " has no version as of " + time + ": " + withoutRoot(e));
        }
    }

    /** Kernel's message without the lake's location (not the client's business). */
    private static String withoutRoot(KernelException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(": ");
        return message.startsWith("file:") || message.contains("://") && colon > 0
                ? message.substring(colon + 2)
                : message;
    }

    /** When the snapshot's version was committed (epoch ms), 0 if the log does not say. */
    long commitTime(Snapshot snapshot) {
        try {
            return snapshot.getTimestamp(engine());
        } catch (RuntimeException e) {
            return 0L;
        }
    }

    /** Every row of the snapshot, restricted to the contract's columns, in the table's logical form. */
    <T> List<T> readAll(Snapshot snapshot, LakeTable table, Function<RowView, T> mapper) {
        Engine engine = engine();
        StructType readSchema = contractSchema(snapshot.getSchema(), table);
        Scan scan = snapshot.getScanBuilder().withReadSchema(readSchema).build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        List<T> result = new ArrayList<>();
        Map<Object, Object> canonical = new HashMap<>();
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        Row file = files.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(file);
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                                .readParquetFiles(singletonCloseableIterator(status), physicalSchema, Optional.empty())
                                .map(FileReadResult::getData);
                        // Adds partition columns back and applies deletion vectors.
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, scanState, file, physical)) {
                            while (logical.hasNext()) {
                                FilteredColumnarBatch batch = logical.next();
                                RowView view =
                                        new RowView(table, batch.getData().getSchema(), canonical);
                                try (CloseableIterator<Row> rows = batch.getRows()) {
                                    while (rows.hasNext()) {
                                        result.add(mapper.apply(view.at(rows.next())));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /**
     * The contract's columns the table has, as the table defines them. A missing NOT NULL column is
     * the pipeline's bug; a missing nullable one (a table written before the column was added) reads
     * as null.
     */
    private static StructType contractSchema(StructType tableSchema, LakeTable table) {
        List<StructField> fields = new ArrayList<>();
        for (Column column : table.columns()) {
            int i = tableSchema.indexOf(column.name());
            if (i >= 0) {
                fields.add(tableSchema.at(i));
            } else if (!column.nullable()) {
                throw new IllegalStateException(table.relativePath() + " has no column " + column.name()
                        + " required by the contract; its columns are " + tableSchema.fieldNames());
            }
        }
        return new StructType(fields);
    }

    Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = DefaultEngine.create(new Configuration());
                }
                e = engine;
            }
        }
        return e;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        log.info("reading the lake at {}", root());
        Thread thread = new Thread(
                () -> {
                    for (GoldTable<?> table : tables) {
                        try {
                            table.current();
                        } catch (RuntimeException e) {
                            log.info("{}: {}", table.name(), e.getMessage());
                        }
                    }
                    startRefresher();
                },
                "lake-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Checks every table whose last check is half an interval old, every half interval, on one daemon
     * thread (none when the interval is zero: then every request checks). Idempotent.
     */
    synchronized void startRefresher() {
        long half = properties.refreshInterval().toNanos() / 2;
        if (refresher != null || half <= 0) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lake-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(
                () -> {
                    for (GoldTable<?> table : tables) {
                        try {
                            table.checkIfOlderThan(half);
                        } catch (RuntimeException e) { // the next round tries again
                            log.warn("{}: checking the latest version failed: {}", table.name(), e.toString());
                        }
                    }
                },
                half,
                half,
                TimeUnit.NANOSECONDS);
    }

    @PreDestroy
    synchronized void stopRefresher() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }
}
