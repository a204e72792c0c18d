package dev.stepcast.engine.testing;

import dev.stepcast.engine.GaussianNoise;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.engine.onnx.GuidanceEmbedding;
import dev.stepcast.engine.scheduler.Scheduler;
import dev.stepcast.engine.scheduler.SchedulerConfig;
import dev.stepcast.engine.scheduler.Schedulers;
import dev.stepcast.engine.synthetic.SyntheticGraphs;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.text.EncodedPrompt;

/**
 * Test fixture: what a synthetic model ({@link SyntheticGraphs}) must produce, recomputed in plain Java with
 * diffusers' pipeline order (float32; no ONNX Runtime). Tests compare the real pipeline against it.
 *
 * <p><b>Threads:</b> stateless.
 */
public final class SyntheticReference {

    private SyntheticReference() {
    }

    /** The UNet's text term input: mean over all ids and widths of the text encoder's output for {@code prompt}. */
    public static float embeddingMean(EncodedPrompt prompt, int hiddenSize) {
        double sum = 0;
        int count = 0;
        for (int[] chunk : prompt.chunks()) {
            for (int id : chunk) {
                sum += id;
                count++;
            }
        }
        return (float) (sum / count * SyntheticGraphs.ID_SCALE * (hiddenSize + 1) / (2.0 * hiddenSize));
    }

    /** ε of the synthetic UNet at {@code timestep} for a text embedding with mean {@code textMean}. */
    public static float[] epsilon(float[] sample, float timestep, float textMean, float guidanceTerm) {
        float[] out = new float[sample.length];
        float bias = SyntheticGraphs.TIMESTEP_GAIN / 1000f * timestep + SyntheticGraphs.TEXT_GAIN * textMean
                + guidanceTerm;
        for (int i = 0; i < sample.length; i++) {
            out[i] = SyntheticGraphs.SAMPLE_GAIN * sample[i] + bias;
        }
        return out;
    }

    /**
     * The final latents of a txt2img run.
     *
     * @param condMean   {@link #embeddingMean} of the prompt
     * @param uncondMean of the negative prompt (used when {@code guidance > 1} and not LCM)
     */
    public static float[] txt2img(SyntheticOptions o, SchedulerKind kind, SchedulerConfig config, int steps,
                                  long seed, float guidance, float condMean, float uncondMean, int latentCount) {
        Scheduler scheduler = Schedulers.create(kind, config);
        scheduler.setTimesteps(steps);
        GaussianNoise noise = new GaussianNoise(NoiseSource.DEFAULT, seed);
        float[] latents = noise.next(latentCount);
        float sigma = scheduler.initNoiseSigma();
        for (int i = 0; i < latents.length; i++) {
            latents[i] *= sigma;
        }
        return loop(o, scheduler, 0, latents, noise, guidance, condMean, uncondMean);
    }

    /** The final latents of an img2img run from the given (scaled) init latents and its noise generator state. */
    public static float[] img2img(SyntheticOptions o, SchedulerKind kind, SchedulerConfig config, int steps,
                                  float strength, long seed, float guidance, float condMean, float uncondMean,
                                  float[] initLatents) {
        Scheduler scheduler = Schedulers.create(kind, config);
        scheduler.setTimesteps(steps);
        GaussianNoise noise = new GaussianNoise(NoiseSource.DEFAULT, seed);
        float[] startNoise = noise.next(initLatents.length);
        int initTimestep = Math.min((int) (steps * strength), steps);
        int tStart = Math.max(steps - initTimestep, 0);
        int begin = tStart * scheduler.order();
        scheduler.setBeginIndex(begin);
        float[] latents = scheduler.addNoise(initLatents, startNoise, begin);
        return loop(o, scheduler, begin, latents, noise, guidance, condMean, uncondMean);
    }

    private static float[] loop(SyntheticOptions o, Scheduler scheduler, int begin, float[] latents,
                                GaussianNoise noise, float guidance, float condMean, float uncondMean) {
        float[] t = scheduler.timesteps();
        float guidanceTerm = 0f;
        if (o.lcm()) {
            float[] w = GuidanceEmbedding.of(guidance, o.guidanceEmbedDim());
            double sum = 0;
            for (float v : w) {
                sum += v;
            }
            guidanceTerm = (float) (SyntheticGraphs.GUIDANCE_GAIN * sum / w.length);
        }
        boolean cfg = !o.lcm() && guidance > 1f;
        for (int i = begin; i < t.length; i++) {
            float scale = scheduler.modelInputScale(i);
            float[] input = new float[latents.length];
            for (int k = 0; k < input.length; k++) {
                input[k] = latents[k] * scale;
            }
            float ts = unetTimestep(o, t[i]);
            float[] eps = epsilon(input, ts, condMean, guidanceTerm);
            if (cfg) {
                float[] u = epsilon(input, ts, uncondMean, guidanceTerm);
                for (int k = 0; k < eps.length; k++) {
                    eps[k] = u[k] + guidance * (eps[k] - u[k]);
                }
            }
            latents = scheduler.step(eps, i, latents, noise).prevSample();
        }
        return latents;
    }

    /** The timestep as the UNet sees it: truncated for int64 inputs (numpy astype), else as is. */
    private static float unetTimestep(SyntheticOptions o, float t) {
        return switch (o.timestep()) {
            case INT64_ONE, INT64_SCALAR -> (long) t;
            default -> t;
        };
    }

    /** The synthetic VAE decoder's pixel (0–255) for channel {@code r} given UNet-scaled latents at one cell. */
    public static int pixel(float[] latentCell, int r, float scalingFactor) {
        float[][] m = SyntheticGraphs.decoderMatrix(latentCell.length);
        float x = 0;
        for (int c = 0; c < latentCell.length; c++) {
            x += m[r][c] * latentCell[c] / scalingFactor;
        }
        return Math.round(Math.min(1f, Math.max(0f, x / 2f + 0.5f)) * 255f);
    }
}
