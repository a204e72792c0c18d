package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scheduler at the edges of the documented step range (1, 2, 999 and 1000), text to image and image to image:
 * it runs to the end and gives finite latents (PNDM and DDIM used to index ᾱ at timestep 1000 with SD's
 * {@code steps_offset: 1}).
 */
class StepCountEdgesTest {

    @TempDir
    static Path temp;

    private static StableDiffusionModel model;
    private static StableDiffusionModel lcm;

    @BeforeAll
    static void load() throws ModelException {
        model = StableDiffusionModel.load(TestModels.write(temp.resolve("sd"), SyntheticOptions.defaults()),
                ExecutionProvider.CPU);
        lcm = StableDiffusionModel.load(TestModels.write(temp.resolve("lcm"), SyntheticOptions.defaults().withLcm(true)),
                ExecutionProvider.CPU);
    }

    @AfterAll
    static void close() {
        model.close();
        lcm.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(SchedulerKind.values()).flatMap(kind -> Stream.of(1, 2, 999, 1000).flatMap(steps ->
                Stream.of(Arguments.of(kind, steps, false), Arguments.of(kind, steps, true))));
    }

    @ParameterizedTest(name = "{0} {1} steps, img2img {2}")
    @MethodSource("cases")
    void runs_to_the_end_with_finite_latents(SchedulerKind kind, int steps, boolean img2img) throws Exception {
        GenerationRequest request = GenerationRequest.txt2img("a cat", "", 16, 16, steps, 1f, 3).withScheduler(kind);
        if (img2img) {
            request = request.withInitImage(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), 0.5f);
        }
        StableDiffusionModel m = kind == SchedulerKind.LCM ? lcm : model;
        if (kind == SchedulerKind.LCM && steps > 50) {
            GenerationRequest tooMany = request;
            assertThatThrownBy(() -> m.generate(tooMany, StepListener.NONE, new CancellationToken()))
                    .hasMessage("LCM takes at most 50 steps, not " + steps);
            return;
        }
        GenerationResult result = m.generate(request, StepListener.NONE, new CancellationToken());
        float[] latents = result.latents().toArray();
        long nonFinite = 0;
        for (float v : latents) {
            nonFinite += Float.isFinite(v) ? 0 : 1;
        }
        assertThat(nonFinite).as("non-finite latent values").isZero();
        assertThat(result.stepsRun()).as("UNet calls").isGreaterThanOrEqualTo(
                GenerationRequest.stepsRun(steps, img2img ? 0.5f : 1f));
    }
}
