package dev.stepcast.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GaussianNoise;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.StepEvent;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.scheduler.Scheduler;
import java.util.Arrays;

/**
 * The denoising loop of one generation, as diffusers' {@code OnnxStableDiffusionPipeline} and its img2img sibling
 * run it: initial latents (the first draw of the request's {@link GaussianNoise} source, or given), for each
 * timestep scale the input, run the UNet with guidance ({@link UnetRun}), step the scheduler, tell the listener;
 * then the final latents.
 *
 * <p>img2img: {@code init_timestep = min(int(steps·strength), steps)}, {@code t_start = steps − init_timestep}, the
 * schedule starts at model call {@code t_start·order} ({@code set_begin_index}) and the encoded image is noised to
 * that call's level with the first noise draws ({@code add_noise}).
 *
 * <p>Inpainting ({@link #inpaint}), as diffusers' inpaint pipeline: at strength 1 the start is pure noise ×
 * {@code init_noise_sigma}, below 1 the source latents noised as in img2img. A dedicated inpainting UNet gets the mask
 * and the masked image's latents as extra input channels every step; any other UNet's latents are blended after every
 * step with the source latents re-noised to the <em>next</em> timestep (the clean source after the last step), so
 * outside the mask the run follows the source. "Masked content: latent noise" replaces the source latents under the
 * mask with fresh draws (after the start noise) before they are noised.
 *
 * <p><b>Threads:</b> runs on the caller's thread; one instance per generation.
 */
final class DiffusionPipeline {

    private final OrtEnvironment env;
    private final UnetModel unet;
    private final Scheduler scheduler;
    private final GenerationRequest request;
    private final OrtSession.RunOptions runOptions;
    private final CancellationToken cancel;
    private final GaussianNoise noise;
    private final long[] latentShape;
    private final int n;
    private Inpainting inpainting;
    private int stepsRun;
    private long unetCalls;

    DiffusionPipeline(OrtEnvironment env, UnetModel unet, Scheduler scheduler, GenerationRequest request,
                      int latentChannels, OrtSession.RunOptions runOptions, CancellationToken cancel) {
        this.env = env;
        this.unet = unet;
        this.scheduler = scheduler;
        this.request = request;
        this.runOptions = runOptions;
        this.cancel = cancel;
        this.noise = new GaussianNoise(request.compat().rng(), request.seed());
        this.latentShape = new long[] {1, latentChannels, request.height() / 8, request.width() / 8};
        this.n = latentChannels * (request.height() / 8) * (request.width() / 8);
    }

    /**
     * What an inpainting run needs in latent space.
     *
     * @param mask       the binarised mask at latent resolution {@code h·w}, 1 = repaint
     * @param unetExtra  a dedicated inpainting UNet's extra channels (mask, masked image latents) {@code [1, 5, h, w]}
     *                   flat, or {@code null} to blend latents each step
     * @param freshNoise whether the source latents under the mask are replaced by fresh noise before noising
     */
    record Inpainting(float[] mask, float[] unetExtra, boolean freshNoise) {
    }

    /** Makes this run an inpainting run; {@link #denoise}'s {@code initLatents} are then the source latents. */
    void inpaint(Inpainting value) {
        this.inpainting = value;
    }

    long[] latentShape() {
        return latentShape.clone();
    }

    /** The standard normal noise of this run: the request's explicit latents, or the generator's first draws. */
    float[] initialNoise() throws ModelException {
        FloatTensor given = request.initialLatents();
        if (given == null) {
            return noise.next(n);
        }
        if (!Arrays.equals(given.shape(), latentShape)) {
            throw new ModelException("initial latents have shape " + Arrays.toString(given.shape()) + "; expected "
                    + Arrays.toString(latentShape) + " for a " + request.width() + "×" + request.height() + " image");
        }
        return given.toArray();
    }

    /**
     * Runs the loop and returns the final latents (UNet scaling).
     *
     * @param initLatents img2img: the encoded image × scaling factor; {@code null} for txt2img
     */
    float[] denoise(float[] initLatents, float[] cond, float[] uncond, int seq, float[] guidanceEmbed,
                    StepListener listener) throws OrtException, GenerationCancelledException, ModelException {
        return denoise(initLatents, cond, uncond, seq, guidanceEmbed, java.util.List.of(), listener);
    }

