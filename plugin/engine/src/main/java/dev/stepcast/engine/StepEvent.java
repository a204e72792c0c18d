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
 * @param preview     an already-encoded preview image of this step from a server, or {@code null}. Local runs
 *                    carry latents instead; a remote step carries {@code null} latents, NaN timestep and sigma, and
 *                    a preview only when {@link StepListener#wantsPreview} asked for one and the server sent one.
 */
public record StepEvent(int step, int totalSteps, float timestep, float sigma,
                        FloatTensor latents, FloatTensor predictedX0, long elapsedNanos, EncodedImage preview) {

    /** A local step: latents, no encoded preview. */
    public StepEvent(int step, int totalSteps, float timestep, float sigma,
                     FloatTensor latents, FloatTensor predictedX0, long elapsedNanos) {
        this(step, totalSteps, timestep, sigma, latents, predictedX0, elapsedNanos, null);
    }

    /** A step reported by a server: progress, and an encoded preview when one came ({@code null} otherwise). */
    public static StepEvent remote(int step, int totalSteps, long elapsedNanos, EncodedImage preview) {
        return new StepEvent(step, totalSteps, Float.NaN, Float.NaN, null, null, elapsedNanos, preview);
    }

    /** Whether this step carries latents (a local run) that a previewer can decode. */
    public boolean hasLatents() {
        return predictedX0 != null;
    }
}
