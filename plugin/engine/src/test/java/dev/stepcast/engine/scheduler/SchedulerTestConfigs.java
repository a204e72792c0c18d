package dev.stepcast.engine.scheduler;

/** Configs of real models, as their {@code scheduler_config.json} files set them. */
final class SchedulerTestConfigs {

    private SchedulerTestConfigs() {
    }

    /** stabilityai/stable-diffusion-2-1: SD1.5's keys plus {@code prediction_type: v_prediction}, DDIM. */
    static SchedulerConfig sd21() {
        return SchedulerConfig.sd15().with("_class_name", "DDIMScheduler").with("prediction_type", "v_prediction");
    }
}
