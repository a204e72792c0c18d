package dev.stepcast.engine.scheduler;

/**
 * numpy's {@code linspace}/{@code arange}/{@code round} as diffusers' {@code set_timesteps} uses them, and the three
 * timestep spacings ("leading", "linspace", "trailing"). Rounding is numpy's half-to-even ({@link Math#rint}).
 * All arrays returned here are fresh; units are training timesteps (0 … num_train_timesteps−1).
 *
 * <p><b>Threads:</b> stateless.
 */
final class Timesteps {

    private Timesteps() {
    }

    /** {@code np.linspace(start, stop, num)} (endpoint included), computed the way numpy does. */
    static double[] linspace(double start, double stop, int num) {
        double[] out = new double[num];
        if (num == 1) {
            out[0] = start;
            return out;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = i * step + start;
        }
        out[num - 1] = stop;
        return out;
    }

    /** {@code np.linspace(start, stop, num, endpoint=False)}. */
    static double[] linspaceExclusive(double start, double stop, int num) {
        double step = (stop - start) / num;
        double[] out = new double[num];
        for (int i = 0; i < num; i++) {
            out[i] = i * step + start;
        }
        return out;
    }

    /** {@code np.arange(start, stop, step)} for a float step: {@code ceil((stop − start) / step)} values. */
    static double[] arange(double start, double stop, double step) {
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + i * step;
        }
        return out;
    }

    /**
     * "leading": {@code (arange(0, n) * (N // n)).round()[::-1] + steps_offset}, descending.
     */
    static double[] leading(int trainTimesteps, int n, int stepsOffset) {
        int ratio = trainTimesteps / n;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (double) (n - 1 - i) * ratio + stepsOffset;
        }
        return out;
    }

    /** "trailing": {@code arange(N, 0, -N / n).round() - 1}, descending. */
    static double[] trailing(int trainTimesteps, int n) {
        double[] out = arange(trainTimesteps, 0, -(double) trainTimesteps / n);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.rint(out[i]) - 1;
        }
        return out;
    }

    /** "linspace": {@code linspace(0, N − 1, n)[::-1]}, descending, not rounded. */
    static double[] linspaceDescending(int trainTimesteps, int n) {
        return reverse(linspace(0, trainTimesteps - 1, n));
    }

    /** A reversed copy. */
    static double[] reverse(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[values.length - 1 - i];
        }
        return out;
    }

    /** Each value rounded half-to-even, as numpy's {@code round}. */
    static double[] rint(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.rint(values[i]);
        }
        return out;
    }

    /** Each value narrowed to float (diffusers keeps timesteps as float32 tensors). */
    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /**
     * The descending schedule for the integer-timestep schedulers (DDIM): "linspace" rounded, "leading" with the
     * offset, "trailing".
     */
    static double[] discrete(NoiseSchedule schedule, int n) {
        return switch (schedule.timestepSpacing) {
            case "linspace" -> rint(linspaceDescending(schedule.trainTimesteps, n));
            case "trailing" -> trailing(schedule.trainTimesteps, n);
            default -> leading(schedule.trainTimesteps, n, schedule.stepsOffset);
        };
    }
}
