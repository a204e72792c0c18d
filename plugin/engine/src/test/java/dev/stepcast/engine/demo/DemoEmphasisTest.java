package dev.stepcast.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.CompatOptions;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A1111 emphasis through the real pipeline on the demo model, whose UNet sums the encoder's rows over the sequence
 * (so a weight on one keyword shifts the balance between families, while Original emphasis keeps the chunk mean).
 */
class DemoEmphasisTest {

    private static StableDiffusionModel model;

    @BeforeAll
    static void load() throws Exception {
        model = StableDiffusionModel.load(DemoTestModel.folder(), ExecutionProvider.CPU);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void should_weight_a_keyword_and_read_a_neutral_bracket_pair_as_the_plain_prompt() throws Exception {
        float[] plain = latents("sunset, mountains", CompatOptions.DEFAULTS);
        float[] neutral = latents("[(sunset)], mountains", CompatOptions.DEFAULTS);
        float[] weighted = latents("(sunset:1.8), mountains", CompatOptions.DEFAULTS);
        assertThat(neutral).as("(x) then [x] is weight 1.0 exactly").containsExactly(plain);
        assertThat(maxDiff(weighted, plain)).as("a weighted keyword changes the image").isGreaterThan(1e-3);
        // with emphasis off the brackets are literal text: the byte pieces of "(", ":" … have zero rows in the demo
        // table, so the result is the plain prompt's
        float[] literal = latents("(sunset:1.8), mountains", CompatOptions.DEFAULTS.withEmphasis(false));
        assertThat(maxDiff(literal, plain)).isLessThan(maxDiff(weighted, plain));
    }

    private static float[] latents(String prompt, CompatOptions compat) throws Exception {
        GenerationRequest request = GenerationRequest.txt2img(prompt, "", 64, 64, 4, 5f, 3)
                .withScheduler(SchedulerKind.DDIM).withCompat(compat);
        return model.generate(request, StepListener.NONE, new CancellationToken()).latents().toArray();
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
