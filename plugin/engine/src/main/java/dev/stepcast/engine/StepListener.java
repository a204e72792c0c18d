package dev.stepcast.engine;

/**
 * Told about every denoising step.
 *
 * <p><b>Threads:</b> called on the thread that runs the generation, between steps. It must return quickly: the
 * sampling loop waits for it. Hand heavy work (decoding a preview) to another thread with a copy of the tensor.
 */
@FunctionalInterface
public interface StepListener {

    /** A listener that ignores every step. */
    StepListener NONE = event -> { };

    /** Called after step {@code event.step()} of {@code event.totalSteps()}. */
    void onStep(StepEvent event);
}
