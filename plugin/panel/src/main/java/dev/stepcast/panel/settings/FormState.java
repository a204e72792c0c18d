package dev.stepcast.panel.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.stepcast.engine.NoiseSource;

/**
 * The generation form as the user left it: restored at the next start.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param prompt         the prompt
 * @param negativePrompt the negative prompt
 * @param steps          inference steps, 1–150
 * @param cfgScale       guidance scale, 1–30
 * @param sampler        the A1111 sampler name ("Euler a", …)
 * @param width          image width in pixels (kept even when not a multiple of 8: the form shows why)
 * @param height         image height in pixels
 * @param randomSeed     whether each generation draws a new seed
 * @param seed           the fixed seed (used when {@code randomSeed} is false)
 * @param batchCount     images per Generate, 1–16
 * @param imageToImage   whether the source is the active layer/selection
 * @param strength       img2img strength, 0.05–1
 * @param rng            the noise source's id ("a1111-nv", "torch-cpu", "numpy", "stepcast")
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FormState(String prompt, String negativePrompt, int steps, double cfgScale, String sampler,
                        int width, int height, boolean randomSeed, long seed, int batchCount,
                        boolean imageToImage, double strength, String rng) {

    /** A form without a noise source (the default, a1111-nv). */
    public FormState(String prompt, String negativePrompt, int steps, double cfgScale, String sampler,
                     int width, int height, boolean randomSeed, long seed, int batchCount,
                     boolean imageToImage, double strength) {
        this(prompt, negativePrompt, steps, cfgScale, sampler, width, height, randomSeed, seed, batchCount,
                imageToImage, strength, null);
    }

    public FormState {
        prompt = prompt == null ? "" : prompt;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        steps = steps <= 0 ? 20 : Math.min(150, steps);
        cfgScale = cfgScale <= 0 || !Double.isFinite(cfgScale) ? 7.5 : Math.max(1, Math.min(30, cfgScale));
        sampler = sampler == null || sampler.isBlank() ? "Euler a" : sampler;
        width = width <= 0 ? 512 : Math.min(4096, width);
        height = height <= 0 ? 512 : Math.min(4096, height);
        batchCount = batchCount <= 0 ? 1 : Math.min(16, batchCount);
        NoiseSource source = NoiseSource.byId(rng).orElse(null);
        if (source == null && rng != null) {
            System.getLogger(FormState.class.getName()).log(System.Logger.Level.WARNING, "Unknown noise source \""
                    + rng + "\" in the settings; using \"" + NoiseSource.DEFAULT.id() + "\"");
        }
        rng = (source == null ? NoiseSource.DEFAULT : source).id();
        strength = strength <= 0 || !Double.isFinite(strength) ? 0.75 : Math.max(0.05, Math.min(1, strength));
    }

    /** The form of a first run: an empty prompt, 20 steps, CFG 7.5, Euler a, 512×512, random seed. */
    public static FormState defaults() {
        return new FormState("", "", 20, 7.5, "Euler a", 512, 512, true, 0, 1, false, 0.75);
    }
}
