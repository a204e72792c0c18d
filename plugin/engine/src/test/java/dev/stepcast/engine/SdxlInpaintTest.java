package dev.stepcast.engine;

import static dev.stepcast.engine.PipelineEndToEndTest.gradient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticSdxl;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inpainting with an SDXL inpainting UNet (9 input channels beside text_embeds and time_ids). */
class SdxlInpaintTest {

    @TempDir
    Path temp;

    @Test
    void nine_channel_sdxl_unet_inpaints_and_keeps_the_unmasked_pixels() throws Exception {
        SyntheticSdxl.Options o = SyntheticSdxl.Options.defaults();
        Path folder = SyntheticSdxl.write(temp.resolve("sdxl-inpaint"), o);
        SyntheticSdxl.writeInpaintingUnet(folder, o);
        BufferedImage source = gradient(64, 64);
        BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(16, 16, 32, 32);
        g.dispose();
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            assertThat(model.info().family()).isEqualTo(ModelFamily.SDXL);
            GenerationRequest request = GenerationRequest.txt2img("a red fox", "blurry", 64, 64, 4, 5f, 11)
                    .withInitImage(source, 1f).withInpaint(InpaintOptions.of(mask).withMaskBlur(0));
            GenerationResult result = model.generate(request, StepListener.NONE, new CancellationToken());

            assertThat(result.stepsRun()).isEqualTo(4);
            BufferedImage out = result.image();
            int changed = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    boolean outside = x < 8 || x >= 56 || y < 8 || y >= 56;
                    if (outside) {
                        assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(source.getRGB(x, y));
                    } else if (x >= 24 && x < 40 && y >= 24 && y < 40 && out.getRGB(x, y) != source.getRGB(x, y)) {
                        changed++;
                    }
                }
            }
            assertThat(changed).as("masked core pixels that changed, of 256").isGreaterThan(128);
        }
    }
}
