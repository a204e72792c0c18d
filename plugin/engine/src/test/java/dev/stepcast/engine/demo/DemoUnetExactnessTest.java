package dev.stepcast.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The UNet graph's x0 estimate, recovered from its epsilon output as {@code (x − b·ε̂)/a}, equals the closed-form
 * posterior mean computed here in double precision from the same parameters.
 */
class DemoUnetExactnessTest {

    private static final int SIDE = 6;
    private static final int D = LatentCodec.CHANNELS * SIDE * SIDE;
    private static final double[] TIMESTEPS = {0, 0.5, 1, 37.25, 250, 499.5, 750.75, 998.9, 999};

    @Test
    void should_equal_the_closed_form_posterior_mean_for_a_single_family() throws OrtException {
        List<FamilyPrior> priors = List.of(randomPrior(new Random(1), 5, 0.3));
        checkAgainstClosedForm(priors, new float[] {0}, new Random(2));
    }

    @Test
    void should_equal_the_closed_form_mixture_posterior_mean_with_log_priors_from_the_text_embeddings()
            throws OrtException {
        Random random = new Random(3);
        List<FamilyPrior> priors = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            priors.add(randomPrior(random, 4, 0.05 + 0.2 * k));
        }
        checkAgainstClosedForm(priors, new float[] {0.7f, -1.2f, 0.4f}, random);
    }

    @Test
    void should_give_a_finite_epsilon_at_and_beyond_the_ends_of_the_schedule() throws OrtException {
        List<FamilyPrior> priors = List.of(randomPrior(new Random(4), 5, 0.3), randomPrior(new Random(5), 5, 0.1));
        try (OrtSession unet = session(priors)) {
            float[] x = new float[2 * D];
            Random random = new Random(6);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (30 * random.nextGaussian());
            }
            for (float t : new float[] {-10f, 0f, 999f, 1500f}) {
                for (float v : run(unet, x, t, new float[2 * 2 * DemoUnetGraph.HIDDEN])) {
                    assertThat(Float.isFinite(v)).as("epsilon at t=%s", t).isEqualTo(true);
                }
            }
        }
    }

    private static void checkAgainstClosedForm(List<FamilyPrior> priors, float[] logPriors, Random random)
            throws OrtException {
        int batch = 2;
        // the log-priors spread over two tokens of the sequence, as the text encoder's rows would be
        float[] hidden = new float[batch * 3 * DemoUnetGraph.HIDDEN];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < logPriors.length; k++) {
                hidden[(b * 3) * DemoUnetGraph.HIDDEN + k] = logPriors[k] * 0.25f;
                hidden[(b * 3 + 2) * DemoUnetGraph.HIDDEN + k] = logPriors[k] * 0.75f;
            }
        }
        try (OrtSession unet = session(priors)) {
            for (double t : TIMESTEPS) {
                double sigma = TrainingSchedule.sigmaAt(t);
                double a = 1 / Math.sqrt(1 + sigma * sigma);
                double b = sigma * a;
                float[] x = new float[batch * D];
                FamilyPrior start = priors.get(random.nextInt(priors.size()));
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (a * (start.mean()[i % D] + 0.5 * random.nextGaussian()) + b * random.nextGaussian());
                }
                float[] eps = run(unet, x, (float) t, hidden);
                for (int s = 0; s < batch; s++) {
                    double[] expected = priors.size() == 1
                            ? ClosedForm.denseGaussianPosteriorMean(priors.get(0), x, s * D, a, b)
                            : ClosedForm.posteriorMean(priors, logPriors, x, s * D, a, b);
                    for (int i = 0; i < D; i++) {
                        double actual = (x[s * D + i] - b * eps[s * D + i]) / a;
                        assertThat(actual).as("x0[%d] of sample %d at t=%s", i, s, t)
                                .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4));
                    }
                }
            }
        }
    }

    /** A random PPCA Gaussian of rank r over [4, SIDE, SIDE] latents. */
    static FamilyPrior randomPrior(Random random, int rank, double isotropic) {
        float[] mean = new float[D];
        for (int i = 0; i < D; i++) {
            mean[i] = (float) random.nextGaussian();
        }
        float[][] u = new float[rank][D];
        for (int c = 0; c < rank; c++) {
            double[] v = new double[D];
            for (int i = 0; i < D; i++) {
                v[i] = random.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < D; i++) {
                    dot += v[i] * u[p][i];
                }
                for (int i = 0; i < D; i++) {
                    v[i] -= dot * u[p][i];
                }
            }
            double norm = 0;
            for (double e : v) {
                norm += e * e;
            }
            for (int i = 0; i < D; i++) {
                u[c][i] = (float) (v[i] / Math.sqrt(norm));
            }
        }
        double[] variances = new double[rank];
        for (int c = 0; c < rank; c++) {
            variances[c] = isotropic + 5 * random.nextDouble();
        }
        return new FamilyPrior(mean, u, variances, isotropic);
    }

    static OrtSession session(List<FamilyPrior> priors) throws OrtException {
        return OrtEnvironment.getEnvironment().createSession(DemoUnetGraph.build(priors, SIDE).toBytes());
    }

    static float[] run(OrtSession unet, float[] x, float t, float[] hidden) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long batch = x.length / D;
        try (OnnxTensor xs = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {batch, 4, SIDE, SIDE});
             OnnxTensor ts = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {t}), new long[] {1});
             OnnxTensor hs = OnnxTensor.createTensor(env, FloatBuffer.wrap(hidden),
                     new long[] {batch, hidden.length / batch / DemoUnetGraph.HIDDEN, DemoUnetGraph.HIDDEN});
             OrtSession.Result r = unet.run(Map.of("sample", xs, "timestep", ts, "encoder_hidden_states", hs))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] eps = new float[out.remaining()];
            out.get(eps);
            return eps;
        }
    }
}
