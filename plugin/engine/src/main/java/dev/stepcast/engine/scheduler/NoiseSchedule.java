package dev.stepcast.engine.scheduler;

/**
 * The training noise schedule shared by every scheduler: betas, {@code alphas_cumprod}, the training sigmas
 * {@code √((1−ᾱ)/ᾱ)}, and the mappings between sigmas and (fractional) timesteps, computed as diffusers'
 * schedulers do (in double precision; diffusers uses float32, a difference near 1e-6 relative).
 *
 * <p>Settings read from {@link SchedulerConfig} (each with the scheduler class's own default, see {@link Defaults}):
 * {@code num_train_timesteps}, {@code beta_start}, {@code beta_end}, {@code beta_schedule}, {@code trained_betas},
 * {@code timestep_spacing}, {@code steps_offset}, {@code prediction_type}.
 *
 * <p><b>Threads:</b> immutable, safe to share.
 */
final class NoiseSchedule {

    /**
     * A diffusers class's defaults for the keys a config file may leave out.
     *
     * @param betaStart       default {@code beta_start}
     * @param betaEnd         default {@code beta_end}
     * @param betaSchedule    default {@code beta_schedule}
     * @param timestepSpacing default {@code timestep_spacing}
     */
    record Defaults(double betaStart, double betaEnd, String betaSchedule, String timestepSpacing) {
        /** Euler, Euler a, LMS, DPM-Solver multistep. */
        static final Defaults LINSPACE = new Defaults(0.0001, 0.02, "linear", "linspace");
        /** DDIM, PNDM. */
        static final Defaults LEADING = new Defaults(0.0001, 0.02, "linear", "leading");
        /** LCM (its defaults are SD's betas). */
        static final Defaults LCM = new Defaults(0.00085, 0.012, "scaled_linear", "leading");
    }

    final int trainTimesteps;
    final double[] alphasCumprod;
    /** Training sigmas by timestep (ascending). */
    final double[] sigmas;
    final double[] logSigmas;
    final String timestepSpacing;
    final int stepsOffset;
    final String predictionType;

    NoiseSchedule(SchedulerConfig config, Defaults defaults) {
        double[] betas = config.numbers("trained_betas").orElseGet(() -> betas(
                config.text("beta_schedule", defaults.betaSchedule()),
                config.number("beta_start", defaults.betaStart()),
                config.number("beta_end", defaults.betaEnd()),
                config.integer("num_train_timesteps", 1000)));
        trainTimesteps = betas.length;
        alphasCumprod = new double[betas.length];
        sigmas = new double[betas.length];
        logSigmas = new double[betas.length];
        double product = 1.0;
        for (int t = 0; t < betas.length; t++) {
            product *= 1.0 - betas[t];
            alphasCumprod[t] = product;
            sigmas[t] = Math.sqrt((1.0 - product) / product);
            logSigmas[t] = Math.log(sigmas[t]);
        }
        timestepSpacing = config.text("timestep_spacing", defaults.timestepSpacing());
        stepsOffset = config.integer("steps_offset", 0);
        predictionType = config.predictionType();
    }

    /** diffusers' betas for {@code linear}, {@code scaled_linear} and {@code squaredcos_cap_v2}. */
    static double[] betas(String schedule, double betaStart, double betaEnd, int n) {
        double[] betas = new double[n];
        switch (schedule) {
            case "linear" -> {
                double[] ramp = Timesteps.linspace(betaStart, betaEnd, n);
                System.arraycopy(ramp, 0, betas, 0, n);
            }
            case "scaled_linear" -> {
                double[] ramp = Timesteps.linspace(Math.sqrt(betaStart), Math.sqrt(betaEnd), n);
                for (int i = 0; i < n; i++) {
                    betas[i] = ramp[i] * ramp[i];
                }
            }
            case "squaredcos_cap_v2" -> {
                // diffusers betas_for_alpha_bar, cosine transform, max_beta 0.999
                for (int i = 0; i < n; i++) {
                    double a1 = cosineAlphaBar((double) i / n);
                    double a2 = cosineAlphaBar((double) (i + 1) / n);
                    betas[i] = Math.min(1.0 - a2 / a1, 0.999);
                }
            }
            default -> throw new IllegalArgumentException("beta_schedule " + schedule);
        }
        return betas;
    }

    private static double cosineAlphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    /** The training sigma at a fractional timestep, linearly interpolated (numpy {@code interp} on 0…N−1). */
    double sigmaAt(double timestep) {
        if (timestep <= 0) {
            return sigmas[0];
        }
        if (timestep >= trainTimesteps - 1) {
            return sigmas[trainTimesteps - 1];
        }
        int low = (int) Math.floor(timestep);
        double w = timestep - low;
        return sigmas[low] + w * (sigmas[low + 1] - sigmas[low]);
    }

    /** diffusers' {@code _sigma_to_t}: the fractional timestep of {@code sigma}, interpolating in log-sigma. */
    double sigmaToTimestep(double sigma) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int low = 0;
        for (int i = 0; i < logSigmas.length; i++) {
            if (logSigmas[i] <= logSigma) {
                low = i;
            }
        }
        low = Math.min(low, logSigmas.length - 2);
        double w = (logSigmas[low] - logSigma) / (logSigmas[low] - logSigmas[low + 1]);
        w = Math.max(0.0, Math.min(1.0, w));
        return (1 - w) * low + w * (low + 1);
    }

    /** Karras et al. (2022) sigmas from {@code sigmaMax} down to {@code sigmaMin}, rho 7 (diffusers' default). */
    static double[] karrasSigmas(double sigmaMax, double sigmaMin, int n) {
        double rho = 7.0;
        double[] ramp = Timesteps.linspace(0, 1, n);
        double minInvRho = Math.pow(sigmaMin, 1 / rho);
        double maxInvRho = Math.pow(sigmaMax, 1 / rho);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.pow(maxInvRho + ramp[i] * (minInvRho - maxInvRho), rho);
        }
        return out;
    }

    /**
     * The predicted clean sample x0 from the model output in alpha space (DDIM, PNDM, LCM: the sample is
     * {@code √ᾱ·x0 + √(1−ᾱ)·ε}).
     */
    double predictOriginal(double modelOutput, double sample, double alphaProd) {
        double beta = 1 - alphaProd;
        return switch (predictionType) {
            case "v_prediction" -> Math.sqrt(alphaProd) * sample - Math.sqrt(beta) * modelOutput;
            case "sample" -> modelOutput;
            default -> (sample - Math.sqrt(beta) * modelOutput) / Math.sqrt(alphaProd);
        };
    }

    /** The predicted x0 in sigma space (Euler, LMS: the sample is {@code x0 + σ·ε}). */
    double predictOriginalSigma(double modelOutput, double sample, double sigma) {
        return switch (predictionType) {
            case "v_prediction" -> modelOutput * (-sigma / Math.sqrt(sigma * sigma + 1))
                    + sample / (sigma * sigma + 1);
            case "sample" -> modelOutput;
            default -> sample - sigma * modelOutput;
        };
    }
}
