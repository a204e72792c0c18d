package dev.stepcast.panel.settings;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * Writes settings off the EDT: {@link #save} only records the newest settings and returns; the thread
 * "stepcast-settings" writes them, and saves that arrive while a write runs are coalesced into one write of the newest
 * settings. {@link #close()} never waits on the calling thread: the pending write finishes in the background, and a
 * daemon thread waits for it (bounded) only to log one that did not finish.
 *
 * <p><b>Threads:</b> {@link #save} and {@link #close} from any thread (in practice the EDT); the sink runs on
 * "stepcast-settings"; the failure callback runs on the EDT.
 */
public final class SettingsWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SettingsWriter.class.getName());

    /** How long the background flush at close may take before it is logged as unfinished. */
    static final Duration FLUSH_LIMIT = Duration.ofSeconds(5);

    /** Where settings go (the {@link SettingsStore}). Called on the settings thread. */
    @FunctionalInterface
    public interface Sink {
        void save(Settings settings) throws IOException;
    }

    private final Sink sink;
    private final Consumer<IOException> onFailure;
    private final AtomicReference<Settings> pending = new AtomicReference<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stepcast-settings");
        t.setDaemon(false); // a write in progress finishes even while the JVM starts to exit
        return t;
    });

    /** {@code onFailure} is told on the EDT when a write fails (the message names the file). */
    public SettingsWriter(Sink sink, Consumer<IOException> onFailure) {
        this.sink = sink;
        this.onFailure = onFailure;
    }

    /** Records {@code settings} as the newest and returns at once; the settings thread writes them. */
    public void save(Settings settings) {
        if (pending.getAndSet(settings) == null && !thread.isShutdown()) {
            thread.execute(this::writePending);
        }
    }

    private void writePending() {
        Settings newest = pending.getAndSet(null);
        if (newest == null) {
            return; // an earlier write already took it
        }
        try {
            sink.save(newest);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot save settings", e);
            SwingUtilities.invokeLater(() -> onFailure.accept(e));
        }
    }

    /** Writes what is pending in the background and stops the thread; returns at once. Idempotent. */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(this::writePending);
        thread.shutdown();
        Thread watcher = new Thread(() -> {
            try {
                if (!thread.awaitTermination(FLUSH_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "The settings were not written within "
                            + FLUSH_LIMIT.toSeconds() + " s of closing; the last change may be lost");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stepcast-settings-flush");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Tests: waits (bounded) until everything saved so far is written. Not for the EDT. */
    boolean awaitIdle(Duration limit) throws InterruptedException {
        if (thread.isShutdown()) {
            return thread.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        thread.execute(done::countDown);
        return done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
}
