package dev.stepcast.panel;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.CompatOptions;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.inpaint.InpaintPlan;
import dev.stepcast.host.EditorHost;
import dev.stepcast.panel.png.GenerationParameters;
import dev.stepcast.panel.settings.Settings;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Turns the form into work: the {@link RegionPlan} (where the result goes, the size to generate at, the source
 * pixels for Image to image) and one {@link GenerationController.Job} per image of the batch (seeds counting up from
 * the fixed or a random first seed), each with the form's noise source and the settings' long prompt and emphasis
 * choices ({@link CompatOptions}).
 *
 * <p><b>Threads:</b> EDT only (reads the form and the host).
 */
final class RequestBuilder {

    /** The form's default side when a size field is empty or invalid. */
    private static final int FALLBACK_SIDE = 512;

    private final StepcastPanel ui;
    private final EditorHost host;
    private final Supplier<Settings> settings;

    /** {@code settings}: the panel's settings now (how prompts are read: long prompts, emphasis). */
    RequestBuilder(StepcastPanel ui, EditorHost host, Supplier<Settings> settings) {
        this.ui = ui;
        this.host = host;
        this.settings = settings;
    }

    /** The plan for the form and the host's selection; empty for Image to image when the host has no image. */
    Optional<RegionPlan> plan() {
        if (ui.source.isInpaint()) {
            Optional<BufferedImage> image = host.activeImage();
            Optional<BufferedImage> mask = host.selectionMask();
            if (image.isEmpty() || mask.isEmpty() || InpaintPlan.isEmptyMask(mask.get())) {
                return Optional.empty();
            }
            return Optional.of(RegionPlan.inpaint(image.get(), ui.source.inpaintOptions(mask.get()), width(),
                    height()));
        }
        if (!ui.source.isImageToImage()) {
            return Optional.of(RegionPlan.of(host.selection().orElse(null), width(), height(), null));
        }
        Optional<BufferedImage> image = host.activeImage();
        return image.map(i -> RegionPlan.imageToImage(i, host.selection().orElse(null), width(), height()));
    }

    /**
     * The size the painter gets when a selection changes it: "Output 768 × 664, fitted to the selection 411 × 354";
     * empty without a selection or when it is the form's size.
     */
    Optional<String> outputNote() {
        Optional<java.awt.Rectangle> selection = host.selection().filter(r -> !r.isEmpty());
        if (ui.source.isInpaint() || selection.isEmpty() || ui.parameters.sizeField().validationMessage().isPresent()) {
            return Optional.empty();
        }
        java.awt.Rectangle r = selection.get();
        RegionPlan plan = RegionPlan.of(r, width(), height(), null);
        if (plan.width() == width() && plan.height() == height()) {
            return Optional.empty();
        }
        return Optional.of("Output " + plan.width() + " × " + plan.height() + ", fitted to the selection "
                + r.width + " × " + r.height);
    }

    /** One job per image of the batch, for the model named {@code modelName} on this computer. */
    List<GenerationController.Job> jobs(RegionPlan plan, String modelName) {
        return jobs(plan, modelName, null, null);
    }

    /**
     * One job per image of the batch, for the model named {@code modelName}; {@code checkpoint} is the server
     * checkpoint the requests name ({@code null} for this computer's model). The PNG's {@code RNG} says what
     * {@code backend} really draws ({@code null}: the form's choice).
     */
    List<GenerationController.Job> jobs(RegionPlan plan, String modelName, String checkpoint, Backend backend) {
        long first = ui.parameters.isRandomSeed() ? ThreadLocalRandom.current().nextLong(1L << 32)
                : ui.parameters.fixedSeed().orElse(0);
        float strength = ui.source.strength();
        boolean i2i = plan.source() != null;
        InpaintOptions inpaint = plan.inpaint() == null ? null : ui.source.inpaintOptions(
                host.selectionMask().orElseThrow());
        CompatOptions compat = settings.get().compat().applyTo(CompatOptions.DEFAULTS.withRng(
                ui.parameters.noiseSource()));
        List<GenerationController.Job> jobs = new ArrayList<>();
        for (int i = 0; i < ui.parameters.batchCount(); i++) {
            long seed = first + i;
            GenerationRequest request = new GenerationRequest(ui.prompts.prompt(), ui.prompts.negativePrompt(),
                    plan.width(), plan.height(), ui.parameters.steps(), ui.parameters.cfgScale(),
                    ui.parameters.sampler(), seed, plan.source(), i2i ? strength : 1f, null)
                    .withCompat(compat).withInpaint(inpaint)
                    .withCheckpoint(checkpoint);
            GenerationParameters params = GenerationParameters.of(request, request.scheduler(), modelName,
                    backend == null ? Optional.of(compat.rng()) : backend.noiseSource(compat.rng()));
            jobs.add(new GenerationController.Job(request, params, plan));
        }
        return jobs;
    }

    /**
     * What the painter should know once when {@code backend} does not draw the form's noise source: a server that
     * uses its own generator, or ComfyUI's CPU noise; empty when it draws it.
     */
    Optional<String> noiseNotice(Backend backend) {
        NoiseSource wanted = ui.parameters.noiseSource();
        Optional<NoiseSource> used = backend == null ? Optional.of(wanted) : backend.noiseSource(wanted);
        if (used.equals(Optional.of(wanted))) {
            return Optional.empty();
        }
        return Optional.of(used.map(u -> backend.describe() + " draws " + u.id() + " noise (RNG " + u.parameterValue()
                + "), not " + wanted.id() + ": a seed there gives " + u.id() + "'s images.")
                .orElse(backend.describe() + " uses its own RNG (a request cannot choose " + wanted.id()
                        + " there): a seed follows the server's generator setting, not " + wanted.id() + "."));
    }

    private int width() {
        return ui.parameters.sizeField().widthValue().orElse(FALLBACK_SIDE);
    }

    private int height() {
        return ui.parameters.sizeField().heightValue().orElse(FALLBACK_SIDE);
    }
}
