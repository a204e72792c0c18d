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

    /**
     * Whether a preview of {@code step} would be used now (previews on, due at this step, and the user can see them
     * or asked to keep them refreshing). Remote backends ask before they make a server encode a preview (sdapi's
     * {@code skip_current_image}) and before they decode a pushed frame. Must return at once; any thread.
     */
    default boolean wantsPreview(int step) {
        return true;
    }
}
