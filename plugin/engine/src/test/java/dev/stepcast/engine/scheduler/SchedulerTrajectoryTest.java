package dev.stepcast.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.SchedulerKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scheduler against a numpy re-implementation of its diffusers class: {@link Trajectory}'s toy loop, SD1.5's
 * config (and SD2.1's v_prediction config), 4 steps (LMS 5, to reach order 4). The expected numbers were computed
 * with a throwaway float64 numpy script that transcribes diffusers' {@code set_timesteps}/{@code step} code
 * (EulerDiscrete, EulerAncestralDiscrete, LMSDiscrete with {@code scipy.integrate.quad}, DPMSolverMultistep,
 * DDIM, PNDM, LCM), with {@code from_config} defaults, and a Python port of {@code java.util.Random.nextGaussian}
 * for the ancestral/LCM noise.
 */
class SchedulerTrajectoryTest {

    private static final double REL = 1e-4;

    /** prevSample after each model call; SD1.5 config, epsilon. */
    private static final Map<SchedulerKind, double[][]> EPSILON = Map.of(
            SchedulerKind.EULER, new double[][] {{9.00490856, -17.0718207, 2.51496709, 18.8861773},
                {8.19364004, -16.0653374, 2.16121897, 17.5182227}, {7.57712935, -15.0160677, 1.96127606, 16.3218543},
                {7.55358005, -14.9717053, 1.95468299, 16.2739766}},
            SchedulerKind.EULER_ANCESTRAL, new double[][] {{11.7337138, -14.3497403, -0.574502409, 15.1145043},
                {10.6797022, -12.6480646, -1.50084571, 12.3959632}, {9.86897066, -11.7554513, -1.4341686, 11.50759},
                {9.83873956, -11.7205952, -1.43086233, 11.4737482}},
            SchedulerKind.LMS, new double[][] {{9.27316346, -17.1183218, 2.70161353, 19.189275},
                {8.38641777, -16.1581983, 2.28103424, 17.7709117}, {7.84768716, -15.3066118, 2.09048853, 16.761195},
                {7.31316682, -14.338204, 1.93134847, 15.6915751}, {7.29037747, -14.2957415, 1.9248543, 15.6454888}},
            SchedulerKind.DPMPP_2M, new double[][] {{2.21241257, -4.0824379, 0.644965897, 4.57727169},
                {4.38463368, -8.41388261, 1.20097853, 9.27624138}, {6.35035271, -12.3060811, 1.71141646, 13.5295474},
                {7.24228348, -14.1391222, 1.92758616, 15.5166509}},
            SchedulerKind.DPMPP_2M_KARRAS, new double[][] {{2.73504257, -5.15238055, 0.771798906, 5.71783321},
                {7.06380823, -13.7916191, 1.87877736, 15.1069176}, {7.11751239, -13.7706146, 1.92531564, 15.1981},
                {7.09832114, -13.7357226, 1.91964381, 15.1599431}},
            SchedulerKind.DDIM, new double[][] {{1.5091362, -2.58106117, 0.489855212, 3.02502873},
                {2.16895277, -3.8622455, 0.667911477, 4.45423576}, {2.45159658, -4.45669357, 0.733957959, 5.1128931},
                {2.44905987, -4.45294637, 0.733015161, 5.10874873}},
            SchedulerKind.PNDM, new double[][] {{1.5091362, -2.58106117, 0.489855212, 3.02502873},
                {1.47912384, -2.47444357, 0.493786697, 2.94168391}, {2.10803172, -3.64582618, 0.675891861, 4.28505703},
                {2.37028741, -4.1633129, 0.745707984, 4.88462034}, {2.36813679, -4.15991215, 0.744967953, 4.88111354}},
            SchedulerKind.LCM, new double[][] {{3.02177156, -2.98773442, -0.454534683, 3.0752826},
                {6.24619823, -5.76283765, -1.87845884, 5.02157808}, {8.5623434, -7.29454246, -2.28396505, 6.9290354},
                {9.87714726, -8.46542785, -2.68946069, 8.01139393}});

    /** predOriginalSample of the first call (LCM: diffusers' {@code denoised}); PNDM has none in diffusers. */
    private static final Map<SchedulerKind, double[]> FIRST_X0 = Map.of(
            SchedulerKind.EULER, new double[] {8.33453437, -16.9556135, 2.04853401, 18.1287305},
            SchedulerKind.EULER_ANCESTRAL, new double[] {8.33453437, -16.9556135, 2.04853401, 18.1287305},
            SchedulerKind.LMS, new double[] {8.33453437, -16.9556135, 2.04853401, 18.1287305},
            SchedulerKind.DPMPP_2M, new double[] {8.35914482, -16.9925291, 2.05776293, 18.1748751},
            SchedulerKind.DPMPP_2M_KARRAS, new double[] {8.35914482, -16.9925291, 2.05776293, 18.1748751},
            SchedulerKind.DDIM, new double[] {2.54479546, -4.81652126, 0.714758021, 5.38678324},
            SchedulerKind.LCM, new double[] {8.35914481, -16.9925291, 2.05776293, 18.174875});

    /** Final latents with SD2.1's config (v_prediction, DDIMScheduler file). */
    private static final Map<SchedulerKind, double[]> V_PREDICTION_FINAL = Map.of(
            SchedulerKind.EULER, new double[] {0.311860982, -0.676546405, 0.0676498036, 0.732382808},
            SchedulerKind.EULER_ANCESTRAL, new double[] {0.299805919, 0.462553069, -0.6280515, -0.861119851},
            SchedulerKind.LMS, new double[] {0.465738344, -0.899818352, 0.127534989, 1.02587731},
            SchedulerKind.DPMPP_2M, new double[] {0.412018901, -0.811033783, 0.109247978, 0.917287348},
            SchedulerKind.DPMPP_2M_KARRAS, new double[] {0.575987114, -1.02845947, 0.178154172, 1.22213398},
            SchedulerKind.DDIM, new double[] {0.410125042, -0.787461954, 0.11341969, 0.89871854},
            SchedulerKind.PNDM, new double[] {0.429998237, -0.780797839, 0.129943194, 0.92199145},
            SchedulerKind.LCM, new double[] {-0.113147995, 0.800932491, 0.0585230759, -0.459100346});

    static Stream<Arguments> kinds() {
        return Stream.of(SchedulerKind.values()).map(Arguments::of);
    }

    private static int steps(SchedulerKind kind) {
        return kind == SchedulerKind.LMS ? 5 : 4;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void should_follow_the_diffusers_trajectory_when_predicting_epsilon(SchedulerKind kind) {
        List<Scheduler.StepOutput> out = Trajectory.run(Schedulers.create(kind, SchedulerConfig.sd15()), steps(kind));

        double[][] expected = EPSILON.get(kind);
        assertThat(out).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertClose(out.get(i).prevSample(), expected[i], kind + " call " + i);
        }
        if (FIRST_X0.containsKey(kind)) {
            assertClose(out.get(0).predOriginalSample(), FIRST_X0.get(kind), kind + " x0");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void should_follow_the_diffusers_trajectory_when_predicting_v(SchedulerKind kind) {
        List<Scheduler.StepOutput> out = Trajectory.run(Schedulers.create(kind, SchedulerTestConfigs.sd21()),
                steps(kind));

        assertClose(out.get(out.size() - 1).prevSample(), V_PREDICTION_FINAL.get(kind), kind + " v final");
    }

    static void assertClose(float[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = REL * Math.max(1.0, Math.abs(expected[i]));
            assertThat((double) actual[i]).as(what + " [" + i + "]")
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance));
        }
    }
}