    /** As above, with further per-image UNet inputs (SDXL's {@code text_embeds} and {@code time_ids}). */
    float[] denoise(float[] initLatents, float[] cond, float[] uncond, int seq, float[] guidanceEmbed,
                    java.util.List<UnetRun.Added> added, StepListener listener)
            throws OrtException, GenerationCancelledException, ModelException {
        long start = System.nanoTime();
        scheduler.setTimesteps(request.steps());
        float[] timesteps = scheduler.timesteps();
        float[] startNoise = initialNoise();
        int begin = 0;
        float[] latents;
        if (initLatents == null) {
            latents = scaled(startNoise, scheduler.initNoiseSigma());
        } else if (inpainting != null) {
            int initTimestep = Math.min((int) (request.steps() * request.strength()), request.steps());
            int tStart = Math.max(request.steps() - initTimestep, 0);
            begin = Math.min(tStart * scheduler.order(), timesteps.length);
            scheduler.setBeginIndex(begin);
            float[] from = initLatents;
            if (inpainting.freshNoise()) {
                from = blend(noise.next(n), initLatents, inpainting.mask());
            }
            latents = request.strength() >= 1f ? scaled(startNoise, scheduler.initNoiseSigma())
                    : begin < timesteps.length ? scheduler.addNoise(from, startNoise, begin) : from;
        } else {
            int initTimestep = Math.min((int) (request.steps() * request.strength()), request.steps());
            int tStart = Math.max(request.steps() - initTimestep, 0);
            begin = Math.min(tStart * scheduler.order(), timesteps.length);
            scheduler.setBeginIndex(begin);
            latents = begin < timesteps.length ? scheduler.addNoise(initLatents, startNoise, begin) : initLatents;
        }
        int total = timesteps.length - begin;
        boolean blendEachStep = inpainting != null && inpainting.unetExtra() == null;
        try (UnetRun run = new UnetRun(env, unet, latentShape, cond, uncond, seq, request.guidanceScale(),
                guidanceEmbed, inpainting == null ? null : inpainting.unetExtra(), added, runOptions)) {
            float[] input = new float[n];
            float[] modelOutput = new float[n];
            for (int i = begin; i < timesteps.length; i++) {
                cancel.throwIfCancelled();
                float scale = scheduler.modelInputScale(i);
                for (int k = 0; k < n; k++) {
                    input[k] = latents[k] * scale;
                }
                run.predict(input, timesteps[i], modelOutput);
                Scheduler.StepOutput out = scheduler.step(modelOutput, i, latents, noise);
                latents = out.prevSample();
                float[] predOriginal = out.predOriginalSample();
                if (blendEachStep) {
                    float[] proper = i + 1 < timesteps.length
                            ? scheduler.addNoise(initLatents, startNoise, i + 1) : initLatents;
                    latents = blend(latents, proper, inpainting.mask());
                    predOriginal = predOriginal == null ? null : blend(predOriginal, initLatents, inpainting.mask());
                }
                stepsRun++;
                listener.onStep(new StepEvent(i - begin + 1, total, timesteps[i], scheduler.sigma(i),
                        FloatTensor.wrap(latents, latentShape), FloatTensor.wrap(predOriginal, latentShape),
                        System.nanoTime() - start));
            }
            unetCalls = run.calls();
        }
        cancel.throwIfCancelled();
        return latents;
    }

    /** Steps run by {@link #denoise}. */
    int stepsRun() {
        return stepsRun;
    }

    /** UNet session runs made by {@link #denoise}. */
    long unetCalls() {
        return unetCalls;
    }

    /** {@code inside} where {@code mask} (one latent plane, broadcast over channels) is 1, {@code outside} where 0. */
    private static float[] blend(float[] inside, float[] outside, float[] mask) {
        float[] out = new float[inside.length];
        int plane = mask.length;
        for (int k = 0; k < out.length; k++) {
            float m = mask[k % plane];
            out[k] = m * inside[k] + (1f - m) * outside[k];
        }
        return out;
    }

    private static float[] scaled(float[] values, float factor) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }
}
