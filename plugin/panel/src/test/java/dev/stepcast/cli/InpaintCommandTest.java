package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.engine.testing.InpaintTestModels;
import dev.stepcast.engine.testing.TestModels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code generate --init-image I --mask M}: the output has the source's size and its pixels outside the mask. */
class InpaintCommandTest {

    @TempDir
    Path temp;

    private String previousCache;

    @AfterEach
    void restoreCache() {
        if (previousCache == null) {
            System.clearProperty("stepcast.cache");
        } else {
            System.setProperty("stepcast.cache", previousCache);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "nine-channel", "demo"})
    void unmasked_pixels_are_the_sources_and_the_masked_core_changes(String kind) throws Exception {
        previousCache = System.getProperty("stepcast.cache");
        System.setProperty("stepcast.cache", temp.resolve("cache").toString());
        BufferedImage source = noise(96, 64);
        Path sourcePng = write(source, "source.png");
        // A mask of half the source's size: scaled up, its white square covers source pixels 32..63 × 16..47.
        BufferedImage mask = new BufferedImage(48, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 8; y < 24; y++) {
            for (int x = 16; x < 32; x++) {
                mask.getRaster().setSample(x, y, 0, 255);
            }
        }
        Path maskPng = write(mask, "mask.png");
        Path out = temp.resolve("out.png");
        String[] model = switch (kind) {
            case "plain" -> new String[] {"--model", TestModels.writeWithClip(temp.resolve("m"),
                    SyntheticOptions.defaults()).toString()};
            case "nine-channel" -> new String[] {"--model", InpaintTestModels.write(temp.resolve("m"), true).toString()};
            default -> new String[0];
        };
        String[] args = concat(new String[] {"generate", "--prompt", "a boat on a lake", "--steps", "5", "--width",
                "64", "--height", "64", "--seed", "9", "--provider", "cpu", "--init-image", sourcePng.toString(),
                "--strength", "1", "--mask", maskPng.toString(), "--mask-blur", "2", "--out", out.toString()}, model);
        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage result = ImageIO.read(out.toFile());
        assertThat(result.getWidth()).isEqualTo(96);
        assertThat(result.getHeight()).isEqualTo(64);
        int band = 6; // the blur's reach (5) plus one pixel of mask scaling
        long coreDiff = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                if (x < 32 - band || x >= 64 + band || y < 16 - band || y >= 48 + band) {
                    assertThat(result.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(source.getRGB(x, y));
                } else if (x >= 40 && x < 56 && y >= 24 && y < 40) {
                    coreDiff += Math.abs((result.getRGB(x, y) & 0xff) - (source.getRGB(x, y) & 0xff));
                }
            }
        }
        assertThat(coreDiff / 256.0).as("mean change of blue in the core").isGreaterThan(8.0);
    }

    @Test
    void an_all_black_mask_says_nothing_to_repaint_and_exits_2() throws Exception {
        Path model = TestModels.write(temp, SyntheticOptions.defaults());
        Path source = write(noise(32, 32), "source.png");
        Path mask = write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "mask.png");
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--prompt", "x", "--width", "32",
                "--height", "32", "--init-image", source.toString(), "--mask", mask.toString(),
                "--out", temp.resolve("o.png").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("mask.png").contains("nothing to repaint");
    }

    @Test
    void a_mask_without_a_source_image_or_with_a_bad_area_is_one_line() throws Exception {
        Path mask = write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "mask.png");
        CliRun noSource = CliRun.of("generate", "--prompt", "x", "--mask", mask.toString(), "--out", "o.png");
        assertThat(noSource.exitCode()).isEqualTo(2);
        assertThat(noSource.err().lines()).singleElement().asString().contains("--mask needs --init-image");
        Path source = write(noise(32, 32), "source.png");
        CliRun badArea = CliRun.of("generate", "--prompt", "x", "--init-image", source.toString(), "--mask",
                mask.toString(), "--inpaint-area", "inside", "--out", "o.png");
        assertThat(badArea.exitCode()).isEqualTo(2);
        assertThat(badArea.err().lines()).singleElement().asString().contains("'inside' is not whole or masked");
    }

    private Path write(BufferedImage image, String name) throws Exception {
        Path file = temp.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static BufferedImage noise(int w, int h) {
        Random random = new Random(42);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}
