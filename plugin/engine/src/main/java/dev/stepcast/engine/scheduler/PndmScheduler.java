package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.GaussianNoise;
import java.util.ArrayList;
import java.util.List;

/**
 * Pseudo linear multistep sampling, as diffusers' {@code PNDMScheduler} with {@code skip_prk_steps=True} (SD1.5's
 * default scheduler): N+1 model calls, the second one at the repeated second timestep averaging the first two
 * outputs (a Heun-like restart), then Adams–Bashforth combinations of up to four outputs. The Runge–Kutta warm-up of
 * {@code skip_prk_steps=False} is not implemented: PLMS is used whatever that key says. diffusers rejects
 * {@code prediction_type} "sample" here; this class converts it to ε like the other predictions.
 * Default spacing "leading", betas linear 0.0001–0.02, {@code set_alpha_to_one} false.
 *
 * <p>{@link Scheduler.StepOutput#predOriginalSample()} is the x0 of this call's own model output.
 *
 * <p><b>Threads:</b> stateful, not thread-safe; one generation uses one instance on its own thread.
 */
final class PndmScheduler extends AlphaScheduler {

    private final List<float[]> ets = new ArrayList<>();
    private int counter;
    private float[] curSample;
    private int stepRatio = 1;

    PndmScheduler(SchedulerConfig config) {
        super(config, NoiseSchedule.Defaults.LEADING, false);
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
        ets.clear();
        counter = 0;
        curSample = null;
    }

    /** diffusers' {@code step_plms}, with the state kept across calls exactly as there. */
    @Override
    public StepOutput step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        float[] x0 = predictOriginal(modelOutput, sample, timesteps[index], 0);
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
        return new StepOutput(prev, x0);
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
