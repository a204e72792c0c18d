package dev.stepcast.engine.bench;

import ai.onnxruntime.OrtException;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.onnx.UnetModel;
import dev.stepcast.engine.onnx.UnetRun;

/**
 * The UNet's ONNX Runtime calls of a generation and nothing else: the same session, input tensors, batching (one
 * batch-2 call or two calls per step with guidance) and pinned output as the pipeline, called {@code steps} times
 * with no scheduler, listener, latent copies or guidance arithmetic. The pipeline's seconds per step minus this
 * loop's is the engine's Java-side overhead.
 *
 * <p><b>Threads:</b> runs on the caller's thread; do not run it while the model generates (it would compete).
 */
public final class BareUnetLoop {

    /**
     * @param steps       steps run
     * @param unetCalls   ORT session runs made
     * @param totalNanos  wall time of the loop, in nanoseconds
     */
    public record Result(int steps, long unetCalls, long totalNanos) {

        /** Seconds per step. */
        public double secondsPerStep() {
            return steps == 0 ? 0 : totalNanos / 1e9 / steps;
        }
    }

    private BareUnetLoop() {
    }

    /**
     * Runs {@code steps} steps' worth of UNet calls for a {@code width × height} image.
     *
     * @param guidance whether to make the calls of a guided run (guidance scale &gt; 1)
     */
    public static Result run(StableDiffusionModel model, int width, int height, int steps, boolean guidance)
            throws ModelException {
        UnetModel unet = model.unet();
        int channels = model.info().latentChannels();
        long hidden = unet.hiddenSize() > 0 ? unet.hiddenSize() : model.textEncoderHiddenSize();
        int seq = unet.sequenceLength();
        float[] embedding = new float[(int) (seq * hidden)];
        long[] shape = {1, channels, height / 8, width / 8};
        float[] latents = new float[channels * (height / 8) * (width / 8)];
        boolean embedded = unet.timestepCond().isPresent();
        float[] guidanceEmbedding = embedded ? new float[(int) unet.timestepCond().get().dim(1)] : null;
        float[] uncond = guidance && !embedded ? embedding : null;
        try (UnetRun run = new UnetRun(dev.stepcast.engine.onnx.OrtEnvironments.get(), unet, shape, embedding, uncond, seq, 7.5f,
                guidanceEmbedding, null)) {
            run.predict(latents, 500f, latents.clone()); // fills the buffers once, as the first step would
            long before = run.calls();
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                run.runModelCallsOnly();
            }
            return new Result(steps, run.calls() - before, System.nanoTime() - start);
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime failed in the UNet of " + model.info().folder() + ": "
                    + e.getMessage(), model.info().folder(), e);
        }
    }
}
