package dev.stepcast.engine;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One generation: text to image, or image to image when {@code initImage} is set.
 *
 * @param prompt         what to draw
 * @param negativePrompt what to steer away from ("" for none; the unconditional embedding)
 * @param width          image width in pixels, a multiple of 8
 * @param height         image height in pixels, a multiple of 8
 * @param steps          number of inference steps requested (img2img runs about {@code steps × strength} of them)
 * @param guidanceScale  classifier-free guidance scale; ≤ 1 skips the unconditional pass
 * @param scheduler      the sampler, or {@code null} for the model's own ({@code scheduler_config.json})
 * @param seed           the seed of the noise generator ({@link CompatOptions#rng()})
 * @param initImage      the source image for img2img (resized to {@code width × height}), or {@code null}
 * @param strength       img2img strength in (0, 1]: how much of the schedule is re-run; ignored for txt2img
 * @param initialLatents explicit initial noise {@code [1, C, height/8, width/8]} instead of seeded noise, or
 *                       {@code null}; unscaled standard normal noise, as drawn from the generator
 * @param checkpoint     the model a {@link Backend} should run, as its {@link Backend#checkpoints()} name it, or
 *                       {@code null} for the backend's current one (the local engine runs its loaded folder)
 * @param inpaint        inpainting: repaint only the masked part of {@code initImage} (the result keeps the source's
 *                       size and its pixels outside the mask), or {@code null} for none; needs {@code initImage}
 * @param compat         seeds, long prompts and prompt syntax as other tools use them ({@link CompatOptions};
 *                       {@code null} means {@link CompatOptions#DEFAULTS})
 */
public record GenerationRequest(String prompt, String negativePrompt, int width, int height, int steps,
                                float guidanceScale, SchedulerKind scheduler, long seed,
                                BufferedImage initImage, float strength, FloatTensor initialLatents,
                                String checkpoint, InpaintOptions inpaint, CompatOptions compat) {

    /** A request with {@link CompatOptions#DEFAULTS}. */
    public GenerationRequest(String prompt, String negativePrompt, int width, int height, int steps,
                             float guidanceScale, SchedulerKind scheduler, long seed,
                             BufferedImage initImage, float strength, FloatTensor initialLatents,
                             String checkpoint, InpaintOptions inpaint) {
        this(prompt, negativePrompt, width, height, steps, guidanceScale, scheduler, seed, initImage, strength,
                initialLatents, checkpoint, inpaint, null);
    }

    /** A request without inpainting. */
    public GenerationRequest(String prompt, String negativePrompt, int width, int height, int steps,
                             float guidanceScale, SchedulerKind scheduler, long seed,
                             BufferedImage initImage, float strength, FloatTensor initialLatents,
                             String checkpoint) {
        this(prompt, negativePrompt, width, height, steps, guidanceScale, scheduler, seed, initImage, strength,
                initialLatents, checkpoint, null);
    }

    /** A request for the backend's current checkpoint. */
    public GenerationRequest(String prompt, String negativePrompt, int width, int height, int steps,
                             float guidanceScale, SchedulerKind scheduler, long seed,
                             BufferedImage initImage, float strength, FloatTensor initialLatents) {
        this(prompt, negativePrompt, width, height, steps, guidanceScale, scheduler, seed, initImage, strength,
                initialLatents, null);
    }

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        compat = compat == null ? CompatOptions.DEFAULTS : compat;
        if (width <= 0 || width % 8 != 0) {
            throw new IllegalArgumentException("width " + width + " is not a positive multiple of 8");
        }
        if (height <= 0 || height % 8 != 0) {
            throw new IllegalArgumentException("height " + height + " is not a positive multiple of 8");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps " + steps + " must be at least 1");
        }
        if (!Float.isFinite(guidanceScale)) {
            throw new IllegalArgumentException("guidance scale " + guidanceScale + " is not a number");
        }
        if (initImage != null && !(strength > 0f && strength <= 1f)) {
            throw new IllegalArgumentException("strength " + strength + " must be in (0, 1]");
        }
        if (inpaint != null && initImage == null) {
            throw new IllegalArgumentException("inpainting needs a source image (initImage)");
        }
    }

    /** A text-to-image request with the model's own scheduler. */
    public static GenerationRequest txt2img(String prompt, String negativePrompt, int width, int height, int steps,
                                            float guidanceScale, long seed) {
        return new GenerationRequest(prompt, negativePrompt, width, height, steps, guidanceScale, null, seed,
                null, 1f, null);
    }

    public GenerationRequest withScheduler(SchedulerKind kind) {
        return new GenerationRequest(prompt, negativePrompt, width, height, steps, guidanceScale, kind, seed,
                initImage, strength, initialLatents, checkpoint, inpaint, compat);
    }

    public GenerationRequest withSeed(long newSeed) {
        return new GenerationRequest(prompt, negativePrompt, width, height, steps, guidanceScale, scheduler, newSeed,
                initImage, strength, initialLatents, checkpoint, inpaint, compat);
    }

    public GenerationRequest withInitImage(BufferedImage image, float newStrength) {
        return new GenerationRequest(prompt, negativePrompt, width, height, steps, guidanceScale, scheduler, seed,
                image, newStrength, initialLatents, checkpoint, inpaint, compat);
    }

    public GenerationRequest withInitialLatents(FloatTensor latents) {
        return new GenerationRequest(prompt, negativePrompt, width, height, steps, guidanceScale, scheduler, seed,
                initImage, strength, latents, checkpoint, inpaint, compat);
    }

    public GenerationRequest withCheckpoint(String name) {
        return new GenerationRequest(prompt, negativePrompt, width, height, steps, guidanceScale, scheduler, seed,
                initImage, strength, initialLatents, name, inpaint, compat);
    }

    /** This request inpainting {@code initImage} with {@code options} ({@code null}: plain image to image). */
    public GenerationRequest withInpaint(InpaintOptions options) {
        return new GenerationRequest(prompt, negativePrompt, width, height, steps, guidanceScale, scheduler, seed,
                initImage, strength, initialLatents, checkpoint, options, compat);
    }

    /** Whether this is an inpainting request. */
    public boolean isInpainting() {
        return inpaint != null;
    }

    public GenerationRequest withCompat(CompatOptions options) {
        return new GenerationRequest(prompt, negativePrompt, width, height, steps, guidanceScale, scheduler, seed,
                initImage, strength, initialLatents, checkpoint, inpaint, options);
    }

    /** Whether this is an image-to-image request. */
    public boolean isImageToImage() {
        return initImage != null;
    }

    /**
     * The denoising steps an image-to-image run makes: {@code min(int(steps·strength), steps)} (diffusers' and the
     * pipeline's {@code init_timestep}); a text-to-image run makes all {@code steps}.
     */
    public static int stepsRun(int steps, float strength) {
        return Math.min((int) (steps * strength), steps);
    }
}
