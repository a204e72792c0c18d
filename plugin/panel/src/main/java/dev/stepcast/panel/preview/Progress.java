package dev.stepcast.panel.preview;

/**
 * Progress of a running generation, published after every step.
 *
 * @param step        the step just finished, 1-based
 * @param total       the steps of this run
 * @param itPerSecond denoising steps per second so far (0 before the first step)
 * @param etaSeconds  estimated seconds until the last step ends, from the rate so far
 *
 * <p><b>Threads:</b> immutable.
 */
public record Progress(int step, int total, double itPerSecond, double etaSeconds) {

    /** Progress after {@code step} of {@code total} steps taken in {@code elapsedNanos}. */
    public static Progress of(int step, int total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? step / seconds : 0;
        double eta = rate > 0 ? (total - step) / rate : 0;
        return new Progress(step, total, rate, eta);
    }

    /** The fraction done in [0, 1]. */
    public double fraction() {
        return total == 0 ? 0 : (double) step / total;
    }
}
