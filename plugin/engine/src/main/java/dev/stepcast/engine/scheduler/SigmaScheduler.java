package dev.stepcast.engine.scheduler;

/**
 * The common part of the σ-space schedulers (Euler, Euler a, LMS): the sample is {@code x0 + σ·ε}, the UNet sees
 * {@code x/√(σ²+1)} at a fractional timestep, and the schedule ends at σ = 0. Timesteps and sigmas as diffusers'
 * {@code EulerDiscreteScheduler.set_timesteps} computes them (linear interpolation of the training sigmas, optional
 * Karras sigmas mapped back to fractional timesteps).
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
abstract class SigmaScheduler implements Scheduler {

    protected final NoiseSchedule schedule;
    private final boolean karras;
    private float[] timesteps = new float[0];
    /** One sigma per model call plus the final 0. */
    protected double[] sigmas = {0};
    protected int beginIndex;

    SigmaScheduler(SchedulerConfig config, boolean karras) {
        this.schedule = new NoiseSchedule(config, NoiseSchedule.Defaults.LINSPACE);
        this.karras = karras;
    }

    @Override
    public void setTimesteps(int numInferenceSteps) {
        Schedulers.checkSteps(numInferenceSteps, schedule);
        double[] t = switch (schedule.timestepSpacing) {
            case "linspace" -> Timesteps.linspaceDescending(schedule.trainTimesteps, numInferenceSteps);
            case "trailing" -> Timesteps.trailing(schedule.trainTimesteps, numInferenceSteps);
            default -> Timesteps.leading(schedule.trainTimesteps, numInferenceSteps, schedule.stepsOffset);
        };
        float[] ts = Timesteps.toFloat(t); // np.float32 timesteps, interpolated as such
        double[] s = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            s[i] = schedule.sigmaAt(ts[i]);
        }
        if (karras) {
            s = NoiseSchedule.karrasSigmas(s[0], s[s.length - 1], numInferenceSteps);
            for (int i = 0; i < s.length; i++) {
                ts[i] = (float) schedule.sigmaToTimestep(s[i]);
            }
        }
        timesteps = ts;
        sigmas = new double[s.length + 1];
        System.arraycopy(s, 0, sigmas, 0, s.length);
        beginIndex = 0;
        resetState();
    }

    /** Clears any multistep state (called by {@link #setTimesteps}). */
    protected void resetState() {
    }

    @Override
    public float[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public float sigma(int index) {
        return (float) sigmas[index];
    }

    /** σ_max for "linspace"/"trailing", √(σ_max²+1) for "leading" (diffusers' {@code init_noise_sigma}). */
    @Override
    public float initNoiseSigma() {
        double max = sigmas[0];
        for (double s : sigmas) {
            max = Math.max(max, s);
        }
        boolean leading = !"linspace".equals(schedule.timestepSpacing)
                && !"trailing".equals(schedule.timestepSpacing);
        return (float) (leading ? Math.sqrt(max * max + 1) : max);
    }

    @Override
    public float modelInputScale(int index) {
        double s = sigmas[index];
        return (float) (1.0 / Math.sqrt(s * s + 1));
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public void setBeginIndex(int index) {
        beginIndex = index;
    }

    /** diffusers' {@code add_noise}: {@code x0 + σ·noise}. */
    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        double s = sigmas[index];
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (original[i] + s * noise[i]);
        }
        return out;
    }

    /** x0 predicted at call {@code index} (epsilon, v_prediction or sample). */
    protected float[] predictOriginal(float[] modelOutput, float[] sample, int index) {
        double s = sigmas[index];
        float[] x0 = new float[sample.length];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = (float) schedule.predictOriginalSigma(modelOutput[i], sample[i], s);
        }
        return x0;
    }
}
