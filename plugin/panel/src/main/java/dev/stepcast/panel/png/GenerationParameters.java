package dev.stepcast.panel.png;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings an image was made with, as A1111's {@code parameters} text chunk records them: what Stepcast writes into
 * every PNG and reads back from any PNG dropped on the panel.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param prompt            the prompt (may span lines)
 * @param negativePrompt    the negative prompt, "" for none
 * @param steps             inference steps
 * @param sampler           the A1111 sampler name, e.g. "Euler a" (see {@code SchedulerKind.displayName()}), or
 *                          {@code null} when unknown
 * @param cfgScale          classifier-free guidance scale
 * @param seed              the seed
 * @param width             image width in pixels
 * @param height            image height in pixels
 * @param model             the model's display name, or {@code null}
 * @param denoisingStrength img2img strength in (0, 1], or {@code null} for text to image
 * @param extras            further "Key: value" pairs kept as read (e.g. "Model hash"), in order; never {@code null}
 */
public record GenerationParameters(String prompt, String negativePrompt, int steps, String sampler, double cfgScale,
                                   long seed, int width, int height, String model, Double denoisingStrength,
                                   Map<String, String> extras) {

    public GenerationParameters {
        Objects.requireNonNull(prompt, "prompt");
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        extras = extras == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /** Parameters without extras. */
    public GenerationParameters(String prompt, String negativePrompt, int steps, String sampler, double cfgScale,
                                long seed, int width, int height, String model, Double denoisingStrength) {
        this(prompt, negativePrompt, steps, sampler, cfgScale, seed, width, height, model, denoisingStrength, Map.of());
    }

    /** The same parameters with another seed. */
    public GenerationParameters withSeed(long newSeed) {
        return new GenerationParameters(prompt, negativePrompt, steps, sampler, cfgScale, newSeed, width, height, model,
                denoisingStrength, extras);
    }

    /** The same parameters with another prompt. */
    public GenerationParameters withPrompt(String newPrompt) {
        return new GenerationParameters(newPrompt, negativePrompt, steps, sampler, cfgScale, seed, width, height, model,
                denoisingStrength, extras);
    }
}
