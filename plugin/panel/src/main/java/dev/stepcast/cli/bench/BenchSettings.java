package dev.stepcast.cli.bench;

import java.nio.file.Path;

/**
 * The bench's parameters.
 *
 * @param steps            steps per run
 * @param size             image size in pixels (square, multiple of 8)
 * @param runs             measured runs per scenario
 * @param fullInterval     N of the full-VAE scenario
 * @param inactiveInterval N of the inactive-host scenarios
 * @param model            the synthetic set's cost knobs
 * @param workDir          where to write the model set, or {@code null} for a temporary folder
 *
 * <p><b>Threads:</b> immutable.
 */
public record BenchSettings(int steps, int size, int runs, int fullInterval, int inactiveInterval, BenchModel model,
                            Path workDir) {

    /** Settings with the default cost knobs where a knob is {@code null}. */
    public static BenchSettings of(int steps, int size, int runs, int fullInterval, int inactiveInterval,
                                   Integer unetCost, Integer tinyCost, Integer vaeCost, Integer width, Path workDir) {
        BenchModel model = new BenchModel(
                unetCost != null ? unetCost : BenchModel.DEFAULT_UNET_COST,
                tinyCost != null ? tinyCost : BenchModel.DEFAULT_TINY_COST,
                vaeCost != null ? vaeCost : BenchModel.DEFAULT_VAE_COST,
                width != null ? width : BenchModel.DEFAULT_WIDTH);
        return new BenchSettings(steps, size, runs, fullInterval, inactiveInterval, model, workDir);
    }
}
