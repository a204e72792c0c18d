package dev.stepcast.panel.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngParametersTest {

    @TempDir
    Path dir;

    @Test
    void should_round_trip_the_parameters_chunk_and_keep_the_pixels() throws Exception {
        BufferedImage image = picture();
        String text = A1111Format.format(new GenerationParameters("a lighthouse at dusk", "fog", 20, "Euler a", 7.5,
                123456789L, 64, 48, "Demo model (procedural scenes)", null));
        Path png = dir.resolve("out.png");

        PngParameters.write(image, text, png);

        assertThat(PngParameters.read(png)).contains(text);
        BufferedImage back = ImageIO.read(png.toFile());
        assertThat(back.getRGB(10, 10)).isEqualTo(image.getRGB(10, 10));
        assertThat(back.getRGB(50, 40)).isEqualTo(image.getRGB(50, 40));
    }

    @Test
    void should_store_text_beyond_latin1_as_utf8() throws Exception {
        String text = "富士山の夕焼け — ネオン\nSteps: 20, Sampler: Euler, CFG scale: 7.0, Seed: 1, Size: 64x48";
        Path png = dir.resolve("utf8.png");

        PngParameters.write(picture(), text, png);

        assertThat(PngParameters.read(png)).contains(text);
    }

    @Test
    void should_find_no_parameters_in_a_png_without_them() throws Exception {
        Path png = dir.resolve("plain.png");
        ImageIO.write(picture(), "png", png.toFile());

        assertThat(PngParameters.read(png)).isEmpty();
    }

    private static BufferedImage picture() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, 64, 48);
        g.setColor(new Color(250, 200, 40));
        g.fillOval(30, 20, 30, 25);
        g.dispose();
        return image;
    }
}
