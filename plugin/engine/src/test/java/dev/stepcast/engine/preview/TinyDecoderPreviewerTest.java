package dev.stepcast.engine.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.onnx.GraphBuilder;
import dev.stepcast.engine.onnx.NativeResources;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds tiny TAESD-shaped decoders: {@code latents [1, 4, h, w]} → 1×1 conv picking latent channel 0 into R, G and B
 * → nearest ×8 upsampling → {@code [1, 3, 8h, 8w]}. So every output pixel equals channel 0 of its latent cell, and
 * the test controls the raw output values exactly.
 */
class TinyDecoderPreviewerTest {

    @TempDir
    Path dir;

    private Path decoder(String folder, int inputType, Map<String, String> metadata) throws Exception {
        GraphBuilder g = new GraphBuilder("taesd_decoder");
        g.input("latent_sample", inputType, 1, 4, "h", "w");
        String latents = "latent_sample";
        if (inputType == GraphBuilder.FLOAT16) {
            latents = g.op("Cast", "latents32", new String[] {"latent_sample"}, "to", GraphBuilder.FLOAT);
        }
        float[] weights = new float[3 * 4];
        weights[0] = 1f;  // R ← channel 0
        weights[4] = 1f;  // G ← channel 0
        weights[8] = 1f;  // B ← channel 0
        g.initializer("w", weights, 3, 4, 1, 1);
        g.initializer("scales", new float[] {1f, 1f, 8f, 8f}, 4);
        g.op("Conv", "rgb", new String[] {latents, "w"});
        g.op("Resize", "sample", new String[] {"rgb", "", "scales"}, "mode", "nearest");
        g.output("sample", GraphBuilder.FLOAT, 1, 3, "H", "W");
        OnnxMl.ModelProto.Builder model = g.build().toBuilder();
        metadata.forEach((k, v) -> model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        Path file = dir.resolve(folder).resolve("model.onnx");
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            model.build().writeTo(out);
        }
        return file;
    }

    /** [1, 4, 1, 2] latents with channel 0 = {@code a}, {@code b} in the two cells, other channels 9 (ignored). */
    private static FloatTensor latents(float a, float b) {
        return FloatTensor.wrap(new float[] {a, b, 9, 9, 9, 9, 9, 9}, 1, 4, 1, 2);
    }

    private static int red(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >> 16 & 0xff;
    }

    @Test
    void should_count_its_session_tensors_and_results_and_stop_when_cancelled() throws Exception {
        Path file = decoder("counted", GraphBuilder.FLOAT, Map.of());
        String before = NativeResources.describe();
        int sessionsBefore = NativeResources.openSessions();
        try (TinyDecoderPreviewer p = TinyDecoderPreviewer.open(file)) {
            int sessionsOpen = NativeResources.openSessions() - sessionsBefore;
            p.preview(latents(0.5f, 1f));
            CancellationToken cancel = new CancellationToken();
            cancel.cancel();

            assertThat(sessionsOpen).as("sessions the tiny decoder holds").isEqualTo(1);
            assertThatThrownBy(() -> p.preview(latents(0.5f, 1f), cancel))
                    .isInstanceOf(GenerationCancelledException.class);
        }
        assertThat(NativeResources.describe()).as("after close").isEqualTo(before);
    }

    @Test
    void should_decode_to_full_resolution_and_read_zero_to_one_output() throws Exception {
        try (TinyDecoderPreviewer p = TinyDecoderPreviewer.open(decoder("plain", GraphBuilder.FLOAT, Map.of()))) {
            BufferedImage image = p.preview(latents(0.5f, 1f));

            assertThat(image.getWidth()).isEqualTo(16);
            assertThat(image.getHeight()).isEqualTo(8);
            assertThat(red(image, 3, 3)).isEqualTo(128);
            assertThat(red(image, 12, 7)).isEqualTo(255);
            assertThat(p.outputRange()).isEqualTo(OutputRange.ZERO_ONE);
        }
    }

