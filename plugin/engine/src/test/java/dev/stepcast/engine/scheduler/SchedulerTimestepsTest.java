package dev.stepcast.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stepcast.engine.SchedulerKind;
import org.junit.jupiter.api.Test;

/**
 * Schedules (timesteps, sigmas, init noise sigma) against diffusers' numbers for SD1.5's betas (scaled_linear
 * 0.00085–0.012, 1000 steps). The expected values come from the issue (Euler leading sigmas, DPM++ 2M Karras
 * timesteps) and from a throwaway numpy transcription of diffusers' {@code set_timesteps} code (float64).
 */
class SchedulerTimestepsTest {

    private static Scheduler sd15(SchedulerKind kind, int steps) {
        Scheduler s = Schedulers.create(kind, SchedulerConfig.sd15());
        s.setTimesteps(steps);
        return s;
    }

    @Test
    void should_compute_sd15_betas_and_alphas_cumprod() {
        NoiseSchedule schedule = new NoiseSchedule(SchedulerConfig.sd15(), NoiseSchedule.Defaults.LINSPACE);

        assertThat(schedule.alphasCumprod[0]).isCloseTo(0.99915, within(1e-12));
        assertThat(schedule.alphasCumprod[999]).isCloseTo(0.004660098513077238, within(1e-9));
        assertThat(schedule.sigmas[0]).isCloseTo(0.029167158151720367, within(1e-9));
        assertThat(schedule.sigmas[999]).isCloseTo(14.614641229333639, within(1e-7));
    }

    @Test
    void should_compute_linear_and_cosine_betas() {
        double[] linear = NoiseSchedule.betas("linear", 0.0001, 0.02, 1000);
        double[] cosine = NoiseSchedule.betas("squaredcos_cap_v2", 0, 0, 1000);

        assertThat(linear[1]).isCloseTo(0.00011991991991991993, within(1e-15));
        assertThat(cosine[0]).isCloseTo(4.128422482196914e-05, within(1e-12));
        assertThat(cosine[500]).isCloseTo(0.003155691441585007, within(1e-12));
        assertThat(cosine[999]).isEqualTo(0.999);
    }

    @Test
    void should_match_euler_leading_sigmas_and_init_sigma() {
        Scheduler euler = Schedulers.create(SchedulerKind.EULER,
                SchedulerConfig.sd15().with("timestep_spacing", "leading"));
        euler.setTimesteps(10);

        assertThat(euler.timesteps()).containsExactly(901, 801, 701, 601, 501, 401, 301, 201, 101, 1);
        assertThat(euler.sigma(0)).isCloseTo(8.39069f, within(1e-4f));
        assertThat(euler.sigma(1)).isCloseTo(5.13444f, within(1e-4f));
        assertThat(euler.sigma(2)).isCloseTo(3.34777f, within(1e-4f));
        assertThat(euler.initNoiseSigma()).isCloseTo(8.45007f, within(1e-4f));
        assertThat(euler.modelInputScale(0)).isCloseTo((float) (1 / Math.sqrt(8.39068477 * 8.39068477 + 1)),
                within(1e-6f));
    }

    @Test
    void should_use_fractional_linspace_timesteps_for_euler_from_the_sd15_config() {
        Scheduler euler = sd15(SchedulerKind.EULER, 8);

        assertThat(euler.timesteps()).containsExactly(999f, 856.2857f, 713.5714f, 570.8571f, 428.14285f, 285.42856f,
                142.71428f, 0f);
        assertThat(euler.sigma(0)).isCloseTo(14.6146f, within(1e-4f));
        assertThat(euler.initNoiseSigma()).isCloseTo(14.6146f, within(1e-4f));
        assertThat(sd15(SchedulerKind.EULER_ANCESTRAL, 8).timesteps()).containsExactly(euler.timesteps());
        assertThat(sd15(SchedulerKind.LMS, 8).timesteps()).containsExactly(euler.timesteps());
    }

    @Test
    void should_use_trailing_spacing_when_configured() {
        SchedulerConfig trailing = SchedulerConfig.sd15().with("timestep_spacing", "trailing");
        Scheduler euler = Schedulers.create(SchedulerKind.EULER, trailing);
        Scheduler ddim = Schedulers.create(SchedulerKind.DDIM, trailing);
        euler.setTimesteps(10);
        ddim.setTimesteps(10);

        assertThat(euler.timesteps()).containsExactly(999, 899, 799, 699, 599, 499, 399, 299, 199, 99);
        assertThat(euler.initNoiseSigma()).isCloseTo(14.6146f, within(1e-4f));
        assertThat(ddim.timesteps()).containsExactly(euler.timesteps());
    }

    @Test
    void should_map_karras_sigmas_to_rounded_timesteps_for_dpmpp_2m_karras() {
        Scheduler dpm = sd15(SchedulerKind.DPMPP_2M_KARRAS, 10);

        assertThat(dpm.timesteps()).containsExactly(999, 916, 815, 687, 523, 327, 146, 41, 7, 0);
        // the step uses the exact Karras sigmas, not the sigmas of the rounded timesteps
        assertThat(dpm.sigma(1)).isCloseTo(9.10292813f, within(1e-5f));
        assertThat(dpm.sigma(9)).isCloseTo(0.02916716f, within(1e-7f));
        assertThat(dpm.sigma(10)).isZero();
        assertThat(dpm.initNoiseSigma()).isEqualTo(1f);
        assertThat(dpm.modelInputScale(3)).isEqualTo(1f);
    }

