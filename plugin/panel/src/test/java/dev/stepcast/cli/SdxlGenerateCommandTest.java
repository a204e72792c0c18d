package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.synthetic.SyntheticSdxl;
import dev.stepcast.engine.testing.TestModels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --model DIR} on a synthetic SDXL folder (optimum's layout): text to image and image to image. */
class SdxlGenerateCommandTest {

    @TempDir
    Path temp;

    private Path sdxl(SyntheticSdxl.Options options) throws Exception {
        return SyntheticSdxl.write(temp.resolve("sdxl"), options.withClipTokenizer(TestModels.clipDir()));
    }

    @Test
    void sdxl_folder_generates_at_its_default_size_1024_with_the_model_scheduler() throws Exception {
        Path model = sdxl(SyntheticSdxl.Options.defaults());
        Path png = temp.resolve("out/castle.png");
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "a castle on a hill",
                "--negative", "blurry", "--steps", "2", "--guidance", "5", "--seed", "9", "--provider", "cpu",
                "--json", "--out", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("scheduler").asText()).isEqualTo("euler");
        assertThat(json.get("stepsRun").asInt()).isEqualTo(2);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(1024);
    }

    @Test
    void sdxl_turbo_runs_one_step_without_guidance() throws Exception {
        Path model = sdxl(SyntheticSdxl.Options.defaults().withTurbo(true));
        Path png = temp.resolve("turbo.png");
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "a fox", "--steps", "1",
                "--guidance", "0", "--width", "512", "--height", "512", "--seed", "1", "--json",
                "--out", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("scheduler").asText()).isEqualTo("euler-a");
        assertThat(json.get("stepsRun").asInt()).isEqualTo(1);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(512);
    }

    @Test
    void sdxl_image_to_image_runs_the_strength_share_of_steps_and_matches_the_engine() throws Exception {
        Path model = sdxl(SyntheticSdxl.Options.defaults().withFp16(true));
        Path source = temp.resolve("red.png");
        BufferedImage red = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = red.createGraphics();
        g.setColor(new Color(220, 30, 30));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        ImageIO.write(red, "png", source.toFile());
        Path latents = temp.resolve("final.npy");
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "a red wall", "--steps", "10",
                "--width", "64", "--height", "64", "--init-image", source.toString(), "--strength", "0.2",
                "--guidance", "4", "--seed", "3", "--json", "--latents-out", latents.toString(),
                "--out", temp.resolve("img2img.png").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("stepsRun").asInt()).isEqualTo(2);

        try (StableDiffusionModel engine = StableDiffusionModel.load(model, ExecutionProvider.CPU)) {
            GenerationResult direct = engine.generate(GenerationRequest.txt2img("a red wall", "", 64, 64, 10, 4f, 3)
                    .withInitImage(ImageIO.read(source.toFile()), 0.2f), StepListener.NONE, new CancellationToken());
            assertThat(Npy.read(latents).toArray()).containsExactly(direct.latents().toArray());
        }
    }

    @Test
    void half_present_sdxl_folder_exits_1_with_one_line_naming_the_missing_tokenizer() throws Exception {
        Path model = sdxl(SyntheticSdxl.Options.defaults());
        Files.delete(model.resolve("tokenizer_2/vocab.json"));
        Files.delete(model.resolve("tokenizer_2/merges.txt"));
        Files.delete(model.resolve("tokenizer_2/special_tokens_map.json"));
        Files.delete(model.resolve("tokenizer_2"));
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "x", "--out",
                temp.resolve("x.png").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).first().asString().contains("is incomplete: missing tokenizer_2/");
    }
}
