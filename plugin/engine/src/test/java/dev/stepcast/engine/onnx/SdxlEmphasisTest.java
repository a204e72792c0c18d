package dev.stepcast.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.synthetic.SyntheticSdxl;
import dev.stepcast.engine.text.EncodedPrompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDXL prompts get A1111's "Original" emphasis on each text encoder's output before the two are concatenated: every
 * token's row is multiplied by its weight, then the encoder's part of the chunk is rescaled so its mean is unchanged.
 * Checked against that computation done here by hand (in double) on the unweighted prompt's embeddings.
 */
class SdxlEmphasisTest {

    @TempDir
    Path temp;

    @Test
    void each_encoders_output_is_weighted_and_rescaled_on_its_own_before_concatenation() throws Exception {
        Path folder = SyntheticSdxl.write(temp.resolve("sdxl"), SyntheticSdxl.Options.defaults());
        int w1 = SyntheticSdxl.Options.defaults().width1();
        int w2 = SyntheticSdxl.Options.defaults().width2();
        try (ModelParts parts = ModelParts.load(OrtEnvironments.get(), ModelFolder.open(folder), ExecutionProvider.CPU);
             OrtSession.RunOptions run = new OrtSession.RunOptions()) {
            List<String> warnings = new ArrayList<>();
            EncodedPrompt p1 = parts.tokenizer().encodeA1111("a (cat:1.5) on a mat", true, true);
            EncodedPrompt p2 = parts.tokenizer2().encodeA1111("a (cat:1.5) on a mat", true, true);
            assertThat(p1.chunks()).isDeepEqualTo(parts.tokenizer().encodeA1111("a cat on a mat", true, true)
                    .chunks());
            assertThat(p1.chunkWeights(0)).contains(1.5f).contains(1f);

            SdxlConditioning.Result plain = SdxlConditioning.encode(parts, "a cat on a mat", "", false, true, true,
                    warnings, run);
            SdxlConditioning.Result weighted = SdxlConditioning.encode(parts, "a (cat:1.5) on a mat", "", false, true,
                    true, warnings, run);

            float[] expected = plain.cond().clone();
            byHand(expected, p1.chunkWeights(0), 0, w1, w1 + w2);
            byHand(expected, p2.chunkWeights(0), w1, w2, w1 + w2);
            assertThat(weighted.cond()).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(weighted.cond()[i]).as("value %d", i).isCloseTo(expected[i], within(1e-5f));
            }
            assertThat(maxDifference(weighted.cond(), plain.cond())).as("the weights changed something")
                    .isGreaterThan(1e-3f);
            assertThat(weighted.pooledCond()).as("the pooled embedding is not weighted")
                    .containsExactly(plain.pooledCond());
        }
    }

    /** Weights rows {@code [0, weights.length)} of columns {@code [from, from + width)}, then restores their mean. */
    private static void byHand(float[] rows, float[] weights, int from, int width, int stride) {
        double before = 0;
        double after = 0;
        for (int t = 0; t < weights.length; t++) {
            for (int k = 0; k < width; k++) {
                before += rows[t * stride + from + k];
                rows[t * stride + from + k] = (float) (rows[t * stride + from + k] * (double) weights[t]);
                after += rows[t * stride + from + k];
            }
        }
        double ratio = before / after;
        for (int t = 0; t < weights.length; t++) {
            for (int k = 0; k < width; k++) {
                rows[t * stride + from + k] = (float) (rows[t * stride + from + k] * ratio);
            }
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
