package dev.stepcast.engine.scheduler;

/**
 * The common part of the integer-timestep schedulers that work on ᾱ directly (DDIM, PNDM, LCM): the sample is
 * {@code √ᾱ·x0 + √(1−ᾱ)·ε}, the UNet input is the sample itself and the initial noise is not scaled. Reads
 * {@code set_alpha_to_one} (the ᾱ "before" timestep 0: 1.0, or {@code alphas_cumprod[0]}) besides the keys of
 * {@link NoiseSchedule}.
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
abstract class AlphaScheduler implements Scheduler {

    protected final NoiseSchedule schedule;
    protected final double finalAlphaCumprod;
    protected int[] timesteps = new int[0];
    protected int beginIndex;

    AlphaScheduler(SchedulerConfig config, NoiseSchedule.Defaults defaults, boolean setAlphaToOneDefault) {
        this.schedule = new NoiseSchedule(config, defaults);
        this.finalAlphaCumprod = config.flag("set_alpha_to_one", setAlphaToOneDefault)
                ? 1.0 : schedule.alphasCumprod[0];
    }

    /**
     * Installs a new schedule and clears the multistep state. Timesteps past the last trained one are clamped to it:
     * "leading" spacing with {@code steps_offset: 1} (SD's configs) puts the first of 1000 steps at 1000, one past
     * ᾱ's end (diffusers would index out of bounds there too).
     */
    protected void install(double[] descending) {
        timesteps = new int[descending.length];
        int last = schedule.trainTimesteps - 1;
        for (int i = 0; i < timesteps.length; i++) {
            timesteps[i] = Math.min((int) descending[i], last);
        }
        beginIndex = 0;
    }

    /**
     * ᾱ at {@code timestep}, or the final ᾱ when the timestep is below 0 (past the end of the schedule); a timestep
     * past the last trained one (PLMS's second call looks one step ratio ahead of the first) reads the last ᾱ.
     */
    protected double alphaProd(int timestep) {
        return timestep >= 0 ? schedule.alphasCumprod[Math.min(timestep, schedule.trainTimesteps - 1)]
                : finalAlphaCumprod;
    }

    @Override
    public float[] timesteps() {
        float[] out = new float[timesteps.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = timesteps[i];
        }
        return out;
    }

    @Override
    public float sigma(int index) {
        return (float) schedule.sigmas[timesteps[index]];
    }

    @Override
    public float initNoiseSigma() {
        return 1f;
    }

    @Override
    public float modelInputScale(int index) {
        return 1f;
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public void setBeginIndex(int index) {
        beginIndex = index;
    }

    /** diffusers' {@code add_noise}: {@code √ᾱ_t·x0 + √(1−ᾱ_t)·noise} at the timestep of call {@code index}. */
    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        double a = schedule.alphasCumprod[timesteps[index]];
        double sa = Math.sqrt(a);
        double sb = Math.sqrt(1 - a);
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sa * original[i] + sb * noise[i]);
        }
        return out;
    }

    /** x0 from the model output at {@code timestep} (epsilon, v_prediction or sample), optionally clipped. */
    protected float[] predictOriginal(float[] modelOutput, float[] sample, int timestep, double clipRange) {
        double a = schedule.alphasCumprod[timestep];
        float[] x0 = new float[sample.length];
        for (int i = 0; i < x0.length; i++) {
            double v = schedule.predictOriginal(modelOutput[i], sample[i], a);
            x0[i] = (float) (clipRange > 0 ? Math.max(-clipRange, Math.min(clipRange, v)) : v);
        }
        return x0;
    }
}
