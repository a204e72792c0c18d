package dev.stepcast.panel.preview;

import dev.stepcast.engine.FloatTensor;

/**
 * The predicted x0 of one step, copied out of the sampling loop so another thread may decode it.
 *
 * @param step         the step, 1-based
 * @param x0           a heap copy of the step's predicted x0 {@code [1, C, h, w]} (UNet scaling), owned by the frame
 * @param stepEndNanos {@link System#nanoTime()} when the step ended (its listener call began), for latency figures
 *
 * <p><b>Threads:</b> handed from the sampling thread (or the EDT, on reactivation) to the decoder thread through
 * {@link FrameMailbox}; only one thread uses it at a time.
 */
public record PreviewFrame(int step, FloatTensor x0, long stepEndNanos) {

    /** A frame holding a copy of {@code x0}, which is only valid during the step's listener call. */
    public static PreviewFrame copyOf(int step, FloatTensor x0, long stepEndNanos) {
        return new PreviewFrame(step, x0.copy(), stepEndNanos);
    }
}
