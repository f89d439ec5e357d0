package vn.chiso.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.spark.LakeSpark;

/**
 * What a piece of work on a lake costs in this session: the Spark jobs it starts (in total and up
 * to each progress line it prints) and the Delta commits it makes (table versions before and after).
 * Deterministic figures for the fixed cost of a batch, not a timing.
 *
 * @param jobs Spark jobs started
 * @param commits Delta commits made, all tables
 * @param commitsByTable commits per table that got any
 * @param steps the progress lines, each with the jobs started since the line before
 * @param millis wall time, for the record only (it depends on the machine's load)
 */
record BatchCost(int jobs, long commits, Map<LakeTable, Long> commitsByTable, List<String> steps, long millis) {

    /** The work's result and its cost. */
    record Measured<T>(T result, BatchCost cost) {}

    static <T> Measured<T> measure(SparkSession spark, String lake, Function<Consumer<String>, T> work) {
        Map<LakeTable, Long> before = versions(spark, lake);
        JobCounter counter = new JobCounter(spark);
        List<String> steps = new ArrayList<>();
        int[] seen = {0};
        Consumer<String> progress = line -> {
            int now = counter.settled();
            steps.add(String.format("%3d jobs up to: %s", now - seen[0], line));
            seen[0] = now;
        };
        spark.sparkContext().addSparkListener(counter);
        T result;
        int jobs;
        long start = System.nanoTime();
        try {
            result = work.apply(progress);
            jobs = counter.settled();
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
        steps.add(String.format("%3d jobs up to: the end", jobs - seen[0]));
        Map<LakeTable, Long> after = versions(spark, lake);
        Map<LakeTable, Long> byTable = new EnumMap<>(LakeTable.class);
        after.forEach((t, v) -> {
            if (v > before.get(t)) {
                byTable.put(t, v - before.get(t));
            }
        });
        long commits = byTable.values().stream().mapToLong(Long::longValue).sum();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Measured<>(result, new BatchCost(jobs, commits, byTable, steps, millis));
    }

    String describe() {
        return jobs + " Spark jobs, " + commits + " Delta commits " + commitsByTable + ", " + millis + " ms\n  "
                + String.join("\n  ", steps);
    }

    private static Map<LakeTable, Long> versions(SparkSession spark, String lake) {
        Map<LakeTable, Long> versions = new EnumMap<>(LakeTable.class);
        for (LakeTable t : LakeTable.values()) {
            versions.put(t, LakeSpark.version(spark, lake, t));
        }
        return versions;
    }

    /** Counts job starts; {@link #settled} once the listener bus has delivered every event so far. */
    private static final class JobCounter extends SparkListener {
        private final SparkSession spark;
        private final AtomicInteger jobs = new AtomicInteger();

        JobCounter(SparkSession spark) {
            this.spark = spark;
        }

        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            jobs.incrementAndGet();
        }

        int settled() {
            try {
                spark.sparkContext().listenerBus().waitUntilEmpty();
            } catch (Exception e) {
                throw new IllegalStateException("Spark's listener bus did not drain", e);
            }
            return jobs.get();
        }
    }
}
