package dev.stepcast.panel;

import dev.stepcast.panel.parts.ParametersPart;
import dev.stepcast.panel.parts.PromptArea;
import dev.stepcast.panel.parts.SourcePart;
import dev.stepcast.panel.png.GenerationParameters;
import dev.stepcast.panel.settings.FormState;

/**
 * Moves values between the form's parts and a {@link FormState} (kept in the settings) or a PNG's
 * {@link GenerationParameters} (Reuse, or a PNG dropped on the panel).
 *
 * <p><b>Threads:</b> EDT only.
 */
final class FormBinding {

    private final PromptArea prompts;
    private final ParametersPart parameters;
    private final SourcePart source;

    FormBinding(PromptArea prompts, ParametersPart parameters, SourcePart source) {
        this.prompts = prompts;
        this.parameters = parameters;
        this.source = source;
    }

    /** The form as it is now. */
    FormState read() {
        return new FormState(prompts.promptField().getText(), prompts.negativeField().getText(), parameters.steps(),
                parameters.cfgScale(), parameters.sampler().displayName(),
                parameters.sizeField().widthValue().orElse(512), parameters.sizeField().heightValue().orElse(512),
                parameters.isRandomSeed(), parameters.fixedSeed().orElse(0), parameters.batchCount(),
                source.isImageToImage(), source.strength(), parameters.noiseSource().id());
    }

    /** Shows {@code f} in the form. */
    void show(FormState f) {
        prompts.setPrompts(f.prompt(), f.negativePrompt());
        parameters.apply(f);
        source.setImageToImage(f.imageToImage());
        source.setStrength(f.strength());
    }

    /**
     * Restores a result's or a PNG's parameters: prompts, steps, CFG, sampler, size and the seed (fixed); for an
     * img2img result also the strength and the mode.
     *
     * @return a note for the user about what could not be restored, or {@code null}
     */
    String restore(GenerationParameters p) {
        prompts.setPrompts(p.prompt(), p.negativePrompt());
        parameters.setStepsAndCfg(p.steps() > 0 ? p.steps() : 20, p.cfgScale() > 0 ? p.cfgScale() : 7.5);
        if (p.width() > 0 && p.height() > 0) {
            parameters.sizeField().setSize(p.width(), p.height());
        }
        if (p.seed() >= 0) {
            parameters.setFixedSeed(p.seed());
        }
        p.noiseSource().ifPresent(parameters::setNoiseSource);
        if (p.denoisingStrength() != null) {
            source.setImageToImage(true);
            source.setStrength(p.denoisingStrength());
        }
        return restoreSampler(p);
    }

    private String restoreSampler(GenerationParameters p) {
        if (p.sampler() == null) {
            return null;
        }
        // A1111 ≥ 1.9 writes "Sampler: DPM++ 2M, Schedule type: Karras"; older versions "DPM++ 2M Karras".
        String schedule = p.extras().get("Schedule type");
        if (schedule != null && !schedule.equalsIgnoreCase("Automatic")
                && parameters.selectSampler(p.sampler() + " " + schedule)) {
            return null;
        }
        return parameters.selectSampler(p.sampler()) ? null
                : "Sampler \"" + p.sampler() + "\" is not available in Stepcast; the sampler was left as it was.";
    }
}
