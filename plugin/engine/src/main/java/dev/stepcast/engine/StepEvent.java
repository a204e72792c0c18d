package dev.stepcast.engine;

/**
 * What the engine reports after each denoising step.
 *
 * @param step        the step just finished, 1-based ({@code 1 … totalSteps})
 * @param totalSteps  the number of steps this run makes (after img2img strength is applied)
 * @param timestep    the UNet timestep of this step (fractional for Euler-type schedulers), in [0, 1000)
 * @param sigma       the noise level σ of this step ({@code √((1−ᾱ)/ᾱ)}) in σ-space
 * @param latents     the latents after the step, {@code [1, C, H/8, W/8]}, scaled by the VAE scaling factor as the
 *                    UNet sees them; a view valid only during the listener call ({@link FloatTensor#copy()} to keep)
 * @param predictedX0 the scheduler's predicted clean latents x0 at this step (same shape and scaling); a view valid
 *                    only during the listener call. This is what previews decode.
 * @param elapsedNanos wall time since the run started (after model loading and text encoding), in nanoseconds
 */
public record StepEvent(int step, int totalSteps, float timestep, float sigma,
                        FloatTensor latents, FloatTensor predictedX0, long elapsedNanos) {
}
