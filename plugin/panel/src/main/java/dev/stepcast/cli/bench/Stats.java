package dev.stepcast.cli.bench;

import java.util.Collection;

/**
 * Order statistics of measurements.
 *
 * <p><b>Threads:</b> stateless.
 */
final class Stats {

    private Stats() {
    }

    /** The median (mean of the middle two for an even count); NaN when empty. */
    static double median(Collection<? extends Number> values) {
        return percentile(values, 50);
    }

    /** The {@code p}-th percentile (linear interpolation between closest ranks); NaN when empty. */
    static double percentile(Collection<? extends Number> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        double rank = p / 100.0 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /** The maximum; NaN when empty. */
    static double max(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
    }

    /** Nanoseconds to milliseconds. */
    static double ms(double nanos) {
        return nanos / 1e6;
    }

    /** Rounds to {@code digits} decimals for reports. */
    static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
