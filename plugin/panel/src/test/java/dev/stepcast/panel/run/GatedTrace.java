package dev.stepcast.panel.run;

import dev.stepcast.panel.preview.WorkerTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A {@link WorkerTrace} for deterministic tests: records decoded steps, and holds the sampling thread at the start of
 * chosen steps (before that step's progress and preview decision) until the test releases it — so a test can change
 * the host's activity "between steps" without any timing assumption.
 *
 * <p><b>Threads:</b> thread-safe (one monitor); the sampling and decoder threads call the trace methods, the test
 * thread waits and releases.
 */
final class GatedTrace implements WorkerTrace {

    private static final long TIMEOUT_SECONDS = 30;

    private final List<Integer> decoded = new ArrayList<>();
    private IntPredicate holdAt = step -> false;
    private int heldStep;
    private int lastStepEnded;

    /** Holds the sampling thread when a step matching {@code predicate} ends. */
    synchronized void holdAt(IntPredicate predicate) {
        holdAt = predicate;
    }

    @Override
    public void stepEnded(int step, long nanos) {
        synchronized (this) {
            lastStepEnded = step;
            if (!holdAt.test(step)) {
                return;
            }
            heldStep = step;
            notifyAll();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (heldStep == step && System.nanoTime() < deadline) {
                waitQuietly(deadline);
            }
            heldStep = 0;
        }
    }

    @Override
    public synchronized void previewDecoded(int step, long stepEndNanos, long decodedNanos) {
        decoded.add(step);
        notifyAll();
    }

    /** Waits until the sampling thread is held at {@code step}. Test thread. */
    synchronized void awaitHeldAt(int step) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (heldStep != step) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("sampling thread never reached step " + step + " (last " + lastStepEnded + ")");
            }
            waitQuietly(deadline);
        }
    }

    /** Waits until {@code count} previews were decoded. Test thread. */
    synchronized void awaitDecodes(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (decoded.size() < count) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("expected " + count + " decodes, got " + decoded);
            }
            waitQuietly(deadline);
        }
    }

    /** Lets the held sampling thread go on. Test thread. */
    synchronized void release() {
        heldStep = -1;
        notifyAll();
    }

    /** Stops holding at any further step and releases a held one. */
    synchronized void releaseAll() {
        holdAt = step -> false;
        release();
    }

    synchronized List<Integer> decodedSteps() {
        return new ArrayList<>(decoded);
    }

    private void waitQuietly(long deadline) {
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
