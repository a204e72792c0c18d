package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GaussianNoise;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.TestModels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    Path temp;

    private Path model;

    @BeforeEach
    void writeModel() {
        model = TestModels.write(temp, SyntheticOptions.defaults());
    }

    @Test
    void the_png_carries_a1111_parameters_with_rng_and_sampler() throws Exception {
        Path png = temp.resolve("params.png");
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "a (cat:1.2)", "--negative",
                "dog", "--steps", "2", "--width", "32", "--height", "32", "--seed", "7", "--scheduler", "euler-a",
                "--rng", "torch-cpu", "--out", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String text = dev.stepcast.panel.png.PngParameters.read(png).orElseThrow();
        assertThat(text).startsWith("a (cat:1.2)\nNegative prompt: dog\nSteps: 2, Sampler: Euler a, CFG scale: 7.5, "
                + "Seed: 7, Size: 32x32, Model: ").endsWith(", RNG: CPU");
        CliRun numpy = CliRun.of("generate", "--model", model.toString(), "--prompt", "x", "--steps", "1",
                "--width", "32", "--height", "32", "--seed", "7", "--diffusers", "--out", png.toString());
        assertThat(numpy.exitCode()).as(numpy.err()).isZero();
        assertThat(dev.stepcast.panel.png.PngParameters.read(png).orElseThrow()).endsWith("RNG: numpy");
    }

    @Test
    void generate_writes_the_png_and_prints_a_one_line_summary() throws Exception {
        Path png = temp.resolve("out/cat.png");
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "a cat", "--steps", "3",
                "--width", "48", "--height", "32", "--seed", "5", "--scheduler", "euler-a", "--provider", "cpu",
                "--out", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).singleElement().asString()
                .contains("cat.png").contains("48×32").contains("3 steps Euler a").contains("seed 5")
                .contains("CPU").contains("s/step");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(48);
        assertThat(image.getHeight()).isEqualTo(32);
    }

    @Test
    void json_summary_names_provider_time_and_seconds_per_step() throws Exception {
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "a cat", "--steps", "2",
                "--width", "32", "--height", "32", "--seed", "5", "--provider", "cuda", "--json",
                "--out", temp.resolve("a.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("provider").asText()).isEqualTo("cpu");
        assertThat(json.get("providerRequested").asText()).isEqualTo("cuda");
        assertThat(json.get("providerReason").asText()).contains("CUDA not available");
        assertThat(json.get("steps").asInt()).isEqualTo(2);
        assertThat(json.get("stepsRun").asInt()).as("PNDM (the model's default) makes N+1 UNet calls").isEqualTo(3);
        assertThat(json.get("seconds").asDouble()).isPositive();
        assertThat(json.get("secondsPerStep").asDouble()).isPositive();
        assertThat(json.get("scheduler").asText()).isEqualTo("pndm");
    }

    @Test
    void latents_in_and_out_round_trip_through_npy_and_match_the_engine() throws Exception {
        float[] noise = new GaussianNoise(99).next(4 * 4 * 4);
        Path in = temp.resolve("noise.npy");
        Path out = temp.resolve("final.npy");
        Npy.write(in, FloatTensor.wrap(noise, 1, 4, 4, 4));
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "a cat", "--steps", "4",
                "--width", "32", "--height", "32", "--scheduler", "ddim", "--guidance", "3", "--latents-in",
                in.toString(), "--latents-out", out.toString(), "--out", temp.resolve("b.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        FloatTensor written = Npy.read(out);
        try (StableDiffusionModel m = StableDiffusionModel.load(model, ExecutionProvider.CPU)) {
            GenerationRequest request = new GenerationRequest("a cat", "", 32, 32, 4, 3f, SchedulerKind.DDIM, 0,
                    null, 1f, FloatTensor.wrap(noise, 1, 4, 4, 4));
            float[] expected = m.generate(request, StepListener.NONE, new CancellationToken()).latents().toArray();
            assertThat(written.shape()).containsExactly(1, 4, 4, 4);
            assertThat(written.toArray()).containsExactly(expected);
        }
    }

    @Test
    void img2img_from_an_image_file() throws Exception {
        Path source = temp.resolve("source.png");
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, 0xff0000);
        ImageIO.write(image, "png", source.toFile());
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "a cat", "--steps", "10",
                "--strength", "0.3", "--scheduler", "ddim", "--init-image", source.toString(), "--width", "32", "--height", "32",
                "--json", "--out", temp.resolve("c.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("stepsRun").asInt()).isEqualTo(3);
    }

    @Test
    void a_broken_model_folder_is_one_line_and_exit_code_1() throws Exception {
        Files.write(model.resolve("unet/model.onnx"), new byte[] {1, 2, 3});
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "x", "--out",
                temp.resolve("d.png").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString().contains("unet/model.onnx");
    }
}
