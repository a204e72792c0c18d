package dev.stepcast.engine.preview;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.ModelException;
import java.awt.image.BufferedImage;

/**
 * Turns the scheduler's predicted clean latents x0 of one step into a picture the user can watch while sampling goes
 * on. Implementations: {@link ApproximatePreviewer} (a linear map at latent resolution, microseconds),
 * {@link TinyDecoderPreviewer} (a TAESD-format ONNX decoder, full resolution) and {@link VaePreviewer} (the model's
 * own VAE decoder, the final image's quality).
 *
 * <pre>{@code
 * try (LatentPreviewer previewer = TinyDecoderPreviewer.open(model.info().tinyDecoder().orElseThrow())) {
 *     BufferedImage image = previewer.preview(event.predictedX0().copy());
 * }
 * }</pre>
 *
 * <p><b>Threads:</b> one thread at a time calls {@link #preview}; a previewer may be handed from thread to thread
 * (e.g. created on the worker thread, used on the decoder thread, closed on the worker thread after the decoder
 * thread has stopped).
 */
public interface LatentPreviewer extends AutoCloseable {

    /**
     * A preview of {@code x0}.
     *
     * @param x0 predicted clean latents {@code [1, C, h, w]} in the UNet's scaling (as {@code StepEvent} gives them);
     *           not modified and not kept after the call returns
     * @return a new TYPE_INT_RGB image the caller owns; its size is the previewer's resolution (latent cells or pixels)
     * @throws ModelException when a decoder rejects the tensor (message names the decoder file and the shape)
     */
    BufferedImage preview(FloatTensor x0) throws ModelException;

    /**
     * A preview of {@code x0} that {@code cancel} can stop: decoders that run ONNX Runtime terminate the run in
     * progress. The default ignores the token (for decoders that take microseconds).
     *
     * @throws GenerationCancelledException when {@code cancel} was cancelled before or during the decode
     */
    default BufferedImage preview(FloatTensor x0, CancellationToken cancel)
            throws ModelException, GenerationCancelledException {
        cancel.throwIfCancelled();
        return preview(x0);
    }

    /** A short name for logs and the bench, e.g. "approximate". */
    String name();

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
