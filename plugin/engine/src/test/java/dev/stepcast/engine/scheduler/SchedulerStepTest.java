package dev.stepcast.engine.scheduler;

import static dev.stepcast.engine.scheduler.SchedulerTrajectoryTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stepcast.engine.GaussianNoise;
import dev.stepcast.engine.SchedulerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single steps, img2img starts and config-dependent details, against numbers from a throwaway numpy transcription
 * of diffusers' scheduler code (float64; LMS coefficients with {@code scipy.integrate.quad}).
 */
class SchedulerStepTest {

    @TempDir
    Path dir;

    @Test
    void should_use_alphas_cumprod_0_for_the_last_ddim_step_when_set_alpha_to_one_is_false() {
        float[] sample = {0.5f, -0.25f};
        float[] eps = {0.1f, 0.2f};
        Scheduler sd15 = Schedulers.create(SchedulerKind.DDIM, SchedulerConfig.sd15());
        Scheduler alphaOne = Schedulers.create(SchedulerKind.DDIM, SchedulerConfig.sd15().with("set_alpha_to_one", true));
        sd15.setTimesteps(10);
        alphaOne.setTimesteps(10);

        Scheduler.StepOutput last = sd15.step(eps, 9, sample, new GaussianNoise(1));
        Scheduler.StepOutput lastToOne = alphaOne.step(eps, 9, sample, new GaussianNoise(1));

        assertClose(last.prevSample(), new double[] {0.4989996, -0.25253532}, "ᾱ_prev = alphas_cumprod[0]");
        assertClose(lastToOne.prevSample(), new double[] {0.4962951, -0.25847615}, "ᾱ_prev = 1");
        assertClose(lastToOne.predOriginalSample(), new double[] {0.4962951, -0.25847615}, "x0");
    }

    @Test
    void should_take_ddim_class_defaults_for_keys_an_empty_config_leaves_out() throws Exception {
        Path json = Files.writeString(dir.resolve("scheduler_config.json"), "{}");
        Scheduler ddim = Schedulers.create(SchedulerKind.DDIM, SchedulerConfig.read(json));
        ddim.setTimesteps(10);

        Scheduler.StepOutput out = ddim.step(new float[] {0.9f, -0.9f}, 0, new float[] {3f, -3f}, new GaussianNoise(1));

        // linear betas, leading spacing without offset, clip_sample=True by default
        assertThat(ddim.timesteps()).containsExactly(900, 800, 700, 600, 500, 400, 300, 200, 100, 0);
        assertClose(out.predOriginalSample(), new double[] {1, -1}, "clipped x0");
        assertClose(out.prevSample(), new double[] {0.93814817, -0.93814817}, "prev");
    }

    @Test
    void should_integrate_lms_coefficients_like_scipy_quad() {
        LmsScheduler lms = (LmsScheduler) Schedulers.create(SchedulerKind.LMS, SchedulerConfig.sd15());
        lms.setTimesteps(10);

        double[] order4 = {-0.6766707459096187, 0.35787104081380355, -0.10326066996264792, 0.00949055854182795};
        for (int k = 0; k < 4; k++) {
            assertThat(lms.lmsCoefficient(4, 5, k)).isCloseTo(order4[k], within(1e-9));
        }
        assertThat(lms.lmsCoefficient(2, 1, 0)).isCloseTo(-4.001029863793334, within(1e-9));
        assertThat(lms.lmsCoefficient(2, 1, 1)).isCloseTo(0.770321124866565, within(1e-9));
    }

    @Test
    void should_add_noise_at_the_begin_sigma_in_sigma_space() {
        Scheduler euler = Schedulers.create(SchedulerKind.EULER, SchedulerConfig.sd15());
        euler.setTimesteps(10);

        float[] noisy = euler.addNoise(new float[] {0.5f}, new float[] {1f}, 3);

        assertThat(noisy[0]).isCloseTo(3.41830712f, within(1e-5f));
    }

