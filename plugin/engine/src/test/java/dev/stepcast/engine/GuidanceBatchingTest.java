package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.onnx.ModelProbes;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classifier-free guidance: one batch-2 run or two runs, same result; guidance ≤ 1 skips the unconditional pass. */
class GuidanceBatchingTest {

    @TempDir
    Path temp;

    private final GenerationRequest request = GenerationRequest.txt2img("a red fox", "fog", 32, 32, 5, 7f, 11)
            .withScheduler(SchedulerKind.EULER);

    @Test
    void batch_of_two_and_two_runs_give_the_same_image() throws Exception {
        GenerationResult batched = run(SyntheticOptions.defaults().withUnetBatch(0), request, "dynamic");
        GenerationResult twoRuns = run(SyntheticOptions.defaults().withUnetBatch(1), request, "fixed1");
        PipelineEndToEndTest.assertClose(twoRuns.latents().toArray(), batched.latents().toArray(), 1e-6f);
        assertThat(imagePixels(twoRuns)).isEqualTo(imagePixels(batched));
    }

    @Test
    void dynamic_batch_runs_the_unet_once_per_step_with_guidance() throws Exception {
        assertThat(unetCalls(SyntheticOptions.defaults().withUnetBatch(0), request)).isEqualTo(5);
    }

    @Test
    void fixed_batch_of_one_runs_the_unet_twice_per_step_with_guidance() throws Exception {
        assertThat(unetCalls(SyntheticOptions.defaults().withUnetBatch(1), request)).isEqualTo(10);
    }

    @Test
    void guidance_of_one_skips_the_unconditional_pass() throws Exception {
        GenerationRequest noGuidance = GenerationRequest.txt2img("a red fox", "fog", 32, 32, 5, 1f, 11)
                .withScheduler(SchedulerKind.EULER);
        assertThat(unetCalls(SyntheticOptions.defaults().withUnetBatch(1), noGuidance)).isEqualTo(5);
    }

    @Test
    void guidance_of_one_ignores_the_negative_prompt() throws Exception {
        GenerationRequest a = GenerationRequest.txt2img("a red fox", "fog", 32, 32, 4, 1f, 11);
        GenerationRequest b = GenerationRequest.txt2img("a red fox", "a completely different negative", 32, 32, 4,
                1f, 11);
        assertThat(run(SyntheticOptions.defaults(), a, "a").latents().toArray())
                .isEqualTo(run(SyntheticOptions.defaults(), b, "b").latents().toArray());
    }

    private long unetCalls(SyntheticOptions options, GenerationRequest r) throws Exception {
        Path folder = TestModels.writeWithClip(temp, options);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            long before = ModelProbes.unetRunCount(model);
            model.generate(r, StepListener.NONE, new CancellationToken());
            return ModelProbes.unetRunCount(model) - before;
        }
    }

    private GenerationResult run(SyntheticOptions options, GenerationRequest r, String name) throws Exception {
        Path folder = TestModels.writeWithClip(temp.resolve(name), options);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            return model.generate(r, StepListener.NONE, new CancellationToken());
        }
    }

    private static int[] imagePixels(GenerationResult r) {
        return r.image().getRGB(0, 0, r.image().getWidth(), r.image().getHeight(), null, 0, r.image().getWidth());
    }
}
