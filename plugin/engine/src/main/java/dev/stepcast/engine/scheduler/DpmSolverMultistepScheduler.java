package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;

import dev.stepcast.engine.SchedulerKind;
/**
 * DPM-Solver++(2M), as diffusers' {@code DPMSolverMultistepScheduler} with {@code algorithm_type="dpmsolver++"},
 * {@code solver_order=2}, {@code solver_type="midpoint"}, {@code lower_order_final=True}: the model output is turned
 * into a data prediction x0 and the update runs in λ = log(α/σ). The first step and the last step are first order.
 * Timesteps are integers; with Karras sigmas the UNet sees the Karras sigmas mapped back to timesteps and rounded,
 * while the update uses the exact Karras sigmas. Reads {@code use_karras_sigmas} (overridden by the kind),
 * {@code final_sigmas_type} ("zero", diffusers' current default, or "sigma_min"), {@code lower_order_final} (true)
 * and {@code euler_at_final} (false); {@code solver_order} is always 2 ("2M").
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
final class DpmSolverMultistepScheduler implements Scheduler {

    private final NoiseSchedule schedule;
    private final boolean karras;
    private final boolean finalSigmaZero;
    private final boolean lowerOrderFinalFlag;
    private final boolean eulerAtFinal;
    private float[] timesteps = new float[0];
    private double[] sigmas = {0};
    private float[] previousX0;
    private int lowerOrderNums;

    DpmSolverMultistepScheduler(SchedulerConfig config, boolean karras) {
        this.schedule = new NoiseSchedule(config, NoiseSchedule.Defaults.LINSPACE);
        this.karras = karras;
        this.finalSigmaZero = !"sigma_min".equals(config.text("final_sigmas_type", "zero"));
        this.lowerOrderFinalFlag = config.flag("lower_order_final", true);
        this.eulerAtFinal = config.flag("euler_at_final", false);
    }

    @Override
    public SchedulerKind kind() {
        return karras ? SchedulerKind.DPMPP_2M_KARRAS : SchedulerKind.DPMPP_2M;
    }

    @Override
    public void setTimesteps(int numInferenceSteps) {
        Schedulers.checkSteps(numInferenceSteps, schedule);
        int n = numInferenceSteps;
        double[] t = integerTimesteps(n);
        double[] s = new double[t.length];
        if (karras) {
            s = NoiseSchedule.karrasSigmas(schedule.sigmas[schedule.trainTimesteps - 1], schedule.sigmas[0], n);
            for (int i = 0; i < n; i++) {
                t[i] = Math.rint(schedule.sigmaToTimestep(s[i]));
            }
        } else {
            for (int i = 0; i < t.length; i++) {
                s[i] = schedule.sigmaAt(t[i]);
            }
        }
        timesteps = Timesteps.toFloat(t);
        sigmas = new double[s.length + 1];
        System.arraycopy(s, 0, sigmas, 0, s.length);
        sigmas[s.length] = finalSigmaZero ? 0 : schedule.sigmas[0];
        previousX0 = null;
        lowerOrderNums = 0;
    }

    /** diffusers' spacing for this class: n+1 points with the last (timestep 0) dropped, or "trailing". */
    private double[] integerTimesteps(int n) {
        int last = schedule.trainTimesteps; // lambda_min_clipped = -inf: nothing clipped
        double[] t = new double[n];
        switch (schedule.timestepSpacing) {
            case "linspace" -> {
                double[] points = Timesteps.rint(Timesteps.linspace(0, last - 1, n + 1));
                for (int i = 0; i < n; i++) {
                    t[i] = points[n - i];
                }
            }
            case "trailing" -> t = Timesteps.trailing(schedule.trainTimesteps, n);
            default -> {
                int ratio = last / (n + 1);
                for (int i = 0; i < n; i++) {
                    t[i] = (double) (n - i) * ratio + schedule.stepsOffset;
                }
            }
        }
        return t;
    }

    @Override
    public float[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public float sigma(int index) {
        return (float) sigmas[index];
    }

    @Override
    public float initNoiseSigma() {
        return 1f;
    }

    @Override
    public float modelInputScale(int index) {
        return 1f;
    }

    @Override
    public StepOutput step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        double sigma = sigmas[index];
        double alpha = alpha(sigma);
        float[] x0 = new float[sample.length];
        for (int i = 0; i < x0.length; i++) {
            // convert_model_output: x0 from ε, v or x0, with α_t = 1/√(σ²+1), σ_t = σ·α_t
            x0[i] = (float) schedule.predictOriginal(modelOutput[i], sample[i], alpha * alpha);
        }
        boolean lowerOrderFinal = index == timesteps.length - 1
                && (eulerAtFinal || (lowerOrderFinalFlag && timesteps.length < 15) || finalSigmaZero);
        // at many steps the rounded spacing repeats a timestep: h0 = 0 would make the 2M correction 0/0 (NaN)
        boolean repeated = index > 0 && sigmas[index - 1] == sigma;
        float[] prev = lowerOrderNums < 1 || lowerOrderFinal || previousX0 == null || repeated
                ? firstOrder(x0, index, sample)
                : secondOrder(x0, previousX0, index, sample);
        previousX0 = x0;
        if (lowerOrderNums < 2) {
            lowerOrderNums++;
        }
        return new StepOutput(prev, x0);
    }

    /** DPM-Solver++ first-order update (DDIM in λ). */
    private float[] firstOrder(float[] x0, int index, float[] sample) {
        double sigmaS = sigmas[index];
        double sigmaT = sigmas[index + 1];
        double alphaT = alpha(sigmaT);
        double h = lambda(sigmaT) - lambda(sigmaS);
        double sampleCoeff = (sigmaT * alphaT) / (sigmaS * alpha(sigmaS));
        double x0Coeff = -alphaT * (Math.exp(-h) - 1.0);
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sampleCoeff * sample[i] + x0Coeff * x0[i]);
        }
        return out;
    }

    /** DPM-Solver++(2M) midpoint update from the last two data predictions. */
    private float[] secondOrder(float[] m0, float[] m1, int index, float[] sample) {
        double sigmaT = sigmas[index + 1];
        double sigmaS0 = sigmas[index];
        double sigmaS1 = sigmas[index - 1];
        double alphaT = alpha(sigmaT);
        double h = lambda(sigmaT) - lambda(sigmaS0);
        double h0 = lambda(sigmaS0) - lambda(sigmaS1);
        double r0 = h0 / h;
        double sampleCoeff = (sigmaT * alphaT) / (sigmaS0 * alpha(sigmaS0));
        double c = -alphaT * (Math.exp(-h) - 1.0);
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            double d1 = (m0[i] - m1[i]) / r0;
            out[i] = (float) (sampleCoeff * sample[i] + c * m0[i] + 0.5 * c * d1);
        }
        return out;
    }

    /** α_t of a σ-space sigma: {@code 1/√(σ²+1)}. */
    private static double alpha(double sigma) {
        return 1.0 / Math.sqrt(sigma * sigma + 1);
    }

    /** λ = log α_t − log σ_t (+∞ at σ = 0). */
    private static double lambda(double sigma) {
        double a = alpha(sigma);
        return Math.log(a) - Math.log(sigma * a);
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public void setBeginIndex(int index) {
        // the multistep history starts empty wherever the schedule starts, as in diffusers
    }

    /** diffusers' {@code add_noise}: {@code α_t·x0 + σ_t·noise} at the sigma of call {@code index}. */
    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        double a = alpha(sigmas[index]);
        double s = sigmas[index] * a;
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a * original[i] + s * noise[i]);
        }
        return out;
    }
}
