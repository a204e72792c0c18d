package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;

import dev.stepcast.engine.SchedulerKind;
/**
 * A diffusion sampler, computed as the diffusers class named by {@link SchedulerKind#diffusersClass()} does.
 * Latents are flat row-major float arrays ({@code [1, C, h, w]}), in the UNet's scaling.
 *
 * <p>Use, as diffusers' pipelines do:
 * <pre>{@code
 * scheduler.setTimesteps(steps);
 * float[] t = scheduler.timesteps();            // one entry per UNet call
 * latents = noise × scheduler.initNoiseSigma();  // txt2img; img2img: setBeginIndex + addNoise
 * for (int i = begin; i < t.length; i++) {
 *     input = latents × scheduler.modelInputScale(i);
 *     eps = unet(input, t[i]);  guidance;
 *     StepOutput out = scheduler.step(eps, i, latents, noise);
 *     latents = out.prevSample();              // out.predOriginalSample() feeds previews
 * }
 * }</pre>
 *
 * <p><b>Threads:</b> stateful and not thread-safe; one generation uses one instance on its own thread.
 */
public interface Scheduler {

    /** Which sampler this is. */
    SchedulerKind kind();

    /** Sets the schedule for {@code numInferenceSteps} and resets all multistep state (begin index 0). */
    void setTimesteps(int numInferenceSteps);

    /**
     * The UNet timestep of each model call, in order (training timesteps, 0 … 999 for SD); fractional for Euler-type
     * schedulers; PNDM has N+1 entries (N+9 with its Runge–Kutta warm-up, when the config lacks
     * {@code skip_prk_steps}). A fresh copy on every call.
     */
    float[] timesteps();

    /** The noise level σ (σ-space, {@code √((1−ᾱ)/ᾱ)}) at model call {@code index}, for step events and previews. */
    float sigma(int index);

    /** What the initial standard normal noise is multiplied by (after {@link #setTimesteps}). */
    float initNoiseSigma();

    /** The model input at call {@code index} is {@code sample × modelInputScale(index)}: {@code 1/√(σ²+1)} or 1. */
    float modelInputScale(int index);

    /**
     * One denoising step at model call {@code index} (absolute index into {@link #timesteps()}).
     *
     * @param modelOutput the UNet's output after guidance (ε, v or x0 as the config's prediction type says)
     * @param sample      the current latents (not modified)
     * @param noise       the run's generator, for ancestral and LCM noise
     */
    StepOutput step(float[] modelOutput, int index, float[] sample, GaussianNoise noise);

    /** The number of model calls one step of the underlying method takes (diffusers' {@code order}). */
    int order();

    /** Starts the schedule at model call {@code index} (img2img; diffusers' {@code set_begin_index}). */
    void setBeginIndex(int index);

    /** {@code original} noised to the level of model call {@code index} (diffusers' {@code add_noise}). */
    float[] addNoise(float[] original, float[] noise, int index);

    /**
     * The result of {@link #step}.
     *
     * @param prevSample          the latents for the next call
     * @param predOriginalSample  the predicted clean latents x0 at this step
     */
    record StepOutput(float[] prevSample, float[] predOriginalSample) {
    }
}
