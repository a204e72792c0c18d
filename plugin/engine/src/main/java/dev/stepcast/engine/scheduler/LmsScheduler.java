package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;
import dev.stepcast.engine.SchedulerKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Linear multistep sampling, as diffusers' {@code LMSDiscreteScheduler} with order 4: the last (up to) four
 * derivatives {@code (x − x0)/σ} are combined with coefficients that integrate the Lagrange basis polynomials over
 * [σ_i, σ_{i+1}] (diffusers' {@code get_lms_coefficient}, which uses {@code scipy.integrate.quad}; the integrands are
 * polynomials of degree ≤ 3, so Simpson's rule here is exact). Reads {@code use_karras_sigmas}.
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
final class LmsScheduler extends SigmaScheduler {

    private static final int ORDER = 4;

    /** Newest first. */
    private final Deque<double[]> derivatives = new ArrayDeque<>();
    /** The derivative that fell out of the window, reused for the next one (nothing outside holds it). */
    private double[] spare;
    /** The step's sum in double, reused from step to step (never leaves this class). */
    private double[] prev = new double[0];

    LmsScheduler(SchedulerConfig config) {
        super(config, config.flag("use_karras_sigmas", false));
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.LMS;
    }

    @Override
    protected void resetState() {
        derivatives.clear();
        spare = null;
    }

    @Override
    public StepOutput step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        float[] x0 = predictOriginal(modelOutput, sample, index);
        double sigma = sigmas[index];
        // two double buffers a step (256 KiB at 512²) are recycled: the derivative that leaves the window and the sum
        double[] derivative = spare != null && spare.length == sample.length ? spare : new double[sample.length];
        spare = null;
        for (int i = 0; i < derivative.length; i++) {
            derivative[i] = (sample[i] - x0[i]) / sigma;
        }
        derivatives.addFirst(derivative);
        if (derivatives.size() > ORDER) {
            spare = derivatives.removeLast();
        }
        int order = Math.min(index + 1, ORDER);
        if (prev.length != sample.length) {
            prev = new double[sample.length];
        }
        for (int i = 0; i < prev.length; i++) {
            prev[i] = sample[i];
        }
        // zip(coefficients, reversed(derivatives)): the newest derivative takes coefficient 0
        Iterator<double[]> newestFirst = derivatives.iterator();
        for (int k = 0; k < order && newestFirst.hasNext(); k++) {
            double c = lmsCoefficient(order, index, k);
            double[] d = newestFirst.next();
            for (int i = 0; i < prev.length; i++) {
                prev[i] += c * d[i];
            }
        }
        float[] out = new float[prev.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) prev[i];
        }
        return new StepOutput(out, x0);
    }

    /** ∫ over [σ_t, σ_{t+1}] of the Lagrange basis polynomial of node {@code current} (diffusers' nodes σ_{t−k}). */
    double lmsCoefficient(int order, int t, int current) {
        double a = sigmas[t];
        double b = sigmas[t + 1];
        double m = (a + b) / 2;
        return (b - a) / 6 * (basis(order, t, current, a) + 4 * basis(order, t, current, m)
                + basis(order, t, current, b));
    }

    private double basis(int order, int t, int current, double tau) {
        double prod = 1.0;
        for (int k = 0; k < order; k++) {
            if (k != current) {
                prod *= (tau - sigmas[t - k]) / (sigmas[t - current] - sigmas[t - k]);
            }
        }
        return prod;
    }
}
