package dev.stepcast.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.SchedulerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code scheduler_config.json} and diffusers' {@code from_config} semantics. */
class SchedulerConfigTest {

    /** runwayml/stable-diffusion-v1-5's scheduler/scheduler_config.json, verbatim. */
    private static final String SD15_FILE = """
            {
              "_class_name": "PNDMScheduler",
              "_diffusers_version": "0.6.0",
              "beta_end": 0.012,
              "beta_schedule": "scaled_linear",
              "beta_start": 0.00085,
              "num_train_timesteps": 1000,
              "set_alpha_to_one": false,
              "skip_prk_steps": true,
              "steps_offset": 1,
              "trained_betas": null,
              "clip_sample": false
            }
            """;

    @TempDir
    Path dir;

    private SchedulerConfig write(String json) throws Exception {
        return SchedulerConfig.read(Files.writeString(dir.resolve("scheduler_config.json"), json));
    }

    @Test
    void should_read_the_sd15_file_like_the_builtin_defaults() throws Exception {
        SchedulerConfig file = write(SD15_FILE);

        assertThat(file.defaultKind()).contains(SchedulerKind.PNDM);
        assertThat(file.predictionType()).isEqualTo("epsilon");
        for (SchedulerKind kind : SchedulerKind.values()) {
            Scheduler a = Schedulers.create(kind, file);
            Scheduler b = Schedulers.create(kind, SchedulerConfig.sd15());
            a.setTimesteps(12);
            b.setTimesteps(12);
            assertThat(a.timesteps()).as(kind.toString()).containsExactly(b.timesteps());
            assertThat(a.sigma(3)).isEqualTo(b.sigma(3));
        }
    }

    @Test
    void should_give_each_class_its_own_default_for_keys_the_file_does_not_set() throws Exception {
        SchedulerConfig file = write(SD15_FILE);

        assertThat(file.isSet("timestep_spacing")).as("file.isSet(\"timestep_spacing\")").isEqualTo(false);
        assertThat(Schedulers.create(SchedulerKind.PNDM, file).kind()).isEqualTo(SchedulerKind.PNDM);
        Scheduler ddim = Schedulers.create(SchedulerKind.DDIM, file);
        Scheduler euler = Schedulers.create(SchedulerKind.EULER, file);
        ddim.setTimesteps(8);
        euler.setTimesteps(8);
        assertThat(ddim.timesteps()[0]).isEqualTo(876f); // "leading" + steps_offset 1
        assertThat(euler.timesteps()[0]).isEqualTo(999f); // "linspace"
        assertThat(file.text("timestep_spacing", "linspace")).isEqualTo("linspace");
        assertThat(file.number("beta_end", 0.02)).isEqualTo(0.012);
    }

    @Test
    void should_name_the_kind_from_class_name_and_karras_flag() throws Exception {
        assertThat(write("{\"_class_name\": \"EulerAncestralDiscreteScheduler\"}").defaultKind())
                .contains(SchedulerKind.EULER_ANCESTRAL);
        assertThat(write("{\"_class_name\": \"DPMSolverMultistepScheduler\"}").defaultKind())
                .contains(SchedulerKind.DPMPP_2M);
        assertThat(write("{\"_class_name\": \"DPMSolverMultistepScheduler\", \"use_karras_sigmas\": true}")
                .defaultKind()).contains(SchedulerKind.DPMPP_2M_KARRAS);
        assertThat(write("{\"_class_name\": \"LCMScheduler\"}").defaultKind()).contains(SchedulerKind.LCM);
        assertThat(write("{\"_class_name\": \"HeunDiscreteScheduler\"}").defaultKind()).isEmpty();
        assertThat(write("{\"_class_name\": \"HeunDiscreteScheduler\"}").isSet("_class_name"))
                .as("_class_name set").isEqualTo(true);
    }

    @Test
    void should_read_v_prediction_and_trained_betas() throws Exception {
        SchedulerConfig config = write("{\"prediction_type\": \"v_prediction\", \"trained_betas\": [0.1, 0.2, 0.3]}");

        assertThat(config.predictionType()).isEqualTo("v_prediction");
        NoiseSchedule schedule = new NoiseSchedule(config, NoiseSchedule.Defaults.LINSPACE);
        assertThat(schedule.trainTimesteps).isEqualTo(3);
        assertThat(schedule.alphasCumprod[2]).isCloseTo(0.9 * 0.8 * 0.7, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void should_let_the_kind_override_the_karras_flag() {
        SchedulerConfig karras = SchedulerConfig.sd15().with("use_karras_sigmas", true);

        Scheduler plain = Schedulers.create(SchedulerKind.DPMPP_2M, karras);
        plain.setTimesteps(10);

        assertThat(plain.kind()).isEqualTo(SchedulerKind.DPMPP_2M);
        assertThat(plain.timesteps()[1]).isEqualTo(899f);
    }

    @Test
    void should_name_the_file_when_it_is_missing_or_not_json() throws Exception {
        Path missing = dir.resolve("scheduler_config.json");
        assertThatThrownBy(() -> SchedulerConfig.read(missing))
                .isInstanceOf(ModelException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> write("{\"beta_end\": 0.012,"))
                .isInstanceOf(ModelException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> write("[1, 2]"))
                .isInstanceOf(ModelException.class).hasMessageContaining("JSON object");
    }

    @Test
    void should_reject_values_no_scheduler_understands() {
        assertThatThrownBy(() -> write("{\"beta_schedule\": \"sigmoid\"}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("beta_schedule 'sigmoid'")
                .hasMessageContaining("scaled_linear");
        assertThatThrownBy(() -> write("{\"prediction_type\": \"flow\"}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("prediction_type 'flow'");
        assertThatThrownBy(() -> write("{\"num_train_timesteps\": \"many\"}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("num_train_timesteps");
    }

    @Test
    void should_reject_step_counts_diffusers_rejects() {
        Scheduler euler = Schedulers.create(SchedulerKind.EULER, SchedulerConfig.sd15());
        Scheduler lcm = Schedulers.create(SchedulerKind.LCM, SchedulerConfig.sd15());

        assertThatThrownBy(() -> euler.setTimesteps(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> euler.setTimesteps(1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lcm.setTimesteps(51)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("50");
    }
}
