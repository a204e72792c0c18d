package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.SyntheticReference;
import dev.stepcast.engine.testing.TestModels;
import dev.stepcast.engine.text.ClipTokenizer;
import dev.stepcast.engine.text.EncodedPrompt;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompts over 75 tokens: chunked when the UNet's sequence axis is dynamic, truncated with a warning otherwise. */
class LongPromptTest {

    private static final String LONG = "a very detailed painting of a lighthouse on a rocky coast at dusk, ".repeat(7);

    @TempDir
    Path temp;

    @Test
    void long_prompt_is_encoded_in_chunks_when_the_sequence_axis_is_dynamic() throws Exception {
        SyntheticOptions o = SyntheticOptions.defaults().withDynamicSequence(true);
        Path folder = TestModels.writeWithClip(temp, o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            ClipTokenizer tokenizer = model.tokenizer();
            EncodedPrompt cond = tokenizer.encodeForModel(LONG, 77, true);
            assertThat(cond.chunkCount()).isGreaterThan(1);
            // The one-chunk negative prompt is padded with empty-prompt chunks to the same length.
            int[][] uncondChunks = new int[cond.chunkCount()][];
            uncondChunks[0] = tokenizer.encodeForModel("ugly", 77, false).chunks()[0];
            for (int i = 1; i < uncondChunks.length; i++) {
                uncondChunks[i] = tokenizer.encodeForModel("", 77, false).chunks()[0];
            }
            GenerationResult result = model.generate(request(), StepListener.NONE, new CancellationToken());

            float[] expected = SyntheticReference.txt2img(o, SchedulerKind.DDIM,
                    PipelineEndToEndTest.schedulerConfig(folder), 4, 9, 6f, SyntheticReference.embeddingMean(cond, 32),
                    SyntheticReference.embeddingMean(new EncodedPrompt(uncondChunks, false, 1), 32), 64);
            PipelineEndToEndTest.assertClose(result.latents().toArray(), expected, 1e-4f);
            assertThat(result.warnings()).isEmpty();
        }
    }

    @Test
    void long_prompt_is_truncated_with_a_warning_when_the_sequence_is_fixed() throws Exception {
        SyntheticOptions o = SyntheticOptions.defaults().withDynamicSequence(false);
        Path folder = TestModels.writeWithClip(temp, o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            assertThat(model.info().dynamicSequence()).as("model.info().dynamicSequence()").isEqualTo(false);
            GenerationResult result = model.generate(request(), StepListener.NONE, new CancellationToken());

            EncodedPrompt cond = model.tokenizer().encodeForModel(LONG, 77, false);
            EncodedPrompt uncond = model.tokenizer().encodeForModel("ugly", 77, false);
            float[] expected = SyntheticReference.txt2img(o, SchedulerKind.DDIM,
                    PipelineEndToEndTest.schedulerConfig(folder), 4, 9, 6f, SyntheticReference.embeddingMean(cond, 32),
                    SyntheticReference.embeddingMean(uncond, 32), 64);
            PipelineEndToEndTest.assertClose(result.latents().toArray(), expected, 1e-4f);
            assertThat(result.warnings()).singleElement().asString().contains("prompt has").contains("dropped");
        }
    }

    @Test
    void long_prompt_is_truncated_like_diffusers_when_asked_even_if_the_sequence_is_dynamic() throws Exception {
        SyntheticOptions o = SyntheticOptions.defaults().withDynamicSequence(true);
        Path folder = TestModels.writeWithClip(temp, o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest truncate = request().withCompat(CompatOptions.DEFAULTS.withLongPrompt(LongPrompt.TRUNCATE));
            GenerationResult result = model.generate(truncate, StepListener.NONE, new CancellationToken());

            EncodedPrompt cond = model.tokenizer().encodeForModel(LONG, 77, false);
            EncodedPrompt uncond = model.tokenizer().encodeForModel("ugly", 77, false);
            float[] expected = SyntheticReference.txt2img(o, SchedulerKind.DDIM,
                    PipelineEndToEndTest.schedulerConfig(folder), 4, 9, 6f, SyntheticReference.embeddingMean(cond, 32),
                    SyntheticReference.embeddingMean(uncond, 32), 64);
            PipelineEndToEndTest.assertClose(result.latents().toArray(), expected, 1e-4f);
            assertThat(result.warnings()).singleElement().asString().contains("truncate").contains("dropped");
        }
    }

    private static GenerationRequest request() {
        return GenerationRequest.txt2img(LONG, "ugly", 32, 32, 4, 6f, 9).withScheduler(SchedulerKind.DDIM);
    }
}
