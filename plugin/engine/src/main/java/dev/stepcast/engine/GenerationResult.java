package dev.stepcast.engine;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The outcome of a finished generation.
 *
 * @param image          the decoded image, {@code width × height}, TYPE_INT_RGB
 * @param latents        the final latents {@code [1, C, H/8, W/8]} (heap copy, UNet scaling)
 * @param request        the request as run
 * @param scheduler      the scheduler actually used (the model's default when the request named none)
 * @param provider       the execution provider that ran the UNet, e.g. "CPU" or "CUDA"
 * @param stepsRun       the number of denoising steps actually run
 * @param totalNanos     wall time of the whole run, text encoding to decoded image, in nanoseconds
 * @param denoiseNanos   wall time of the denoising loop alone, in nanoseconds
 * @param warnings       things the user should know about the run, e.g. "the prompt was truncated to 75 tokens"
 */
public record GenerationResult(BufferedImage image, FloatTensor latents, GenerationRequest request,
                               SchedulerKind scheduler, String provider, int stepsRun,
                               long totalNanos, long denoiseNanos, List<String> warnings) {

    public GenerationResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A result without warnings (the original constructor, kept for callers written against it). */
    public GenerationResult(BufferedImage image, FloatTensor latents, GenerationRequest request,
                            SchedulerKind scheduler, String provider, int stepsRun,
                            long totalNanos, long denoiseNanos) {
        this(image, latents, request, scheduler, provider, stepsRun, totalNanos, denoiseNanos, List.of());
    }

    /** Seconds per denoising step. */
    public double secondsPerStep() {
        return stepsRun == 0 ? 0 : denoiseNanos / 1e9 / stepsRun;
    }
}
