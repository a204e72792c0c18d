package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;
import dev.stepcast.engine.SchedulerKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Pseudo numerical methods for diffusion models, as diffusers' {@code PNDMScheduler}. With {@code skip_prk_steps}
 * true (SD1.5's file): N+1 model calls, the second one at the repeated second timestep averaging the first two
 * outputs, then Adams–Bashforth (PLMS) combinations of up to four outputs. With {@code skip_prk_steps} false (the
 * class default, so a config of another class that lacks the key gets it): 12 Runge–Kutta calls over the first three
 * steps, then PLMS, N+9 calls in all; below 4 steps (where diffusers fails) PLMS alone is used. diffusers rejects
 * {@code prediction_type} "sample" here; this class converts it to ε like the other predictions.
 * Default spacing "leading", betas linear 0.0001–0.02, {@code set_alpha_to_one} false.
 *
 * <p>{@link Scheduler.StepOutput#predOriginalSample()} is the x0 of this call's own model output.
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
final class PndmScheduler extends AlphaScheduler {

    private static final int PNDM_ORDER = 4;

    private final boolean skipPrkSteps;
    private final List<float[]> ets = new ArrayList<>();
    private int counter;
    private float[] curSample;
    private double[] curModelOutput;
    private int stepRatio = 1;
    private int prkCount;

    PndmScheduler(SchedulerConfig config) {
        super(config, NoiseSchedule.Defaults.LEADING, false);
        this.skipPrkSteps = config.flag("skip_prk_steps", false);
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.PNDM;
    }

    @Override
    public void setTimesteps(int numInferenceSteps) {
        Schedulers.checkSteps(numInferenceSteps, schedule);
        stepRatio = schedule.trainTimesteps / numInferenceSteps;
        double[] d = Timesteps.discrete(schedule, numInferenceSteps);
        prkCount = 0;
        if (!skipPrkSteps && d.length >= PNDM_ORDER) {
            installWithPrk(d);
        } else {
            installPlmsOnly(d);
        }
        ets.clear();
        counter = 0;
        curSample = null;
        curModelOutput = null;
    }

    private void installPlmsOnly(double[] d) {
        // plms_timesteps = concat(t[:-1], t[-2:-1], t[-1:])[::-1]: the second timestep appears twice
        double[] plms = new double[d.length == 1 ? 1 : d.length + 1];
        plms[0] = d[0];
        for (int i = 1; i < d.length; i++) {
            plms[i + 1] = d[i];
        }
        if (d.length > 1) {
            plms[1] = d[1];
        }
        install(plms);
    }

    /**
     * prk_timesteps: the four largest timesteps and their midpoints ({@code + N // n // 2}), each RK stage twice,
     * descending (12 calls), then plms_timesteps {@code _timesteps[:-3][::-1]}.
     */
    private void installWithPrk(double[] d) {
        int half = stepRatio / 2;
        double[] prk = new double[3 * PNDM_ORDER];
        for (int g = 0; g < 3; g++) { // RK step from d[g] to d[g+1] through the midpoint d[g+1] + N // n // 2
            prk[4 * g] = d[g];
            prk[4 * g + 1] = d[g + 1] + half;
            prk[4 * g + 2] = d[g + 1] + half;
            prk[4 * g + 3] = d[g + 1];
        }
        double[] all = new double[prk.length + d.length - 3];
        System.arraycopy(prk, 0, all, 0, prk.length);
        System.arraycopy(d, 3, all, prk.length, d.length - 3);
        install(all);
        prkCount = prk.length;
    }

    @Override
    public StepOutput step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        float[] x0 = predictOriginal(modelOutput, sample, timesteps[index], 0);
        float[] prev = counter < prkCount ? stepPrk(modelOutput, index, sample) : stepPlms(modelOutput, index, sample);
        return new StepOutput(prev, x0);
    }

    /** diffusers' {@code step_prk}: the four stages of a Runge–Kutta step, weights 1/6, 1/3, 1/3, 1/6. */
    private float[] stepPrk(float[] modelOutput, int index, float[] sample) {
        int prevTimestep = timesteps[index] - (counter % 2 == 1 ? 0 : stepRatio / 2);
        int timestep = timesteps[counter / 4 * 4];
        float[] output = modelOutput;
        int stage = counter % 4;
        if (stage == 0) {
            curModelOutput = new double[modelOutput.length];
            ets.add(modelOutput.clone());
            curSample = sample;
        }
        if (stage < 3) {
            double w = stage == 0 ? 1.0 / 6 : 1.0 / 3;
            for (int i = 0; i < output.length; i++) {
                curModelOutput[i] += w * modelOutput[i];
            }
        } else {
            output = new float[modelOutput.length];
            for (int i = 0; i < output.length; i++) {
                output[i] = (float) (curModelOutput[i] + modelOutput[i] / 6);
            }
            curModelOutput = null;
        }
        float[] prev = prevSample(curSample != null ? curSample : sample, timestep, prevTimestep, output);
        counter++;
        return prev;
    }

    /** diffusers' {@code step_plms}, with the state kept across calls exactly as there. */
    private float[] stepPlms(float[] modelOutput, int index, float[] sample) {
        int timestep = timesteps[index];
        int prevTimestep = timestep - stepRatio;
        if (counter != 1) {
            while (ets.size() > 3) {
                ets.remove(0);
            }
            ets.add(modelOutput.clone());
        } else {
            prevTimestep = timestep;
            timestep = timestep + stepRatio;
        }
        int n = ets.size();
        float[] combined = new float[modelOutput.length];
        float[] from = sample;
        for (int i = 0; i < combined.length; i++) {
            combined[i] = (float) combine(modelOutput[i], n, i);
        }
        if (n == 1 && counter == 0) {
            curSample = sample;
        } else if (n == 1 && counter == 1) {
            from = curSample;
            curSample = null;
        }
        float[] prev = prevSample(from, timestep, prevTimestep, combined);
        counter++;
        return prev;
    }

    private double combine(double modelOutput, int n, int i) {
        if (n == 1) {
            return counter == 1 ? (modelOutput + ets.get(0)[i]) / 2 : modelOutput;
        }
        double e1 = ets.get(n - 1)[i];
        double e2 = ets.get(n - 2)[i];
        if (n == 2) {
            return (3 * e1 - e2) / 2;
        }
        double e3 = ets.get(n - 3)[i];
        if (n == 3) {
            return (23 * e1 - 16 * e2 + 5 * e3) / 12;
        }
        double e4 = ets.get(n - 4)[i];
        return (55 * e1 - 59 * e2 + 37 * e3 - 9 * e4) / 24;
    }

    /** diffusers' {@code _get_prev_sample} (formula (9) of the PNDM paper), after turning v or x0 into ε. */
    private float[] prevSample(float[] sample, int timestep, int prevTimestep, float[] modelOutput) {
        double alphaT = alphaProd(timestep);
        double alphaPrev = alphaProd(prevTimestep);
        double betaT = 1 - alphaT;
        double betaPrev = 1 - alphaPrev;
        double sampleCoeff = Math.sqrt(alphaPrev / alphaT);
        double denom = alphaT * Math.sqrt(betaPrev) + Math.sqrt(alphaT * betaT * alphaPrev);
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            double eps = switch (schedule.predictionType) {
                case "v_prediction" -> Math.sqrt(alphaT) * modelOutput[i] + Math.sqrt(betaT) * sample[i];
                case "sample" -> (sample[i] - Math.sqrt(alphaT) * modelOutput[i]) / Math.sqrt(betaT);
                default -> modelOutput[i];
            };
            out[i] = (float) (sampleCoeff * sample[i] - (alphaPrev - alphaT) * eps / denom);
        }
        return out;
    }
}
