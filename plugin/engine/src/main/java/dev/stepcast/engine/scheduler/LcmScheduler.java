package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;

import dev.stepcast.engine.SchedulerKind;
/**
 * Latent consistency model sampling, as diffusers' {@code LCMScheduler}: timesteps picked (unevenly) from the
 * original {@code original_inference_steps}-step schedule ({@code [19, 39, …, 999]} for 50), the consistency
 * boundary conditions {@code denoised = c_out·x0 + c_skip·x}, and fresh noise from the run's
 * {@link GaussianNoise#stepNoise} at the next timestep after every step except the last. Reads
 * {@code original_inference_steps} (50), {@code timestep_scaling} (10), {@code clip_sample} (false),
 * {@code clip_sample_range} (1), {@code set_alpha_to_one} (true); its default betas are SD's (scaled_linear
 * 0.00085–0.012).
 *
 * <p>{@link Scheduler.StepOutput#predOriginalSample()} is diffusers' {@code denoised}.
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
final class LcmScheduler extends AlphaScheduler {

    private static final double SIGMA_DATA = 0.5;

    private final int originalSteps;
    private final double timestepScaling;
    private final double clipRange;

    LcmScheduler(SchedulerConfig config) {
        super(config, NoiseSchedule.Defaults.LCM, true);
        this.originalSteps = config.integer("original_inference_steps", 50);
        this.timestepScaling = config.number("timestep_scaling", 10.0);
        this.clipRange = config.flag("clip_sample", false) ? config.number("clip_sample_range", 1.0) : 0;
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.LCM;
    }

    /**
     * diffusers' {@code set_timesteps} with strength 1: {@code origin = [1 … original_steps]·(N // original_steps) − 1}
     * reversed, indexed at {@code floor(linspace(0, len, n, endpoint=False))}.
     *
     * @throws IllegalArgumentException for more steps than {@code original_inference_steps}
     */
    @Override
    public void setTimesteps(int numInferenceSteps) {
        Schedulers.checkSteps(numInferenceSteps, schedule);
        if (numInferenceSteps > originalSteps) {
            throw new IllegalArgumentException("LCM takes at most " + originalSteps + " steps, not "
                    + numInferenceSteps);
        }
        int k = schedule.trainTimesteps / originalSteps;
        double[] indices = Timesteps.linspaceExclusive(0, originalSteps, numInferenceSteps);
        double[] t = new double[numInferenceSteps];
        for (int i = 0; i < t.length; i++) {
            int j = (int) Math.floor(indices[i]);
            t[i] = (double) (originalSteps - j) * k - 1; // origin reversed: origin[::-1][j]
        }
        install(t);
    }

    @Override
    public StepOutput step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        int t = timesteps[index];
        boolean last = index == timesteps.length - 1;
        int prevT = last ? t : timesteps[index + 1];
        double alphaPrev = alphaProd(prevT);
        double scaled = t * timestepScaling;
        double cSkip = SIGMA_DATA * SIGMA_DATA / (scaled * scaled + SIGMA_DATA * SIGMA_DATA);
        double cOut = scaled / Math.sqrt(scaled * scaled + SIGMA_DATA * SIGMA_DATA);
        float[] x0 = predictOriginal(modelOutput, sample, t, clipRange);
        float[] denoised = new float[sample.length];
        for (int i = 0; i < denoised.length; i++) {
            denoised[i] = (float) (cOut * x0[i] + cSkip * sample[i]);
        }
        if (last) {
            return new StepOutput(denoised.clone(), denoised);
        }
        float[] z = noise.stepNoise(sample.length);
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = (float) (Math.sqrt(alphaPrev) * denoised[i] + Math.sqrt(1 - alphaPrev) * z[i]);
        }
        return new StepOutput(prev, denoised);
    }
}
