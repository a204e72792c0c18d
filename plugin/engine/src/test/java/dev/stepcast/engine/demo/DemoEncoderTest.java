package dev.stepcast.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.StepListener;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo model's VAE encoder: the graph equals {@link LatentCodec#encode}, and image to image works with it. */
class DemoEncoderTest {

    @Test
    void encoder_graph_equals_the_java_latent_codec_divided_by_the_scaling_factor() throws Exception {
        int size = 256;
        BufferedImage image = SceneRenderer.render(SceneFamily.SUNSET_SEA, 7, size);
        float[] expected = LatentCodec.encode(image, size / LatentCodec.DOWNSCALE);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(DemoEncoderGraph.build().toBytes(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels(image)),
                     new long[] {1, 3, size, size});
             OrtSession.Result result = session.run(Map.of("sample", input))) {
            FloatBuffer out = ((OnnxTensor) result.get("latent_sample").orElseThrow()).getFloatBuffer();
            assertThat(out.remaining()).isEqualTo(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(out.get(i) * LatentCodec.SCALING_FACTOR).as("latent %d", i)
                        .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(2e-4f));
            }
        }
    }

    @Test
    void image_to_image_with_the_demo_model_keeps_the_source_picture_at_low_strength() throws Exception {
        BufferedImage night = SceneRenderer.render(SceneFamily.NIGHT_SKY, 3, 512);
        try (StableDiffusionModel model = StableDiffusionModel.load(DemoTestModel.folder(), ExecutionProvider.CPU)) {
            assertThat(model.info().hasVaeEncoder()).as("model.info().hasVaeEncoder()").isEqualTo(true);
            GenerationRequest request = GenerationRequest.txt2img("snowy hills", "", 512, 512, 20, 7.5f, 11)
                    .withInitImage(night, 0.3f);
            GenerationResult result = model.generate(request, StepListener.NONE, new CancellationToken());

            assertThat(result.stepsRun()).isEqualTo(6);
            // at strength 0.3 the dark night picture stays dark; a snowy-hills picture from scratch is bright
            assertThat(meanLuma(result.image())).isLessThan(0.35);
            assertThat(Math.abs(meanLuma(result.image()) - meanLuma(night))).isLessThan(0.15);
        }
    }

    private static float[] pixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int i = y * w + x;
                out[i] = ((p >> 16) & 255) / 127.5f - 1;
                out[w * h + i] = ((p >> 8) & 255) / 127.5f - 1;
                out[2 * w * h + i] = (p & 255) / 127.5f - 1;
            }
        }
        return out;
    }

    private static double meanLuma(BufferedImage image) {
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                sum += 0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255);
            }
        }
        return sum / 255.0 / image.getWidth() / image.getHeight();
    }
}