    @Test
    void should_use_linspace_integer_timesteps_for_dpmpp_2m() {
        Scheduler dpm = sd15(SchedulerKind.DPMPP_2M, 10);

        assertThat(dpm.timesteps()).containsExactly(999, 899, 799, 699, 599, 500, 400, 300, 200, 100);
        assertThat(dpm.sigma(1)).isCloseTo(8.30280319f, within(1e-5f));
    }

    @Test
    void should_give_fractional_timesteps_for_euler_with_karras_sigmas() {
        Scheduler euler = Schedulers.create(SchedulerKind.EULER, SchedulerConfig.sd15().with("use_karras_sigmas", true));
        euler.setTimesteps(6);

        assertThat(euler.timesteps()).containsExactly(new float[] {999f, 837.120403f, 593.501453f, 248.755258f,
            29.8057456f, 0f}, within(1e-3f));
        assertThat(euler.sigma(1)).isCloseTo(6.08214921f, within(1e-5f));
    }

    @Test
    void should_make_n_plus_one_calls_for_pndm_with_the_second_timestep_repeated() {
        Scheduler pndm = sd15(SchedulerKind.PNDM, 8);

        assertThat(pndm.timesteps()).containsExactly(876, 751, 751, 626, 501, 376, 251, 126, 1);
        assertThat(pndm.initNoiseSigma()).isEqualTo(1f);
    }

    @Test
    void should_use_leading_spacing_with_offset_for_ddim_and_linspace_when_set() {
        Scheduler ddim = sd15(SchedulerKind.DDIM, 10);
        Scheduler linspace = Schedulers.create(SchedulerKind.DDIM,
                SchedulerConfig.sd15().with("timestep_spacing", "linspace"));
        linspace.setTimesteps(10);

        assertThat(ddim.timesteps()).containsExactly(901, 801, 701, 601, 501, 401, 301, 201, 101, 1);
        assertThat(linspace.timesteps()).containsExactly(999, 888, 777, 666, 555, 444, 333, 222, 111, 0);
    }

    @Test
    void should_pick_uneven_lcm_timesteps_from_the_original_50_step_schedule() {
        assertThat(sd15(SchedulerKind.LCM, 4).timesteps()).containsExactly(999, 759, 499, 259);
        assertThat(sd15(SchedulerKind.LCM, 6).timesteps()).containsExactly(999, 839, 679, 499, 339, 179);
        assertThat(sd15(SchedulerKind.LCM, 8).timesteps()).containsExactly(999, 879, 759, 639, 499, 379, 259, 139);
        assertThat(sd15(SchedulerKind.LCM, 1).timesteps()).containsExactly(999);
    }

    @Test
    void should_apply_leading_and_trailing_spacing_as_each_class_does() {
        assertThat(timesteps(SchedulerKind.DPMPP_2M, "leading", 7)).containsExactly(876, 751, 626, 501, 376, 251, 126);
        assertThat(timesteps(SchedulerKind.DPMPP_2M, "trailing", 7)).containsExactly(999, 856, 713, 570, 428, 285, 142);
        assertThat(timesteps(SchedulerKind.PNDM, "leading", 7)).containsExactly(853, 711, 711, 569, 427, 285, 143, 1);
        assertThat(timesteps(SchedulerKind.PNDM, "trailing", 7)).containsExactly(999, 856, 856, 713, 570, 428, 285,
                142);
        assertThat(timesteps(SchedulerKind.LMS, "leading", 7)).containsExactly(853, 711, 569, 427, 285, 143, 1);
        Scheduler dpmLeading = Schedulers.create(SchedulerKind.DPMPP_2M,
                SchedulerConfig.sd15().with("timestep_spacing", "leading"));
        dpmLeading.setTimesteps(7);
        assertThat(dpmLeading.sigma(1)).isCloseTo(4.116696479f, within(1e-5f));
        Scheduler lmsLeading = Schedulers.create(SchedulerKind.LMS,
                SchedulerConfig.sd15().with("timestep_spacing", "leading"));
        lmsLeading.setTimesteps(7);
        assertThat(lmsLeading.initNoiseSigma()).isCloseTo(6.64630996f, within(1e-5f));
    }

    private static float[] timesteps(SchedulerKind kind, String spacing, int steps) {
        Scheduler s = Schedulers.create(kind, SchedulerConfig.sd15().with("timestep_spacing", spacing));
        s.setTimesteps(steps);
        return s.timesteps();
    }

    @Test
    void should_give_sigma_space_model_input_scale_only_for_euler_type_schedulers() {
        for (SchedulerKind kind : SchedulerKind.values()) {
            Scheduler s = sd15(kind, 10);
            boolean sigmaSpace = kind == SchedulerKind.EULER || kind == SchedulerKind.EULER_ANCESTRAL
                    || kind == SchedulerKind.LMS;
            assertThat(s.modelInputScale(0) < 0.1f).as(kind.toString()).isEqualTo(sigmaSpace);
            assertThat(s.initNoiseSigma() > 14f).as(kind.toString()).isEqualTo(sigmaSpace);
            assertThat(s.order()).isEqualTo(1);
        }
    }
}
