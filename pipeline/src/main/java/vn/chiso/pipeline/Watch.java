package vn.chiso.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Polls a drop folder and runs each poll's settled files as one batch of the warm pipeline. A failed
 * batch is reported (log and health endpoint) and its files are offered again at the next poll; a
 * kill at any point loses nothing: what a batch had not committed is claimed again on restart.
 */
public final class Watch {

    private final DropFolder folder;
    private final WarmPipeline pipeline;
    private final HealthEndpoint health;
    private final Duration interval;
    private final Consumer<String> progress;

    public Watch(
            DropFolder folder,
            WarmPipeline pipeline,
            HealthEndpoint health,
            Duration interval,
            Consumer<String> progress) {
        this.folder = folder;
        this.pipeline = pipeline;
        this.health = health;
        this.interval = interval;
        this.progress = progress;
    }

    /** Polls until {@code stop} answers true (checked between batches) or {@code maxBatches} ran (0: no limit). */
    public int run(BooleanSupplier stop, int maxBatches) throws InterruptedException {
        int batches = 0;
        while (!stop.getAsBoolean() && (maxBatches == 0 || batches < maxBatches)) {
            List<String> files = folder.poll();
            health.polled(folder.size());
            if (!files.isEmpty()) {
                batches++;
                runBatch(files);
            } else {
                Thread.sleep(interval.toMillis());
            }
        }
        return batches;
    }

    private void runBatch(List<String> files) {
        progress.accept("new files settled: " + files.size());
        try {
            WarmPipeline.BatchResult result = pipeline.run(files);
            health.succeeded(result);
            progress.accept(result.summary());
        } catch (RuntimeException e) {
            health.failed(e);
            folder.forget(files);
            progress.accept("batch failed, its files are retried at the next poll: " + e);
        }
    }
}
