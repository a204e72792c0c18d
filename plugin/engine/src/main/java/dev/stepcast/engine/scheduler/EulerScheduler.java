package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;

import dev.stepcast.engine.SchedulerKind;
/**
 * Euler's method in σ-space, as diffusers' {@code EulerDiscreteScheduler} with {@code s_churn = 0} (deterministic):
 * {@code x0 = x − σ·ε}, {@code d = (x − x0)/σ}, {@code x' = x + d·(σ_next − σ)}.
 * Reads {@code use_karras_sigmas} besides the keys of {@link NoiseSchedule}.
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
final class EulerScheduler extends SigmaScheduler {

    EulerScheduler(SchedulerConfig config) {
        super(config, config.flag("use_karras_sigmas", false));
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.EULER;
    }

    @Override
    public StepOutput step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        float[] x0 = predictOriginal(modelOutput, sample, index);
        double sigma = sigmas[index];
        double dt = sigmas[index + 1] - sigma;
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            double derivative = (sample[i] - x0[i]) / sigma;
            prev[i] = (float) (sample[i] + derivative * dt);
        }
        return new StepOutput(prev, x0);
    }
}
