package dev.stepcast.engine;

import java.util.Objects;

/**
 * Which execution provider was asked for, which one runs the model, and why they differ.
 *
 * @param requested what the user asked for (may be {@link ExecutionProvider#AUTO})
 * @param used      what actually runs the sessions (never AUTO)
 * @param reason    why {@code used} was chosen, e.g. "CUDA not available in this ONNX Runtime build"; empty when
 *                  the request was met as asked
 */
public record ProviderReport(ExecutionProvider requested, ExecutionProvider used, String reason) {

    public ProviderReport {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(used, "used");
        reason = reason == null ? "" : reason;
        if (used == ExecutionProvider.AUTO) {
            throw new IllegalArgumentException("the provider used must be concrete, not AUTO");
        }
    }

    /** Whether a requested accelerator could not be used and the sessions run on the CPU instead. */
    public boolean fellBack() {
        return requested != ExecutionProvider.AUTO && requested != used;
    }

    /** One line for users, e.g. "CPU — CUDA not available: …" or "CUDA". */
    public String summary() {
        return reason.isEmpty() ? used.displayName() : used.displayName() + " — " + reason;
    }

    @Override
    public String toString() {
        return summary();
    }
}
