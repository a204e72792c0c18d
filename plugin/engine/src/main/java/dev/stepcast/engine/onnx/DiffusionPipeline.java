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
 * run it: initial latents (seeded {@link GaussianNoise}, or given), for each timestep scale the input, run the UNet
 * with guidance ({@link UnetRun}), step the scheduler, tell the listener; then the final latents.
 *
 * <p>img2img: {@code init_timestep = min(int(steps·strength), steps)}, {@code t_start = steps − init_timestep}, the
 * schedule starts at model call {@code t_start·order} ({@code set_begin_index}) and the encoded image is noised to
 * that call's level with the first noise draws ({@code add_noise}).
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
        this.noise = new GaussianNoise(request.seed());
        this.latentShape = new long[] {1, latentChannels, request.height() / 8, request.width() / 8};
        this.n = latentChannels * (request.height() / 8) * (request.width() / 8);
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
        long start = System.nanoTime();
        scheduler.setTimesteps(request.steps());
        float[] timesteps = scheduler.timesteps();
        float[] startNoise = initialNoise();
        int begin = 0;
        float[] latents;
        if (initLatents == null) {
            latents = scaled(startNoise, scheduler.initNoiseSigma());
        } else {
            int initTimestep = Math.min((int) (request.steps() * request.strength()), request.steps());
            int tStart = Math.max(request.steps() - initTimestep, 0);
            begin = Math.min(tStart * scheduler.order(), timesteps.length);
            scheduler.setBeginIndex(begin);
            latents = begin < timesteps.length ? scheduler.addNoise(initLatents, startNoise, begin) : initLatents;
        }
        int total = timesteps.length - begin;
        try (UnetRun run = new UnetRun(env, unet, latentShape, cond, uncond, seq, request.guidanceScale(),
                guidanceEmbed, runOptions)) {
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
                stepsRun++;
                listener.onStep(new StepEvent(i - begin + 1, total, timesteps[i], scheduler.sigma(i),
                        FloatTensor.wrap(latents, latentShape), FloatTensor.wrap(out.predOriginalSample(), latentShape),
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

    private static float[] scaled(float[] values, float factor) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }
}
