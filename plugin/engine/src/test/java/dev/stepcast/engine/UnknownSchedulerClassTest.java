package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scheduler_config.json naming a class Stepcast does not have is not silently replaced. */
class UnknownSchedulerClassTest {

    @TempDir
    Path temp;

    @Test
    void the_result_says_which_class_was_unknown_and_what_ran_instead() throws Exception {
        Path folder = TestModels.write(temp, SyntheticOptions.defaults().withScheduler("UniPCMultistepScheduler",
                "epsilon"));
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationResult result = model.generate(GenerationRequest.txt2img("a cat", "", 16, 16, 2, 1f, 1),
                    StepListener.NONE, new CancellationToken());
            assertThat(result.warnings()).containsExactly(folder.resolve("scheduler/scheduler_config.json")
                    + " names the scheduler UniPCMultistepScheduler, which Stepcast does not know; PNDM runs instead"
                    + " (pick another sampler to change it)");
            GenerationResult chosen = model.generate(GenerationRequest.txt2img("a cat", "", 16, 16, 2, 1f, 1)
                    .withScheduler(SchedulerKind.EULER), StepListener.NONE, new CancellationToken());
            assertThat(chosen.warnings()).isEmpty();
        }
    }
}
