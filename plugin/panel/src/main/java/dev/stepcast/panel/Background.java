package dev.stepcast.panel;

import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * The panel's one background thread for file work (history PNGs, settings, reading dropped files): tasks run in the
 * order they were submitted, so "add result" always precedes "mark it applied"; results and errors come back on the
 * EDT. Generation and model loading do not run here (they have their own workers).
 *
 * <p><b>Threads:</b> {@link #submit} from any thread (in practice the EDT); callbacks run on the EDT.
 */
public final class Background implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Background.class.getName());

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stepcast-files");
        t.setDaemon(true);
        return t;
    });

    /** Work off the EDT that may throw. */
    @FunctionalInterface
    public interface Work<T> extends Callable<T> {
    }

    /**
     * Runs {@code work} on the background thread, then {@code onDone} with its result on the EDT, or {@code onError}
     * with the exception on the EDT (the exception is also logged).
     */
    public <T> void submit(Work<T> work, Consumer<T> onDone, Consumer<Exception> onError) {
        executor.execute(() -> {
            try {
                T result = work.call();
                SwingUtilities.invokeLater(() -> onDone.accept(result));
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Background task failed", e);
                SwingUtilities.invokeLater(() -> onError.accept(e));
            }
        });
    }

    /**
     * Lets queued tasks finish and stops the thread; returns at once (never blocks the EDT). A daemon thread waits up
     * to 5 s for the queue and then stops what is left, logging it.
     */
    @Override
    public void close() {
        executor.shutdown();
        Thread watcher = new Thread(() -> {
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "File tasks still queued 5 s after the panel closed; stopping them");
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }, "stepcast-files-flush");
        watcher.setDaemon(true);
        watcher.start();
    }
}