    @Test
    void should_match_diffusers_img2img_runs_from_a_begin_index() {
        assertClose(Trajectory.runFrom(create(SchedulerKind.EULER), 10, 6),
                new double[] {1.40174688, -0.322857044, -0.0162242197, 2.00379866}, "Euler");
        assertClose(Trajectory.runFrom(create(SchedulerKind.EULER_ANCESTRAL), 10, 6),
                new double[] {1.89612035, 0.320180522, -0.65810578, 1.046739}, "Euler a");
        assertClose(Trajectory.runFrom(create(SchedulerKind.LMS), 10, 6),
                new double[] {1.36555392, -0.315549155, -0.0239880717, 1.96500942}, "LMS");
        assertClose(Trajectory.runFrom(create(SchedulerKind.DPMPP_2M), 10, 6),
                new double[] {1.53729531, -0.126041041, -0.0884808207, 2.11766268}, "DPM++ 2M");
        assertClose(Trajectory.runFrom(create(SchedulerKind.PNDM), 10, 3),
                new double[] {2.16380456, 1.1653575, -0.578023658, 2.5027421}, "PNDM");
        assertClose(Trajectory.runFrom(create(SchedulerKind.DDIM), 10, 6),
                new double[] {1.34860069, -0.406424367, 0.0173936522, 1.95934463}, "DDIM");
        assertClose(Trajectory.runFrom(create(SchedulerKind.LCM), 4, 2),
                new double[] {2.43095255, 0.80778924, -0.945426847, 1.47052804}, "LCM");
    }

    @Test
    void should_support_sample_prediction() {
        SchedulerConfig sample = SchedulerConfig.sd15().with("prediction_type", "sample");
        List<Scheduler.StepOutput> euler = Trajectory.run(Schedulers.create(SchedulerKind.EULER, sample), 4);
        List<Scheduler.StepOutput> ddim = Trajectory.run(Schedulers.create(SchedulerKind.DDIM,
                sample.with("clip_sample", true)), 4);
        List<Scheduler.StepOutput> dpm = Trajectory.run(Schedulers.create(SchedulerKind.DPMPP_2M, sample), 4);

        assertClose(euler.get(3).prevSample(), new double[] {0.067657872, -0.0307106564, 0.0402993181,
            0.0307131752}, "Euler");
        assertClose(ddim.get(3).prevSample(), new double[] {0.139700969, -0.0948172963, 0.0783952667,
            0.152738051}, "DDIM");
        assertClose(dpm.get(3).prevSample(), new double[] {0.135054302, -0.0693950125, 0.0812381127,
            0.13685196}, "DPM++ 2M");
    }

    @Test
    void should_run_pndm_runge_kutta_warmup_when_skip_prk_steps_is_unset() throws Exception {
        // an empty config: PNDM's own defaults (linear betas, leading, offset 0, skip_prk_steps False)
        Scheduler pndm = Schedulers.create(SchedulerKind.PNDM,
                SchedulerConfig.read(Files.writeString(dir.resolve("scheduler_config.json"), "{}")));
        List<Scheduler.StepOutput> out = Trajectory.run(pndm, 6);

        assertThat(pndm.timesteps()).containsExactly(830, 747, 747, 664, 664, 581, 581, 498, 498, 415, 415, 332,
                332, 166, 0);
        assertClose(out.get(0).prevSample(), new double[] {1.35041943, -2.27207017, 0.447144091, 2.67884487}, "0");
        assertClose(out.get(11).prevSample(), new double[] {9.04924911, -16.7227811, 2.641033, 18.9670786}, "11");
        assertClose(out.get(14).prevSample(), new double[] {14.0599321, -26.1487942, 4.06552241, 29.6235011}, "14");
    }

