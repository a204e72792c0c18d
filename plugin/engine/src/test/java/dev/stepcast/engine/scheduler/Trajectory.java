package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed toy denoising loop for scheduler tests, the same as the throwaway numpy reference that produced the
 * expected numbers: initial latents {@link #X_INIT} × initNoiseSigma, a "model" whose output is
 * {@code 0.1·input + C + 1e-4·t} (input = sample × modelInputScale, t = the call's timestep), and the
 * {@link GaussianNoise} of seed 42 for ancestral/LCM noise.
 */
final class Trajectory {

    static final float[] X_INIT = {0.8f, -1.2f, 0.3f, 1.5f};
    static final float[] C = {0.05f, -0.02f, 0.03f, 0.01f};

    private Trajectory() {
    }

    /** Runs every model call of {@code steps} inference steps; one output per call. */
    static List<Scheduler.StepOutput> run(Scheduler scheduler, int steps) {
        scheduler.setTimesteps(steps);
        float[] t = scheduler.timesteps();
        GaussianNoise noise = new GaussianNoise(42);
        float[] x = new float[X_INIT.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = X_INIT[i] * scheduler.initNoiseSigma();
        }
        List<Scheduler.StepOutput> out = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            Scheduler.StepOutput step = scheduler.step(model(x, scheduler.modelInputScale(i), t[i]), i, x, noise);
            out.add(step);
            x = step.prevSample();
        }
        return out;
    }

    /**
     * img2img as diffusers' pipelines do it: the clean latents {@link #X_INIT} noised with the first 4 draws of
     * seed 7 to the level of call {@code begin}, then the calls from {@code begin} on; returns the final latents.
     */
    static float[] runFrom(Scheduler scheduler, int steps, int begin) {
        scheduler.setTimesteps(steps);
        scheduler.setBeginIndex(begin);
        float[] t = scheduler.timesteps();
        GaussianNoise noise = new GaussianNoise(42);
        float[] x = scheduler.addNoise(X_INIT, new GaussianNoise(7).next(X_INIT.length), begin);
        for (int i = begin; i < t.length; i++) {
            x = scheduler.step(model(x, scheduler.modelInputScale(i), t[i]), i, x, noise).prevSample();
        }
        return x;
    }

    private static float[] model(float[] x, float scale, float timestep) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (0.1 * (x[i] * scale) + C[i] + 1e-4 * timestep);
        }
        return out;
    }
}
