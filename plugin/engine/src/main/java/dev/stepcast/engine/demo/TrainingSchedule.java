package dev.stepcast.engine.demo;

/**
 * The forward process the demo model is "trained" for: Stable Diffusion 1.5's, i.e. 1000 timesteps of
 * {@code scaled_linear} betas from 0.00085 to 0.012 (written to {@code scheduler/scheduler_config.json}).
 * {@code x_t = √ᾱ_t·x0 + √(1−ᾱ_t)·ε}; the sigma of timestep t is {@code √((1−ᾱ_t)/ᾱ_t)}.
 *
 * <p><b>Threads:</b> stateless; safe to share.
 */
final class TrainingSchedule {

    static final int TRAIN_TIMESTEPS = 1000;
    static final double BETA_START = 0.00085;
    static final double BETA_END = 0.012;

    private TrainingSchedule() {
    }

    /** ᾱ_t for t = 0 … 999 (diffusers' {@code alphas_cumprod}). */
    static double[] alphasCumprod() {
        double[] out = new double[TRAIN_TIMESTEPS];
        double start = Math.sqrt(BETA_START);
        double end = Math.sqrt(BETA_END);
        double product = 1;
        for (int t = 0; t < TRAIN_TIMESTEPS; t++) {
            double root = start + (end - start) * t / (TRAIN_TIMESTEPS - 1);
            product *= 1 - root * root;
            out[t] = product;
        }
        return out;
    }

    /** σ_t = √((1−ᾱ_t)/ᾱ_t) for t = 0 … 999 (ascending). */
    static double[] sigmas() {
        double[] ac = alphasCumprod();
        double[] out = new double[ac.length];
        for (int t = 0; t < ac.length; t++) {
            out[t] = Math.sqrt((1 - ac[t]) / ac[t]);
        }
        return out;
    }

    /**
     * σ at a fractional timestep, interpolated linearly between table entries (as diffusers' Euler, Euler a and
     * LMS schedulers interpolate sigmas with {@code np.interp}); clamped to [0, 999]. The UNet graph does the same.
     */
    static double sigmaAt(double timestep) {
        double[] s = sigmas();
        double t = Math.max(0, Math.min(TRAIN_TIMESTEPS - 1, timestep));
        int i0 = (int) Math.floor(t);
        int i1 = Math.min(i0 + 1, TRAIN_TIMESTEPS - 1);
        return s[i0] + (t - i0) * (s[i1] - s[i0]);
    }
}