    @Test
    void should_detect_minus_one_to_one_output_from_negative_values_and_keep_it() throws Exception {
        try (TinyDecoderPreviewer p = TinyDecoderPreviewer.open(decoder("signed", GraphBuilder.FLOAT, Map.of()))) {
            BufferedImage first = p.preview(latents(-0.5f, 1f));
            BufferedImage second = p.preview(latents(0f, 0.5f));

            assertThat(red(first, 0, 0)).isEqualTo(64);     // (-0.5 + 1) / 2
            assertThat(red(first, 8, 0)).isEqualTo(255);
            assertThat(p.outputRange()).isEqualTo(OutputRange.MINUS_ONE_ONE);
            assertThat(red(second, 0, 0)).isEqualTo(128);   // 0 in [-1, 1] is mid grey, even without negatives
        }
    }

    @Test
    void should_use_a_range_declared_in_the_onnx_metadata() throws Exception {
        Path file = decoder("declared", GraphBuilder.FLOAT, Map.of("output_range", "[-1, 1]"));
        try (TinyDecoderPreviewer p = TinyDecoderPreviewer.open(file)) {
            BufferedImage image = p.preview(latents(0f, 1f));

            assertThat(p.outputRange()).isEqualTo(OutputRange.MINUS_ONE_ONE);
            assertThat(red(image, 0, 0)).isEqualTo(128);
        }
    }

    @Test
    void should_read_range_and_scaling_factor_from_a_diffusers_autoencoder_tiny_config() throws Exception {
        Path file = decoder("diffusers", GraphBuilder.FLOAT, Map.of());
        Files.writeString(file.resolveSibling("config.json"),
                "{\"_class_name\":\"AutoencoderTiny\",\"scaling_factor\":2.0}");
        try (TinyDecoderPreviewer p = TinyDecoderPreviewer.open(file)) {
            BufferedImage image = p.preview(latents(1f, 2f));

            assertThat(p.latentScalingFactor()).isEqualTo(2f);
            assertThat(p.outputRange()).isEqualTo(OutputRange.MINUS_ONE_ONE);
            assertThat(red(image, 0, 0)).isEqualTo(191);    // 1 / 2 = 0.5 in [-1, 1] → 0.75
            assertThat(red(image, 8, 0)).isEqualTo(255);    // 2 / 2 = 1
        }
    }

    @Test
    void should_feed_x0_unchanged_by_default_because_taesd_scale_factor_is_one() throws Exception {
        try (TinyDecoderPreviewer p = TinyDecoderPreviewer.open(decoder("taesd", GraphBuilder.FLOAT, Map.of()))) {
            assertThat(p.latentScalingFactor()).isEqualTo(1f);
            assertThat(red(p.preview(latents(0.25f, 0.75f)), 0, 0)).isEqualTo(64);
        }
    }

    @Test
    void should_accept_a_float16_input() throws Exception {
        try (TinyDecoderPreviewer p = TinyDecoderPreviewer.open(decoder("fp16", GraphBuilder.FLOAT16, Map.of()))) {
            assertThat(red(p.preview(latents(0.5f, 0f)), 0, 0)).isEqualTo(128);
        }
    }

    @Test
    void should_name_the_file_when_it_is_not_an_onnx_model() throws Exception {
        Path junk = dir.resolve("junk.onnx");
        Files.writeString(junk, "not a model");

        assertThatThrownBy(() -> TinyDecoderPreviewer.open(junk))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(junk.toString());
    }

    @Test
    void should_refuse_use_after_close() throws Exception {
        TinyDecoderPreviewer p = TinyDecoderPreviewer.open(decoder("closed", GraphBuilder.FLOAT, Map.of()));
        p.close();
        p.close();

        assertThatThrownBy(() -> p.preview(latents(0f, 0f))).isInstanceOf(IllegalStateException.class);
    }
}
