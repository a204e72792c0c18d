package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.InpaintTestModels;
import dev.stepcast.engine.testing.TestModels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inpainting end to end on synthetic models: a plain 4-channel UNet (latent blending) and a 9-channel one. */
class InpaintPipelineTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"plain", "inpaint-fixed-9", "inpaint-dynamic-channels"})
    void unmasked_pixels_are_the_sources_and_the_masked_core_changes(String kind) throws Exception {
        Path folder = model(kind);
        BufferedImage source = gradient(64, 64);
        BufferedImage mask = rectMask(64, 64, 16, 16, 32, 32);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest request = GenerationRequest.txt2img("a red fox", "", 64, 64, 6, 5f, 11)
                    .withScheduler(SchedulerKind.EULER).withInitImage(source, 1f)
                    .withInpaint(InpaintOptions.of(mask).withMaskBlur(2));
            List<StepEvent> events = new ArrayList<>();
            GenerationResult result = model.generate(request, events::add, new CancellationToken());

            assertThat(events).hasSize(6);
            BufferedImage out = result.image();
            assertThat(out.getWidth()).isEqualTo(64);
            int band = 5;
            long coreDiff = 0;
            int core = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    boolean outside = x < 16 - band || x >= 48 + band || y < 16 - band || y >= 48 + band;
                    if (outside) {
                        assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(source.getRGB(x, y));
                    }
                    if (x >= 24 && x < 40 && y >= 24 && y < 40) {
                        coreDiff += diff(out.getRGB(x, y), source.getRGB(x, y));
                        core++;
                    }
                }
            }
            assertThat(coreDiff / (3.0 * core)).as("mean change per channel in the core").isGreaterThan(8.0);
        }
    }

    @Test
    void a_nine_channel_unet_sees_the_mask_and_the_masked_image() throws Exception {
        Path folder = model("inpaint-fixed-9");
        BufferedImage source = gradient(64, 64);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest base = GenerationRequest.txt2img("a red fox", "", 64, 64, 4, 1f, 3)
                    .withScheduler(SchedulerKind.EULER).withInitImage(source, 1f);
            FloatTensor small = model.generate(base.withInpaint(InpaintOptions.of(rectMask(64, 64, 24, 24, 16, 16))
                    .withMaskBlur(0)), StepListener.NONE, new CancellationToken()).latents();
            FloatTensor large = model.generate(base.withInpaint(InpaintOptions.of(rectMask(64, 64, 8, 8, 48, 48))
                    .withMaskBlur(0)), StepListener.NONE, new CancellationToken()).latents();
            // Same seed and prompt: only the mask channel and the masked image latents differ between the runs.
            assertThat(maxAbsDiff(small.toArray(), large.toArray())).isGreaterThan(0.05f);
        }
    }

    @Test
    void a_full_mask_without_blur_is_image_to_image() throws Exception {
        Path folder = model("plain");
        BufferedImage source = gradient(64, 64);
        BufferedImage full = rectMask(64, 64, 0, 0, 64, 64);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest img2img = GenerationRequest.txt2img("a red fox", "", 64, 64, 10, 5f, 7)
                    .withScheduler(SchedulerKind.DDIM).withInitImage(source, 0.6f);
            GenerationResult plain = model.generate(img2img, StepListener.NONE, new CancellationToken());
            GenerationResult inpainted = model.generate(img2img.withInpaint(InpaintOptions.of(full).withMaskBlur(0)),
                    StepListener.NONE, new CancellationToken());
            assertThat(inpainted.latents().toArray()).containsExactly(plain.latents().toArray());
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    assertThat(inpainted.image().getRGB(x, y)).isEqualTo(plain.image().getRGB(x, y));
                }
            }
        }
    }

    @Test
    void only_masked_keeps_the_sources_size_and_pixels_for_a_mask_in_the_corner() throws Exception {
        Path folder = model("plain");
        BufferedImage source = gradient(160, 96);
        BufferedImage mask = rectMask(160, 96, 136, 72, 24, 24);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            GenerationRequest request = GenerationRequest.txt2img("a red fox", "", 64, 64, 5, 5f, 5)
                    .withScheduler(SchedulerKind.EULER).withInitImage(source, 1f)
                    .withInpaint(InpaintOptions.of(mask).withMaskBlur(0).withArea(InpaintOptions.Area.MASKED, 8));
            BufferedImage out = model.generate(request, StepListener.NONE, new CancellationToken()).image();
            assertThat(out.getWidth()).isEqualTo(160);
            assertThat(out.getHeight()).isEqualTo(96);
            long changed = 0;
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 160; x++) {
                    if (x < 136 || y < 72) {
                        assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(source.getRGB(x, y));
                    } else if (out.getRGB(x, y) != source.getRGB(x, y)) {
                        changed++;
                    }
                }
            }
            assertThat(changed).isGreaterThan(24 * 24 / 2);
        }
    }

    private Path model(String kind) throws Exception {
        Path dir = temp.resolve(kind);
        return switch (kind) {
            case "plain" -> TestModels.writeWithClip(dir, SyntheticOptions.defaults());
            case "inpaint-fixed-9" -> InpaintTestModels.write(dir, true);
            default -> InpaintTestModels.write(dir, false);
        };
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static int diff(int a, int b) {
        int d = 0;
        for (int s = 0; s <= 16; s += 8) {
            d += Math.abs(((a >> s) & 0xff) - ((b >> s) & 0xff));
        }
        return d;
    }

    static BufferedImage rectMask(int w, int h, int x, int y, int rw, int rh) {
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int j = y; j < y + rh; j++) {
            for (int i = x; i < x + rw; i++) {
                mask.getRaster().setSample(i, j, 0, 255);
            }
        }
        return mask;
    }

    static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((x * 3) & 0xff) << 16 | ((y * 3) & 0xff) << 8 | ((x + y) & 0xff));
            }
        }
        return image;
    }
}
