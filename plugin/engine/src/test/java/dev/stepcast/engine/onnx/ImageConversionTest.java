package dev.stepcast.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageConversionTest {

    @Test
    void planesInMinusOneToOneBecomeClampedRoundedRgbPixels() {
        // 3×1 pixels; planes R, G, B: -1 → 0, 0 → 128 (127.5 rounds up), 1 → 255, beyond the range clamps
        float[] chw = {-1f, 0f, 1f, 1f, -3f, 0.5f, 0f, 2f, -1f};

        BufferedImage image = ImageConversion.toImage(chw, 3, 1);

        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x00FF80);
        assertThat(image.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x8000FF);
        assertThat(image.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0xFFBF00);
    }

    @Test
    void aRoundTripThroughFromImageKeepsEveryPixelOfAWideImage() {
        int w = 67;
        int h = 5;
        float[] chw = new float[3 * w * h];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i % 256) / 127.5f - 1f;
        }

        BufferedImage image = ImageConversion.toImage(chw, w, h);
        float[] back = ImageConversion.fromImage(image, w, h);

        for (int i = 0; i < chw.length; i++) {
            assertThat(back[i]).as("value %d", i).isEqualTo(chw[i]);
        }
        assertThat(image.getRGB(w - 1, h - 1) & 0xFF).isEqualTo((2 * w * h + w * h - 1) % 256);
    }
}
