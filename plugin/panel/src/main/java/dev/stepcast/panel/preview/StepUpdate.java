package dev.stepcast.panel.preview;

import java.awt.image.BufferedImage;

/**
 * One chunk a {@link dev.stepcast.panel.run.GenerationWorker} publishes: either progress (every step) or a decoded
 * preview (every N steps).
 *
 * @param progress the progress, or {@code null} for a preview chunk
 * @param step     the step a preview shows (0 for progress chunks)
 * @param preview  the decoded preview, or {@code null} for a progress chunk
 *
 * <p><b>Threads:</b> immutable; made on the sampling or decoder thread, read on the EDT. The image is not touched
 * after it is published.
 */
public record StepUpdate(Progress progress, int step, BufferedImage preview) {

    public static StepUpdate progress(Progress progress) {
        return new StepUpdate(progress, 0, null);
    }

    public static StepUpdate preview(int step, BufferedImage image) {
        return new StepUpdate(null, step, image);
    }

    public boolean isPreview() {
        return preview != null;
    }
}
