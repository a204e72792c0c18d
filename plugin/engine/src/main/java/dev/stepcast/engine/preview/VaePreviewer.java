package dev.stepcast.engine.preview;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import java.awt.image.BufferedImage;

/**
 * Previews with the model's own VAE decoder ({@link StableDiffusionModel#decodeLatents}): the final image's quality
 * at the full decode's cost (about 1.5 UNet steps), so the panel decodes it on the preview thread, at most one frame
 * at a time, and only every N steps.
 *
 * <p><b>Threads:</b> one thread at a time; runs concurrently with the model's generation (ONNX Runtime sessions allow
 * concurrent runs). Does not own the model: {@link #close()} leaves it open.
 */
public final class VaePreviewer implements LatentPreviewer {

    private final StableDiffusionModel model;

    public VaePreviewer(StableDiffusionModel model) {
        this.model = model;
    }

    @Override
    public BufferedImage preview(FloatTensor x0) throws ModelException {
        return model.decodeLatents(x0);
    }

    @Override
    public BufferedImage preview(FloatTensor x0, CancellationToken cancel)
            throws ModelException, GenerationCancelledException {
        return model.decodeLatents(x0, cancel);
    }

    @Override
    public String name() {
        return "full VAE";
    }

    @Override
    public void close() {
        // the model belongs to the caller
    }
}
