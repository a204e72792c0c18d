package dev.stepcast.engine;

import dev.stepcast.engine.scheduler.SchedulerKind;
import java.awt.image.BufferedImage;

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
 */
public record GenerationResult(BufferedImage image, FloatTensor latents, GenerationRequest request,
                               SchedulerKind scheduler, String provider, int stepsRun,
                               long totalNanos, long denoiseNanos) {

    /** Seconds per denoising step. */
    public double secondsPerStep() {
        return stepsRun == 0 ? 0 : denoiseNanos / 1e9 / stepsRun;
    }
}
