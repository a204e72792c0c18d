package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.onnx.GraphBuilder;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.synthetic.SyntheticGraphs;
import dev.stepcast.engine.synthetic.SyntheticSdxl;
import dev.stepcast.engine.testing.NoSessionLeft;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SDXL's fp16 VAE overflow: non-finite pixels from an fp16 decoder are decoded again with an fp32 copy of it. */
@ExtendWith(NoSessionLeft.class)
class SdxlVaeUpcastTest {

    @TempDir
    Path temp;

    @Test
    void overflowing_fp16_decoder_is_retried_in_fp32_and_gives_the_same_picture() throws Exception {
        SyntheticSdxl.Options o = SyntheticSdxl.Options.defaults().withFp16(true);
        Path plain = SyntheticSdxl.write(temp.resolve("plain"), o);
        Path overflowing = SyntheticSdxl.write(temp.resolve("overflowing"), o);
        overflowingDecoder(false).save(overflowing.resolve("vae_decoder/model.onnx"));
        GenerationRequest request = GenerationRequest.txt2img("a cat", "blurry", 64, 64, 3, 5f, 4);

        BufferedImage expected = generate(plain, request);
        BufferedImage actual = generate(overflowing, request);
        int maxDifference = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int a = actual.getRGB(x, y);
                int e = expected.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    maxDifference = Math.max(maxDifference, Math.abs(((a >> shift) & 255) - ((e >> shift) & 255)));
                }
            }
        }
        assertThat(maxDifference).as("largest channel difference to the non-overflowing decoder").isLessThanOrEqualTo(1);
    }

    @Test
    void once_the_fp16_decoder_overflowed_the_same_model_decodes_in_fp32_only() throws Exception {
        Path folder = SyntheticSdxl.write(temp.resolve("twice"), SyntheticSdxl.Options.defaults().withFp16(true));
        overflowingDecoder(false).save(folder.resolve("vae_decoder/model.onnx"));
        GenerationRequest request = GenerationRequest.txt2img("a cat", "blurry", 64, 64, 3, 5f, 4);
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.stepcast.engine.onnx.LoadedModel");
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        BufferedImage first;
        BufferedImage second;
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            first = model.generate(request, StepListener.NONE, new CancellationToken()).image();
            second = model.generate(request, StepListener.NONE, new CancellationToken()).image();
        } finally {
            log.removeHandler(handler);
        }

        assertThat(warnings).as("the fp16 decoder ran and overflowed once, then never again")
                .filteredOn(m -> m.contains("fp32 copy")).hasSize(1);
        assertThat(second.getRGB(0, 0, 64, 64, null, 0, 64)).isEqualTo(first.getRGB(0, 0, 64, 64, null, 0, 64));
    }

    @Test
    void decoder_that_is_non_finite_in_fp32_too_is_one_message_naming_it() throws Exception {
        Path folder = SyntheticSdxl.write(temp.resolve("nan"), SyntheticSdxl.Options.defaults().withFp16(true));
        overflowingDecoder(true).save(folder.resolve("vae_decoder/model.onnx"));
        assertThatThrownBy(() -> generate(folder, GenerationRequest.txt2img("a cat", "", 64, 64, 2, 5f, 4)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("vae_decoder/model.onnx produced non-finite pixels in fp16 and in an fp32 copy");
    }

    private static BufferedImage generate(Path folder, GenerationRequest request) throws Exception {
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            return model.generate(request, StepListener.NONE, new CancellationToken()).image();
        }
    }

    /**
     * The synthetic decoder with a float16 intermediate in front: z + (c − c) with c = (|z| + 1) · 60000 stored as
     * float16, so NaN (c overflows to ∞), and exactly z in an fp32 copy. {@code nanAlways}: c = (|z| + 1) · ∞.
     */
    private static GraphBuilder overflowingDecoder(boolean nanAlways) {
        int f16 = GraphBuilder.FLOAT16;
        GraphBuilder g = new GraphBuilder("vae_decoder");
        g.input("latent_sample", f16, "batch", 4, "latent_height", "latent_width");
        g.initializer("one", new float[] {1f});
        g.initializer("big", new float[] {nanAlways ? Float.POSITIVE_INFINITY : 60000f});
        // c = (|z| + 1) · 60000 stored as float16 overflows (> 65504): ∞ − ∞ = NaN; an fp32 copy stores it in float32
        g.op("Cast", "z32a", new String[] {"latent_sample"}, "to", GraphBuilder.FLOAT);
        g.op("Abs", "a", new String[] {"z32a"});
        g.op("Add", "b", new String[] {"a", "one"});
        g.op("Mul", "c", new String[] {"b", "big"});
        g.op("Cast", "c16", new String[] {"c"}, "to", f16);
        g.op("Cast", "c32", new String[] {"c16"}, "to", GraphBuilder.FLOAT);
        g.op("Sub", "d", new String[] {"c32", "c32"});
        g.op("Cast", "d16", new String[] {"d"}, "to", f16);
        String z = g.op("Add", "e", new String[] {"latent_sample", "d16"});
        float[][] m = SyntheticGraphs.decoderMatrix(4);
        float[] w = new float[12];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(m[r], 0, w, r * 4, 4);
        }
        g.initializer("decoder_w", w, 3, 4, 1, 1);
        g.initializer("scales", new float[] {1, 1, 8, 8}, 4);
        g.op("Cast", "z32", new String[] {z}, "to", GraphBuilder.FLOAT);
        g.op("Conv", "rgb", new String[] {"z32", "decoder_w"});
        g.op("Resize", "up8", new String[] {"rgb", "", "scales"}, "mode", "nearest");
        g.op("Cast", "sample", new String[] {"up8"}, "to", f16);
        g.output("sample", f16, "batch", 3, "height", "width");
        return g;
    }
}
