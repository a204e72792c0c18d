package dev.stepcast.panel.preview;

import dev.stepcast.engine.EncodedImage;
import dev.stepcast.engine.FloatTensor;

/**
 * What one step's preview is made from, handed off the sampling loop so another thread may decode it: the predicted
 * x0 copied out of a local run, or the encoded image a server sent.
 *
 * @param step         the step, 1-based
 * @param x0           a heap copy of the step's predicted x0 {@code [1, C, h, w]} (UNet scaling), owned by the frame;
 *                     {@code null} for a server's preview
 * @param stepEndNanos {@link System#nanoTime()} when the step ended (its listener call began), for latency figures
 * @param encoded      the server's JPEG/PNG preview of this step, or {@code null} for a local frame
 *
 * <p><b>Threads:</b> handed from the sampling thread (or the EDT, on reactivation) to the decoder thread through
 * {@link FrameMailbox}; only one thread uses it at a time.
 */
public record PreviewFrame(int step, FloatTensor x0, long stepEndNanos, EncodedImage encoded) {

    /** A local frame: latents, nothing encoded. */
    public PreviewFrame(int step, FloatTensor x0, long stepEndNanos) {
        this(step, x0, stepEndNanos, null);
    }

    /** A server's preview of {@code step}, still encoded (the decoder thread decodes it). */
    public static PreviewFrame encoded(int step, EncodedImage image, long stepEndNanos) {
        return new PreviewFrame(step, null, stepEndNanos, image);
    }

    /** Whether this frame is a server's encoded image rather than latents. */
    public boolean isEncoded() {
        return encoded != null;
    }

    /** A frame holding a copy of {@code x0}, which is only valid during the step's listener call. */
    public static PreviewFrame copyOf(int step, FloatTensor x0, long stepEndNanos) {
        return new PreviewFrame(step, x0.copy(), stepEndNanos);
    }
}
