package vn.chiso.ingest.lake;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one Delta write again when a concurrent job committed first (Delta's optimistic concurrency
 * refuses the later commit instead of corrupting the table). Every write it wraps is idempotent for
 * the batch (appends of not-yet-committed rows, MERGEs keyed on the silver key, overwrites), so a
 * retry gives the same result as a first try.
 */
public final class DeltaRetry {

    static final int ATTEMPTS = 6;

    private DeltaRetry() {}

    public static void run(String what, Consumer<String> progress, Runnable write) {
        get(what, progress, () -> {
            write.run();
            return null;
        });
    }

    public static <T> T get(String what, Consumer<String> progress, Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!concurrent(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                progress.accept(what + ": another job committed first ("
                        + e.getClass().getSimpleName() + "), retrying (" + attempt + "/" + (ATTEMPTS - 1) + ")");
                try {
                    Thread.sleep(200L * attempt + (long) (Math.random() * 300));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean concurrent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.delta.exceptions.DeltaConcurrentModificationException
                    || t.getClass().getName().contains("Concurrent")
                    || t.getClass().getSimpleName().equals("ProtocolChangedException")
                    || t.getClass().getSimpleName().equals("MetadataChangedException")
                    || (t.getMessage() != null && t.getMessage().contains("DELTA_CONCURRENT"))
                    || (t.getMessage() != null
                            && t.getMessage().contains("already exists")
                            && t.getMessage().contains("_delta_log"))) {
                return true;
            }
        }
        return false;
    }
}
