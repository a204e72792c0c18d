package dev.stepcast.engine.scheduler;

import dev.stepcast.engine.SchedulerKind;
import java.util.Objects;

/**
 * Creates schedulers from a model's {@link SchedulerConfig}, as diffusers' {@code X.from_config(config)}: keys the
 * config sets are used, every other key takes the chosen class's own default.
 *
 * <p><b>Threads:</b> stateless; each call returns a new, independent scheduler.
 */
public final class Schedulers {

    private Schedulers() {
    }

    /**
     * A new scheduler of {@code kind} configured from {@code config}. The kind overrides {@code _class_name}; DPM++
     * 2M Karras sets {@code use_karras_sigmas}, DPM++ 2M clears it.
     */
    public static Scheduler create(SchedulerKind kind, SchedulerConfig config) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(config, "config");
        return switch (kind) {
            case EULER -> new EulerScheduler(config);
            case EULER_ANCESTRAL -> new EulerAncestralScheduler(config);
            case DDIM -> new DdimScheduler(config);
            case PNDM -> new PndmScheduler(config);
            case LMS -> new LmsScheduler(config);
            case DPMPP_2M -> new DpmSolverMultistepScheduler(config, false);
            case DPMPP_2M_KARRAS -> new DpmSolverMultistepScheduler(config, true);
            case LCM -> new LcmScheduler(config);
        };
    }

    /** Rejects step counts diffusers rejects: below 1 or above {@code num_train_timesteps}. */
    static void checkSteps(int numInferenceSteps, NoiseSchedule schedule) {
        if (numInferenceSteps < 1 || numInferenceSteps > schedule.trainTimesteps) {
            throw new IllegalArgumentException("steps " + numInferenceSteps + " must be between 1 and "
                    + schedule.trainTimesteps);
        }
    }
}
