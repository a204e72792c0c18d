package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;

import dev.stepcast.engine.SchedulerKind;
/**
 * Ancestral Euler sampling, as diffusers' {@code EulerAncestralDiscreteScheduler}: an Euler step down to
 * {@code σ_down}, then fresh noise of size {@code σ_up} from the run's {@link GaussianNoise#stepNoise} (drawn at every
 * step, the last one included, in NCHW order). diffusers refuses {@code prediction_type} "sample" here; this class
 * accepts it (x0 = model output), which is the same formula its siblings use.
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
final class EulerAncestralScheduler extends SigmaScheduler {

    EulerAncestralScheduler(SchedulerConfig config) {
        super(config, false);
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.EULER_ANCESTRAL;
    }

    @Override
    public StepOutput step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        float[] x0 = predictOriginal(modelOutput, sample, index);
        double sigmaFrom = sigmas[index];
        double sigmaTo = sigmas[index + 1];
        double sigmaUp = Math.sqrt(sigmaTo * sigmaTo * (sigmaFrom * sigmaFrom - sigmaTo * sigmaTo)
                / (sigmaFrom * sigmaFrom));
        double sigmaDown = Math.sqrt(sigmaTo * sigmaTo - sigmaUp * sigmaUp);
        double dt = sigmaDown - sigmaFrom;
        float[] z = noise.stepNoise(sample.length);
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            double derivative = (sample[i] - x0[i]) / sigmaFrom;
            prev[i] = (float) (sample[i] + derivative * dt + z[i] * sigmaUp);
        }
        return new StepOutput(prev, x0);
    }
}
