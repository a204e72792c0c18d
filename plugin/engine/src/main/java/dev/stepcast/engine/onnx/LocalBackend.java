package dev.stepcast.engine.onnx;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.engine.StepListener;
import java.util.Arrays;
import java.util.List;

/**
 * The local ONNX Runtime engine as a {@link Backend}: one loaded {@link StableDiffusionModel}. Step events carry
 * latents; previews are decoded on this computer.
 *
 * <p><b>Threads:</b> as {@link StableDiffusionModel}: thread-safe, one generation at a time.
 */
public final class LocalBackend implements Backend {

    private final StableDiffusionModel model;

    public LocalBackend(StableDiffusionModel model) {
        this.model = model;
    }

    /** The model this backend runs (local previews decode with it). */
    public StableDiffusionModel model() {
        return model;
    }

    @Override
    public String describe() {
        return model.provider().summary();
    }

    @Override
    public List<String> checkpoints() {
        return List.of(model.info().displayName());
    }

    @Override
    public List<String> samplers() {
        return Arrays.stream(SchedulerKind.values()).map(SchedulerKind::toString).toList();
    }

    @Override
    public GenerationResult generate(GenerationRequest request, StepListener listener, CancellationToken cancel)
            throws ModelException, GenerationCancelledException {
        return model.generate(request, listener, cancel);
    }

    /** Closes the model's sessions. */
    @Override
    public void close() {
        model.close();
    }
}