    @Test
    void should_run_pndm_runge_kutta_warmup_with_sd_betas_and_v_prediction() {
        Scheduler eps = Schedulers.create(SchedulerKind.PNDM, SchedulerConfig.sd15().with("skip_prk_steps", false));
        Scheduler v = Schedulers.create(SchedulerKind.PNDM,
                SchedulerTestConfigs.sd21().with("skip_prk_steps", false));
        List<Scheduler.StepOutput> epsOut = Trajectory.run(eps, 10);
        List<Scheduler.StepOutput> vOut = Trajectory.run(v, 5);

        assertThat(eps.timesteps()).containsExactly(901, 851, 851, 801, 801, 751, 751, 701, 701, 651, 651, 601, 601,
                501, 401, 301, 201, 101, 1);
        assertClose(epsOut.get(18).prevSample(), new double[] {4.29960067, -7.9559522, 1.25296601, 9.03418594},
                "epsilon");
        assertThat(vOut).hasSize(14);
        assertClose(vOut.get(13).prevSample(), new double[] {0.452730283, -0.826951242, 0.135600753, 0.972622779},
                "v");
    }

    @Test
    void should_end_dpm_solver_at_sigma_min_when_configured() {
        SchedulerConfig sigmaMin = SchedulerConfig.sd15().with("final_sigmas_type", "sigma_min");

        // below 15 steps the last step is first order (lower_order_final), from 15 on it is second order
        assertClose(last(Trajectory.run(Schedulers.create(SchedulerKind.DPMPP_2M, sigmaMin), 4)),
                new double[] {7.25990576, -14.1688441, 1.93335987, 15.5505204}, "4 steps");
        assertClose(last(Trajectory.run(Schedulers.create(SchedulerKind.DPMPP_2M, sigmaMin), 16)),
                new double[] {6.92643754, -13.2604283, 1.90847114, 14.7335923}, "16 steps");
        assertClose(last(Trajectory.run(Schedulers.create(SchedulerKind.DPMPP_2M_KARRAS, sigmaMin), 16)),
                new double[] {6.90653515, -13.2110656, 1.90580075, 14.687273}, "16 Karras steps");
    }

    private static float[] last(List<Scheduler.StepOutput> out) {
        return out.get(out.size() - 1).prevSample();
    }

    @Test
    void should_draw_ancestral_noise_from_the_run_generator() {
        float[] seed1 = runEulerA(1);
        float[] again = runEulerA(1);
        float[] seed2 = runEulerA(2);

        assertThat(again).containsExactly(seed1);
        assertThat(seed2).isNotEqualTo(seed1);
    }

    @Test
    void should_not_add_lcm_noise_after_the_last_step() {
        Scheduler lcm = create(SchedulerKind.LCM);
        lcm.setTimesteps(4);
        GaussianNoise noise = new GaussianNoise(5);

        Scheduler.StepOutput last = lcm.step(new float[] {0.1f}, 3, new float[] {0.4f}, noise);

        assertThat(last.prevSample()).containsExactly(last.predOriginalSample());
        assertThat(noise.next(1)).containsExactly(new GaussianNoise(5).next(1));
    }

    @Test
    void should_reset_multistep_state_when_timesteps_are_set_again() {
        Scheduler pndm = create(SchedulerKind.PNDM);
        List<Scheduler.StepOutput> first = Trajectory.run(pndm, 4);
        List<Scheduler.StepOutput> second = Trajectory.run(pndm, 4);

        assertThat(second.get(4).prevSample()).containsExactly(first.get(4).prevSample());
    }

    private static Scheduler create(SchedulerKind kind) {
        return Schedulers.create(kind, SchedulerConfig.sd15());
    }

    private static float[] runEulerA(long seed) {
        Scheduler s = create(SchedulerKind.EULER_ANCESTRAL);
        s.setTimesteps(3);
        return s.step(new float[] {0.1f, 0.2f}, 0, new float[] {1f, 2f}, new GaussianNoise(seed)).prevSample();
    }
}
