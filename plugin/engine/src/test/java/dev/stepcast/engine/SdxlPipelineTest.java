package dev.stepcast.engine;

import static dev.stepcast.engine.PipelineEndToEndTest.assertClose;
import static dev.stepcast.engine.PipelineEndToEndTest.encodedGradient;
import static dev.stepcast.engine.PipelineEndToEndTest.gradient;
import static dev.stepcast.engine.PipelineEndToEndTest.schedulerConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.onnx.ModelProbes;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticGraphs;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.synthetic.SyntheticOptions.TimestepInput;
import dev.stepcast.engine.synthetic.SyntheticSdxl;
import dev.stepcast.engine.testing.SdxlReference;
import dev.stepcast.engine.testing.SyntheticReference;
import dev.stepcast.engine.testing.TestModels;
import dev.stepcast.engine.text.ClipTokenizer;
import dev.stepcast.engine.text.EncodedPrompt;
import dev.stepcast.engine.testing.NoSessionLeft;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SDXL on a synthetic SDXL-shaped folder (optimum's export layout at tiny widths), checked number for number against
 * {@link SdxlReference} (diffusers' {@code encode_prompt} / {@code _get_add_time_ids} written out by hand) and
 * {@link SyntheticReference}'s loop.
 */
@ExtendWith(NoSessionLeft.class)
class SdxlPipelineTest {

    private static final String PROMPT = "a photo of a cat";
    private static final String NEGATIVE = "blurry";

    @TempDir
    Path temp;

    static Stream<Arguments> precisions() {
        SyntheticSdxl.Options d = SyntheticSdxl.Options.defaults();
        return Stream.of(Arguments.of("fp32, rank-0 timestep", d, 1e-4f),
                Arguments.of("fp16, rank-0 timestep", d.withFp16(true), 2e-2f),
                Arguments.of("fp32, timestep [1], fixed sequence 77", d.withTimestep(TimestepInput.FLOAT_ONE)
                        .withDynamicSequence(false), 1e-4f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precisions")
    void txt2img_with_guidance_matches_diffusers_formulas(String name, SyntheticSdxl.Options o, float tolerance)
            throws Exception {
        Path folder = write(o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            assertThat(model.info().family()).isEqualTo(ModelFamily.SDXL);
            assertThat(model.info().vaeScalingFactor()).isEqualTo(0.13025f);
            assertThat(model.info().defaultScheduler()).isEqualTo(SchedulerKind.EULER);
            GenerationRequest request = GenerationRequest.txt2img(PROMPT, NEGATIVE, 64, 48, 6, 5f, 42);
            GenerationResult result = model.generate(request, StepListener.NONE, new CancellationToken());

            double cond = bias(folder, o, PROMPT, 64, 48);
            double uncond = bias(folder, o, NEGATIVE, 64, 48);
            float[] expected = reference(folder, SchedulerKind.EULER, 6, 42, 5f, cond, uncond, 4 * 6 * 8);
            assertClose(result.latents().toArray(), expected, tolerance);
            assertThat(result.image().getWidth()).isEqualTo(64);
            assertThat(result.image().getHeight()).isEqualTo(48);
            // one batch-2 UNet call per step: [uncond, cond] together, as diffusers batches CFG
            assertThat(ModelProbes.unetRunCount(model)).isEqualTo(6);
        }
    }

    @Test
    void empty_negative_prompt_becomes_zero_embeddings_pooled_too_with_force_zeros() throws Exception {
        SyntheticSdxl.Options o = SyntheticSdxl.Options.defaults().withForceZeros(true);
        Path folder = write(o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationResult result = model.generate(GenerationRequest.txt2img(PROMPT, "", 64, 64, 5, 7f, 3),
                    StepListener.NONE, new CancellationToken());

            double cond = bias(folder, o, PROMPT, 64, 64);
            float[] zeroed = reference(folder, SchedulerKind.EULER, 5, 3, 7f, cond,
                    SdxlReference.zeroBias(o, 77, 64, 64), 4 * 8 * 8);
            float[] encodedEmpty = reference(folder, SchedulerKind.EULER, 5, 3, 7f, cond,
                    bias(folder, o, "", 64, 64), 4 * 8 * 8);
            assertClose(result.latents().toArray(), zeroed, 1e-4f);
            assertThat(maxDifference(zeroed, encodedEmpty)).as("zeros and the encoding of \"\" differ")
                    .isGreaterThan(1e-3f);
        }
    }

    @Test
    void empty_negative_prompt_is_encoded_when_the_config_turns_force_zeros_off() throws Exception {
        SyntheticSdxl.Options o = SyntheticSdxl.Options.defaults().withForceZeros(false);
        Path folder = write(o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationResult result = model.generate(GenerationRequest.txt2img(PROMPT, "", 64, 64, 5, 7f, 3),
                    StepListener.NONE, new CancellationToken());

            float[] expected = reference(folder, SchedulerKind.EULER, 5, 3, 7f, bias(folder, o, PROMPT, 64, 64),
                    bias(folder, o, "", 64, 64), 4 * 8 * 8);
            assertClose(result.latents().toArray(), expected, 1e-4f);
        }
    }

    @Test
    void turbo_runs_one_step_without_guidance_on_its_trailing_euler_a_schedule() throws Exception {
        SyntheticSdxl.Options o = SyntheticSdxl.Options.defaults().withTurbo(true);
        Path folder = write(o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            assertThat(model.info().defaultScheduler()).isEqualTo(SchedulerKind.EULER_ANCESTRAL);
            for (int steps : new int[] {1, 4}) {
                long before = ModelProbes.unetRunCount(model);
                GenerationResult result = model.generate(GenerationRequest.txt2img(PROMPT, NEGATIVE, 64, 64, steps,
                        0f, 11), StepListener.NONE, new CancellationToken());

                float[] expected = reference(folder, SchedulerKind.EULER_ANCESTRAL, steps, 11, 0f,
                        bias(folder, o, PROMPT, 64, 64), 0, 4 * 8 * 8);
                assertClose(result.latents().toArray(), expected, 1e-4f);
                assertThat(ModelProbes.unetRunCount(model) - before).isEqualTo(steps);
            }
            assertThat(schedulerConfig(folder).text("timestep_spacing", "")).isEqualTo("trailing");
        }
    }

    @Test
    void long_prompt_is_chunked_by_both_encoders_with_the_pooled_embedding_of_the_first_chunk() throws Exception {
        SyntheticSdxl.Options o = SyntheticSdxl.Options.defaults().withForceZeros(true);
        Path folder = write(o);
        String prompt = "a very long prompt about mountains lakes forests and rivers ".repeat(9);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationResult result = model.generate(GenerationRequest.txt2img(prompt, "", 64, 64, 4, 6f, 5),
                    StepListener.NONE, new CancellationToken());

            int chunks = tokenizer(folder, 1).encodeForModel(prompt, 77, true).chunkCount();
            assertThat(chunks).isGreaterThan(1);
            float[] expected = reference(folder, SchedulerKind.EULER, 4, 5, 6f, bias(folder, o, prompt, 64, 64),
                    SdxlReference.zeroBias(o, 77 * chunks, 64, 64), 4 * 8 * 8);
            assertClose(result.latents().toArray(), expected, 1e-4f);
            assertThat(result.warnings()).isEmpty();
        }
    }

    @Test
    void a1111_emphasis_weights_each_encoder_output_before_the_concatenation() throws Exception {
        SyntheticSdxl.Options o = SyntheticSdxl.Options.defaults();
        Path folder = write(o);
        String prompt = "a (red cat:1.5) on a [mat]";
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationResult result = model.generate(GenerationRequest.txt2img(prompt, NEGATIVE, 64, 64, 4, 6f, 8),
                    StepListener.NONE, new CancellationToken());

            EncodedPrompt p1 = tokenizer(folder, 1).encodeA1111(prompt, true, true);
            EncodedPrompt p2 = tokenizer(folder, 2).encodeA1111(prompt, true, true);
            assertThat(p1.chunkWeights(0)).contains(1.5f);
            double cond = SdxlReference.emphasisedBias(o, p1.chunks(), p1.weights(), p2.chunks(), p2.weights(),
                    64, 64);
            float[] expected = reference(folder, SchedulerKind.EULER, 4, 8, 6f, cond,
                    bias(folder, o, NEGATIVE, 64, 64), 4 * 8 * 8);
            float[] unweighted = reference(folder, SchedulerKind.EULER, 4, 8, 6f,
                    bias(folder, o, "a red cat on a mat", 64, 64), bias(folder, o, NEGATIVE, 64, 64), 4 * 8 * 8);
            assertClose(result.latents().toArray(), expected, 1e-4f);
            assertThat(maxDifference(expected, unweighted)).as("emphasis changes the result").isGreaterThan(1e-4f);
        }
    }

    @Test
    void img2img_noises_the_encoded_image_scaled_by_the_sdxl_factor() throws Exception {
        SyntheticSdxl.Options o = SyntheticSdxl.Options.defaults();
        Path folder = write(o);
        BufferedImage init = gradient(64, 64);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest request = GenerationRequest.txt2img(PROMPT, NEGATIVE, 64, 64, 10, 5f, 7)
                    .withInitImage(init, 0.6f);
            GenerationResult result = model.generate(request, StepListener.NONE, new CancellationToken());

            float[] expected = SyntheticReference.img2img(referenceOptions(), SchedulerKind.EULER,
                    schedulerConfig(folder), 10, 0.6f, 7, 5f, mean(bias(folder, o, PROMPT, 64, 64)),
                    mean(bias(folder, o, NEGATIVE, 64, 64)), encodedGradient(64, 64, 0.13025f));
            assertClose(result.latents().toArray(), expected, 1e-4f);
            assertThat(result.stepsRun()).isEqualTo(6);
        }
    }

    // ---- helpers: the reference side ----

    private Path write(SyntheticSdxl.Options o) throws Exception {
        return SyntheticSdxl.write(temp.resolve("sdxl"), o.withClipTokenizer(TestModels.clipDir()));
    }

    private static ClipTokenizer tokenizer(Path folder, int which) throws ModelException {
        return ClipTokenizer.load(folder.resolve(which == 1 ? "tokenizer" : "tokenizer_2"));
    }

    /** The UNet's constant for {@code text} encoded by both encoders (chunks when the sequence axis allows). */
    private static double bias(Path folder, SyntheticSdxl.Options o, String text, int width, int height)
            throws ModelException {
        boolean chunks = o.dynamicSequence();
        int[][] ids1 = tokenizer(folder, 1).encodeForModel(text, 77, chunks).chunks();
        int[][] ids2 = tokenizer(folder, 2).encodeForModel(text, 77, chunks).chunks();
        return SdxlReference.promptBias(o, ids1, ids2, width, height);
    }

    /** SyntheticReference adds TEXT_GAIN · mean: express a branch's constant as that mean. */
    private static float mean(double bias) {
        return (float) (bias / SyntheticGraphs.TEXT_GAIN);
    }

    private static SyntheticOptions referenceOptions() {
        return SyntheticOptions.defaults().withTimestep(TimestepInput.FLOAT_SCALAR);
    }

    private static float[] reference(Path folder, SchedulerKind kind, int steps, long seed, float guidance,
                                     double cond, double uncond, int count) throws ModelException {
        return SyntheticReference.txt2img(referenceOptions(), kind, schedulerConfig(folder), steps, seed, guidance,
                mean(cond), mean(uncond), count);
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
