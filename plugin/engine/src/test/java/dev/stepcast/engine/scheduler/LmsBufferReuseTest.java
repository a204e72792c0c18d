package dev.stepcast.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LMS recycles its double buffers (the derivative that leaves the four-step window, and the step's sum): past the
 * window, and again after a restart, every step still equals the plain computation with fresh arrays, and the arrays
 * it hands out are never reused.
 */
class LmsBufferReuseTest {

    @Test
    void twelve_steps_twice_equal_the_plain_computation_and_hand_out_fresh_arrays() {
        LmsScheduler lms = new LmsScheduler(SchedulerConfig.sd15());
        for (int run = 0; run < 2; run++) {
            lms.setTimesteps(12);
            float[] sample = new float[37];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = (float) Math.sin(0.3 * i + run) * lms.initNoiseSigma();
            }
            Deque<double[]> window = new ArrayDeque<>();
            List<float[]> handedOut = new ArrayList<>();
            for (int step = 0; step < 12; step++) {
                float[] modelOutput = new float[sample.length];
                for (int i = 0; i < modelOutput.length; i++) {
                    modelOutput[i] = (float) Math.cos(0.7 * i - 0.2 * step);
                }

                Scheduler.StepOutput out = lms.step(modelOutput, step, sample, null);

                float[] x0 = out.predOriginalSample();
                double[] derivative = new double[sample.length];
                for (int i = 0; i < sample.length; i++) {
                    derivative[i] = (sample[i] - x0[i]) / lms.sigmas[step];
                }
                window.addFirst(derivative);
                if (window.size() > 4) {
                    window.removeLast();
                }
                int order = Math.min(step + 1, 4);
                double[] prev = new double[sample.length];
                for (int i = 0; i < sample.length; i++) {
                    prev[i] = sample[i];
                }
                int k = 0;
                for (double[] d : window) {
                    if (k == order) {
                        break;
                    }
                    double c = lms.lmsCoefficient(order, step, k++);
                    for (int i = 0; i < sample.length; i++) {
                        prev[i] += c * d[i];
                    }
                }
                float[] expected = new float[sample.length];
                for (int i = 0; i < sample.length; i++) {
                    expected[i] = (float) prev[i];
                }
                assertThat(out.prevSample()).as("run %d, step %d", run, step).containsExactly(expected);
                for (float[] earlier : handedOut) {
                    assertThat(out.prevSample()).as("a new array at step %d", step).isNotSameAs(earlier);
                    assertThat(x0).as("a new x0 array at step %d", step).isNotSameAs(earlier);
                }
                handedOut.add(out.prevSample());
                handedOut.add(x0);
                sample = out.prevSample();
            }
        }
    }
}
