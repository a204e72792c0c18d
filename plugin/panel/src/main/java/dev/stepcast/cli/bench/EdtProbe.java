package dev.stepcast.cli.bench;

import java.awt.EventQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how long the EDT stays busy: a heartbeat thread posts an empty {@code invokeLater} every
 * {@value #PERIOD_MILLIS} ms (the next one only after the previous ran, so the queue is never flooded) and records
 * how late each one runs. The longest lateness during a window is the longest EDT stall a user would feel as a
 * frozen panel.
 *
 * <p><b>Threads:</b> {@link #start}/{@link #stop} from the bench thread; the heartbeat runs on its own daemon
 * thread; lateness is recorded on the EDT. Thread-safe.
 */
final class EdtProbe {

    static final long PERIOD_MILLIS = 2;

    private final AtomicLong maxLatenessNanos = new AtomicLong();
    private final AtomicLong beats = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /** Starts a measuring window. */
    void start() {
        maxLatenessNanos.set(0);
        beats.set(0);
        running.set(true);
        thread = new Thread(this::beat, "stepcast-bench-edt-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the window; returns the longest lateness seen, in nanoseconds. */
    long stop() throws InterruptedException {
        running.set(false);
        thread.join();
        return maxLatenessNanos.get();
    }

    long beats() {
        return beats.get();
    }

    private void beat() {
        while (running.get()) {
            long posted = System.nanoTime();
            AtomicBoolean ran = new AtomicBoolean();
            EventQueue.invokeLater(() -> {
                maxLatenessNanos.accumulateAndGet(System.nanoTime() - posted, Math::max);
                beats.incrementAndGet();
                synchronized (ran) {
                    ran.set(true);
                    ran.notifyAll();
                }
            });
            synchronized (ran) {
                while (!ran.get()) {
                    try {
                        ran.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
