package dev.stepcast.engine.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.ModelException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApproximatePreviewerTest {

    @TempDir
    Path dir;

    /** A [1, 4, 1, 2] tensor: cell 0 has channel values {@code a}, cell 1 has {@code b}. */
    private static FloatTensor twoCells(float[] a, float[] b) {
        float[] v = new float[8];
        for (int c = 0; c < 4; c++) {
            v[c * 2] = a[c];
            v[c * 2 + 1] = b[c];
        }
        return FloatTensor.wrap(v, 1, 4, 1, 2);
    }

    private static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {p >> 16 & 0xff, p >> 8 & 0xff, p & 0xff};
    }

    private static int expected(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) / 2f * 255f)));
    }

    @Test
    void should_apply_the_sd1_factors_per_latent_cell_at_latent_resolution() {
        FloatTensor x0 = twoCells(new float[] {1f, 0f, 0f, 0f}, new float[] {0.5f, -0.5f, 1f, 0.25f});
        BufferedImage image = new ApproximatePreviewer(LatentRgbMap.SD1).preview(x0);

        assertThat(image.getWidth()).isEqualTo(2);
        assertThat(image.getHeight()).isEqualTo(1);
        assertThat(rgb(image, 0, 0)).containsExactly(expected(0.3512f), expected(0.2297f), expected(0.3227f));
        float r = 0.5f * 0.3512f - 0.5f * 0.3250f + 1f * -0.2829f + 0.25f * -0.2120f;
        float g = 0.5f * 0.2297f - 0.5f * 0.4974f + 1f * 0.1762f + 0.25f * -0.2616f;
        float b = 0.5f * 0.3227f - 0.5f * 0.2350f + 1f * 0.2721f + 0.25f * -0.7177f;
        assertThat(rgb(image, 1, 0)).containsExactly(expected(r), expected(g), expected(b));
    }

    @Test
    void should_add_the_sdxl_bias() {
        FloatTensor zeros = twoCells(new float[4], new float[4]);
        BufferedImage image = new ApproximatePreviewer(LatentRgbMap.SDXL).preview(zeros);

        assertThat(rgb(image, 0, 0)).containsExactly(expected(0.1084f), expected(-0.0175f), expected(-0.0011f));
    }

    @Test
    void should_share_the_sd1_map_for_sd2_because_the_vae_is_the_same() {
        assertThat(LatentRgbMap.SD2).isSameAs(LatentRgbMap.SD1);
    }

    @Test
    void should_clamp_values_outside_minus_one_to_one() {
        FloatTensor x0 = twoCells(new float[] {10f, 10f, 10f, -10f}, new float[] {-10f, -10f, -10f, 10f});
        BufferedImage image = new ApproximatePreviewer(LatentRgbMap.SD1).preview(x0);

        assertThat(rgb(image, 0, 0)).containsExactly(255, 255, 255);
        assertThat(rgb(image, 1, 0)).containsExactly(0, 0, 0);
    }

    @Test
    void should_read_an_exact_map_from_latent_rgb_json() throws Exception {
        Path json = dir.resolve("latent_rgb.json");
        Files.writeString(json, "{\"matrix\":[[1,0,0],[0,1,0],[0,0,1]],\"bias\":[0.5,0,-0.5]}");
        LatentRgbMap map = LatentRgbMap.read(json);
        float[] v = {0.2f, 0f, -0.4f, 0.2f, 0.1f, 0.3f}; // [1, 3, 1, 2]
        BufferedImage image = new ApproximatePreviewer(map).preview(FloatTensor.wrap(v, 1, 3, 1, 2));

        assertThat(map.channels()).isEqualTo(3);
        assertThat(rgb(image, 0, 0)).containsExactly(expected(0.7f), expected(-0.4f), expected(-0.4f));
        assertThat(rgb(image, 1, 0)).containsExactly(expected(0.5f), expected(0.2f), expected(-0.2f));
    }

    @Test
    void should_name_the_file_when_latent_rgb_json_is_malformed() throws Exception {
        Path json = dir.resolve("latent_rgb.json");
        Files.writeString(json, "{\"matrix\":[[1,0],[0,1,0]],\"bias\":[0,0,0]}");

        assertThatThrownBy(() -> LatentRgbMap.read(json))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(json.toString())
                .hasMessageContaining("row 0 has 2 values");
    }

    @Test
    void should_refuse_latents_whose_channels_do_not_match_the_map() {
        FloatTensor threeChannels = FloatTensor.wrap(new float[6], 1, 3, 1, 2);

        assertThatThrownBy(() -> new ApproximatePreviewer(LatentRgbMap.SD1).preview(threeChannels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 channels");
    }
}
