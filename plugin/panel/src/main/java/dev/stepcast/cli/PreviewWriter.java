package dev.stepcast.cli;

import dev.stepcast.engine.EncodedImage;
import dev.stepcast.engine.StepEvent;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.io.AtomicFiles;
import dev.stepcast.engine.preview.LatentPreviewer;
import dev.stepcast.panel.preview.EncodedPreviews;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * {@code generate --preview-dir DIR --preview-every N}: writes the preview of every N-th step (and the last) as
 * {@code DIR/step-NNN.png}: a local run's latents decoded with the approximate previewer, a server's own JPEG/PNG
 * preview re-encoded as PNG. Each file is written to a temp file and moved into place.
 *
 * <p><b>Threads:</b> called on the generation's thread (or a remote backend's poller), one step at a time.
 */
final class PreviewWriter implements StepListener {

    private final Path dir;
    private final int every;
    private final LatentPreviewer previewer;

    /** {@code previewer} decodes local latents; {@code null} for a server. */
    PreviewWriter(Path dir, int every, LatentPreviewer previewer) {
        this.dir = dir;
        this.every = every;
        this.previewer = previewer;
    }

    @Override
    public boolean wantsPreview(int step) {
        return step % every == 0;
    }

    @Override
    public void onStep(StepEvent event) {
        boolean due = wantsPreview(event.step()) || event.step() == event.totalSteps();
        if (!due) {
            return;
        }
        BufferedImage image = null;
        if (event.hasLatents() && previewer != null) {
            try {
                image = previewer.preview(event.predictedX0());
            } catch (dev.stepcast.engine.ModelException e) {
                throw new UncheckedIOException(new IOException("cannot decode the preview of step " + event.step()
                        + ": " + e.getMessage(), e));
            }
        } else if (event.preview() != null) {
            image = decode(event.preview());
        }
        if (image == null) {
            return;
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
            AtomicFiles.write(dir.resolve(String.format(Locale.ROOT, "step-%03d.png", event.step())),
                    png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a preview into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The server's preview, or {@code null} when Java cannot read it (e.g. WEBP): that step has no file. */
    private static BufferedImage decode(EncodedImage image) {
        try {
            return EncodedPreviews.decode(image);
        } catch (IOException e) {
            return null;
        }
    }
}
