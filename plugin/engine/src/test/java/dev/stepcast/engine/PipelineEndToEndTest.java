package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.scheduler.SchedulerConfig;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.synthetic.SyntheticOptions.TimestepInput;
import dev.stepcast.engine.synthetic.SyntheticOptions.VaeEncoderOutput;
import dev.stepcast.engine.testing.SyntheticReference;
import dev.stepcast.engine.testing.TestModels;
import dev.stepcast.engine.text.ClipTokenizer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real pipeline on synthetic SD-shaped ONNX models, checked number for number against
 * {@link SyntheticReference} (diffusers' loop recomputed in plain Java).
 */
class PipelineEndToEndTest {

    private static final String PROMPT = "a photo of a cat";
    private static final String NEGATIVE = "blurry";

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(SchedulerKind.class)
    void txt2img_matches_the_reference_loop_for_every_scheduler(SchedulerKind kind) throws Exception {
        SyntheticOptions o = SyntheticOptions.defaults().withLcm(kind == SchedulerKind.LCM);
        float guidance = kind == SchedulerKind.LCM ? 2f : 7.5f;
        Path folder = TestModels.writeWithClip(temp, o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            List<StepEvent> events = new ArrayList<>();
            GenerationRequest request = GenerationRequest.txt2img(PROMPT, NEGATIVE, 64, 48, 6, guidance, 42)
                    .withScheduler(kind);
            GenerationResult result = model.generate(request, e -> events.add(copyOf(e)), new CancellationToken());

            float[] expected = SyntheticReference.txt2img(o, kind, schedulerConfig(folder), 6, 42, guidance,
                    mean(model.tokenizer(), PROMPT, o), mean(model.tokenizer(), NEGATIVE, o), 4 * 6 * 8);
            assertClose(result.latents().toArray(), expected, 1e-4f);
            assertThat(result.scheduler()).isEqualTo(kind);
            assertThat(events).hasSize(result.stepsRun());
            assertThat(events.get(0).step()).isEqualTo(1);
            assertThat(events.get(events.size() - 1).step()).isEqualTo(events.get(0).totalSteps());
            assertThat(events.get(events.size() - 1).latents().toArray()).isEqualTo(result.latents().toArray());
            assertImageDecodes(result, 0.18215f);
        }
    }

    @ParameterizedTest
    @EnumSource(SchedulerKind.class)
    void img2img_matches_the_reference_loop_for_every_scheduler(SchedulerKind kind) throws Exception {
        SyntheticOptions o = SyntheticOptions.defaults().withLcm(kind == SchedulerKind.LCM);
        float guidance = kind == SchedulerKind.LCM ? 2f : 5f;
        Path folder = TestModels.writeWithClip(temp, o);
        BufferedImage init = gradient(64, 64);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest request = GenerationRequest.txt2img(PROMPT, NEGATIVE, 64, 64, 10, guidance, 7)
                    .withScheduler(kind).withInitImage(init, 0.6f);
            GenerationResult result = model.generate(request, StepListener.NONE, new CancellationToken());

            float[] expected = SyntheticReference.img2img(o, kind, schedulerConfig(folder), 10, 0.6f, 7, guidance,
                    mean(model.tokenizer(), PROMPT, o), mean(model.tokenizer(), NEGATIVE, o),
                    encodedGradient(64, 64, 0.18215f));
            assertClose(result.latents().toArray(), expected, 1e-4f);
            int order = kind == SchedulerKind.PNDM ? 1 : 1;
            assertThat(result.stepsRun()).isLessThan(10 + order + 1).isGreaterThanOrEqualTo(6);
        }
    }

    static Stream<Arguments> contracts() {
        SyntheticOptions d = SyntheticOptions.defaults();
        return Stream.of(
                Arguments.of("fp32 int32 [1] dynamic batch", d, 1e-4f),
                Arguments.of("fp16", d.withFp16(true), 2e-2f),
                Arguments.of("int64 ids", d.withInt64Ids(true), 1e-4f),
                Arguments.of("scalar float timestep", d.withTimestep(TimestepInput.FLOAT_SCALAR), 1e-4f),
                Arguments.of("[batch] float timestep", d.withTimestep(TimestepInput.FLOAT_BATCH), 1e-4f),
                Arguments.of("int64 [1] timestep", d.withTimestep(TimestepInput.INT64_ONE), 1e-4f),
                Arguments.of("int64 scalar timestep", d.withTimestep(TimestepInput.INT64_SCALAR), 1e-4f),
                Arguments.of("fixed batch 1", d.withUnetBatch(1), 1e-4f),
                Arguments.of("fixed batch 2, [batch] timestep", d.withUnetBatch(2)
                        .withTimestep(TimestepInput.FLOAT_BATCH), 1e-4f),
                Arguments.of("fixed sequence 77", d.withDynamicSequence(false), 1e-4f),
                Arguments.of("v-prediction", d.withScheduler("EulerDiscreteScheduler", "v_prediction"), 1e-4f),
                Arguments.of("fp16 fixed batch 1 int64 everything", d.withFp16(true).withUnetBatch(1)
                        .withInt64Ids(true).withTimestep(TimestepInput.INT64_SCALAR), 2e-2f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void every_input_contract_gives_the_reference_result(String name, SyntheticOptions o, float tolerance)
            throws Exception {
        Path folder = TestModels.writeWithClip(temp, o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.AUTO)) {
            for (SchedulerKind kind : List.of(SchedulerKind.EULER, SchedulerKind.DPMPP_2M_KARRAS)) {
                GenerationRequest request = GenerationRequest.txt2img(PROMPT, NEGATIVE, 32, 32, 5, 7.5f, 3)
                        .withScheduler(kind);
                GenerationResult result = model.generate(request, StepListener.NONE, new CancellationToken());
                float[] expected = SyntheticReference.txt2img(o, kind, schedulerConfig(folder), 5, 3, 7.5f,
                        mean(model.tokenizer(), PROMPT, o), mean(model.tokenizer(), NEGATIVE, o), 4 * 4 * 4);
                assertClose(result.latents().toArray(), expected, tolerance);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = VaeEncoderOutput.class, names = {"LATENT_SAMPLE", "LATENT_PARAMETERS"})
    void img2img_takes_the_mean_of_either_vae_encoder_output(VaeEncoderOutput output) throws Exception {
        SyntheticOptions o = SyntheticOptions.defaults().withVaeEncoder(output).withFp16(true);
        Path folder = TestModels.writeWithClip(temp, o);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest request = GenerationRequest.txt2img(PROMPT, "", 64, 64, 8, 1f, 5)
                    .withScheduler(SchedulerKind.DDIM).withInitImage(gradient(64, 64), 0.5f);
            GenerationResult result = model.generate(request, StepListener.NONE, new CancellationToken());
            float[] expected = SyntheticReference.img2img(o, SchedulerKind.DDIM, schedulerConfig(folder), 8, 0.5f, 5,
                    1f, mean(model.tokenizer(), PROMPT, o), 0f, encodedGradient(64, 64, 0.18215f));
            assertClose(result.latents().toArray(), expected, 2e-2f);
        }
    }

    static float mean(ClipTokenizer tokenizer, String text, SyntheticOptions o) {
        return SyntheticReference.embeddingMean(tokenizer.encodeForModel(text, 77, o.dynamicSequence()),
                o.hiddenSize());
    }

    static SchedulerConfig schedulerConfig(Path folder) throws ModelException {
        return SchedulerConfig.read(folder.resolve("scheduler/scheduler_config.json"));
    }

    static StepEvent copyOf(StepEvent e) {
        return new StepEvent(e.step(), e.totalSteps(), e.timestep(), e.sigma(), e.latents().copy(),
                e.predictedX0().copy(), e.elapsedNanos());
    }

    static void assertClose(float[] actual, float[] expected, float relativeTolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        float scale = 0f;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(relativeTolerance * (1 + scale)));
        }
    }

    /** The decoded image equals the synthetic decoder's formula applied to the result's own latents. */
    static void assertImageDecodes(GenerationResult result, float scalingFactor) {
        BufferedImage image = result.image();
        FloatTensor latents = result.latents();
        int c = latents.dim(1);
        int h = latents.dim(2);
        int w = latents.dim(3);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(image.getWidth()).isEqualTo(8 * w);
        assertThat(image.getHeight()).isEqualTo(8 * h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float[] cell = new float[c];
                for (int k = 0; k < c; k++) {
                    cell[k] = latents.get((k * h + y) * w + x);
                }
                int rgb = image.getRGB(8 * x + 3, 8 * y + 5);
                assertThat((rgb >> 16) & 0xff).isCloseTo(SyntheticReference.pixel(cell, 0, scalingFactor), within(1));
                assertThat((rgb >> 8) & 0xff).isCloseTo(SyntheticReference.pixel(cell, 1, scalingFactor), within(1));
                assertThat(rgb & 0xff).isCloseTo(SyntheticReference.pixel(cell, 2, scalingFactor), within(1));
            }
        }
    }

    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((x * 4) & 0xff) << 16 | ((y * 4) & 0xff) << 8 | ((x + y) & 0xff));
            }
        }
        return image;
    }

    /** The synthetic VAE encoder applied to {@link #gradient}: 8×8 means of [-1, 1] RGB, channel 3 zero, × factor. */
    static float[] encodedGradient(int width, int height, float factor) {
        BufferedImage image = gradient(width, height);
        int h = height / 8;
        int w = width / 8;
        float[] out = new float[4 * h * w];
        for (int r = 0; r < 3; r++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double sum = 0;
                    for (int dy = 0; dy < 8; dy++) {
                        for (int dx = 0; dx < 8; dx++) {
                            int rgb = image.getRGB(8 * x + dx, 8 * y + dy);
                            sum += ((rgb >> (16 - 8 * r)) & 0xff) / 127.5 - 1.0;
                        }
                    }
                    out[(r * h + y) * w + x] = (float) (sum / 64 * factor);
                }
            }
        }
        return out;
    }
}
