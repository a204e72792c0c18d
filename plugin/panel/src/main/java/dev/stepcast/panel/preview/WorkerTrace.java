package dev.stepcast.panel.preview;

/**
 * Measurement hooks of a {@link dev.stepcast.panel.run.GenerationWorker}, for the {@code bench} command and tests
 * (counting decodes, step-end to paint latency). The default methods do nothing.
 *
 * <p><b>Threads:</b> implementations must be thread-safe: {@link #stepEnded} runs on the sampling thread,
 * {@link #previewDecoded} on the sampling thread (inline decodes) or the preview decoder thread, {@link #frameDropped}
 * on whichever thread offered the newer frame. Calls must return quickly.
 */
public interface WorkerTrace {

    /** No tracing. */
    WorkerTrace NONE = new WorkerTrace() { };

    /** Step {@code step} ended at {@link System#nanoTime()} {@code nanos}. */
    default void stepEnded(int step, long nanos) {
    }

    /**
     * A preview of {@code step} was decoded (about to be published).
     *
     * @param stepEndNanos when that step ended
     * @param decodedNanos when the decode finished
     */
    default void previewDecoded(int step, long stepEndNanos, long decodedNanos) {
    }

    /** A frame of {@code step} waiting in the mailbox was replaced by a newer one before it was decoded. */
    default void frameDropped(int step) {
    }
}
