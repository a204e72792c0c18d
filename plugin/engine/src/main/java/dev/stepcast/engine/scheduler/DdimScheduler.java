package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;

import dev.stepcast.engine.SchedulerKind;
/**
 * Deterministic DDIM (η = 0), as diffusers' {@code DDIMScheduler}: {@code x' = √ᾱ_prev·x0 + √(1−ᾱ_prev)·ε}, where
 * the previous timestep is {@code t − N/n} and the step below timestep 0 uses 1.0 or {@code alphas_cumprod[0]}
 * ({@code set_alpha_to_one}, default true). Reads {@code clip_sample} (default true) and {@code clip_sample_range}
 * (default 1.0) besides the keys of {@link AlphaScheduler}. Default spacing "leading", betas linear 0.0001–0.02.
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
final class DdimScheduler extends AlphaScheduler {

    private final double clipRange;
    private int numInferenceSteps = 1;

    DdimScheduler(SchedulerConfig config) {
        super(config, NoiseSchedule.Defaults.LEADING, true);
        this.clipRange = config.flag("clip_sample", true) ? config.number("clip_sample_range", 1.0) : 0;
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.DDIM;
    }

    @Override
    public void setTimesteps(int numInferenceSteps) {
        Schedulers.checkSteps(numInferenceSteps, schedule);
        this.numInferenceSteps = numInferenceSteps;
        install(Timesteps.discrete(schedule, numInferenceSteps));
    }

    @Override
    public StepOutput step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        int t = timesteps[index];
        int prevT = t - schedule.trainTimesteps / numInferenceSteps;
        double alphaT = alphaProd(t);
        double alphaPrev = alphaProd(prevT);
        float[] x0 = predictOriginal(modelOutput, sample, t, clipRange);
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            // diffusers computes pred_epsilon from the unclipped prediction
            double eps = epsilon(modelOutput[i], sample[i], alphaT);
            prev[i] = (float) (Math.sqrt(alphaPrev) * x0[i] + Math.sqrt(1 - alphaPrev) * eps);
        }
        return new StepOutput(prev, x0);
    }

    private double epsilon(double modelOutput, double sample, double alphaT) {
        return switch (schedule.predictionType) {
            case "v_prediction" -> Math.sqrt(alphaT) * modelOutput + Math.sqrt(1 - alphaT) * sample;
            case "sample" -> (sample - Math.sqrt(alphaT) * modelOutput) / Math.sqrt(1 - alphaT);
            default -> modelOutput;
        };
    }
}
