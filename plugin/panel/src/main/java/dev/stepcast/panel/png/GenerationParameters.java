package dev.stepcast.panel.png;

import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.SchedulerKind;
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

    /**
     * The parameters of {@code request} as A1111 writes them: the sampler split into "Sampler" and "Schedule type"
     * (A1111 ≥ 1.9: "DPM++ 2M" + "Karras"), {@code RNG} (A1111's "NV"/"CPU", or Stepcast's source name),
     * {@code Emphasis: None} when emphasis was off and a prompt has brackets (as A1111 writes its emphasis mode), the
     * checkpoint the request names (a server's) or else {@code modelName} as "Model".
     *
     * @param sampler   the sampler that ran (the request's, or the model's default), or {@code null} if unknown
     * @param modelName the local model's display name, or {@code null}
     */
    public static GenerationParameters of(GenerationRequest request, SchedulerKind sampler, String modelName) {
        return of(request, sampler, modelName, java.util.Optional.of(request.compat().rng()));
    }

    /**
     * The parameters of {@code request} as {@link #of(GenerationRequest, SchedulerKind, String)} writes them, with
     * the noise source that really drew the noise ({@code Backend.noiseSource}: ComfyUI's is always torch-cpu, "CPU");
     * no {@code RNG} key when it is unknown (a server that used its own generator).
     */
    public static GenerationParameters of(GenerationRequest request, SchedulerKind sampler, String modelName,
                                          java.util.Optional<NoiseSource> rngUsed) {
        Map<String, String> extras = new LinkedHashMap<>();
        String samplerName = null;
        if (sampler != null) {
            samplerName = sampler.displayName();
            if (samplerName.endsWith(" Karras")) {
                samplerName = samplerName.substring(0, samplerName.length() - " Karras".length());
                extras.put("Schedule type", "Karras");
            }
        }
        rngUsed.ifPresent(rng -> extras.put("RNG", rng.parameterValue()));
        // A1111 notes its emphasis mode when it is not the default and a prompt has brackets it would have weighted
        if (!request.compat().emphasis() && (hasBrackets(request.prompt()) || hasBrackets(request.negativePrompt()))) {
            extras.put("Emphasis", "None");
        }
        String model = request.checkpoint() != null ? request.checkpoint() : modelName;
        return new GenerationParameters(request.prompt(), request.negativePrompt(), request.steps(), samplerName,
                request.guidanceScale(), request.seed(), request.width(), request.height(), model,
                request.isImageToImage() ? (double) request.strength() : null, extras);
    }

    private static boolean hasBrackets(String text) {
        return text != null && (text.indexOf('(') >= 0 || text.indexOf('[') >= 0);
    }

    /**
     * The sampler these parameters name, reading both A1111's old "DPM++ 2M Karras" and the split "Sampler:
     * DPM++ 2M, Schedule type: Karras"; empty when Stepcast has no such sampler.
     */
    public java.util.Optional<SchedulerKind> samplerKind() {
        if (sampler == null) {
            return java.util.Optional.empty();
        }
        String schedule = extras.get("Schedule type");
        if (schedule != null && !schedule.equalsIgnoreCase("Automatic")) {
            java.util.Optional<SchedulerKind> split = SchedulerKind.parse(sampler + " " + schedule);
            if (split.isPresent()) {
                return split;
            }
        }
        return SchedulerKind.parse(sampler);
    }

    /** The noise source the {@code RNG} key names ("NV", "CPU", "numpy" …), empty when absent or unknown. */
    public java.util.Optional<NoiseSource> noiseSource() {
        return NoiseSource.fromParameterValue(extras.get("RNG"));
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
