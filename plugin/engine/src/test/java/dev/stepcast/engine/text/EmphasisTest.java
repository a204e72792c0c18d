package dev.stepcast.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmphasisTest {

    @Test
    void should_scale_token_rows_by_their_weights_then_restore_the_chunk_mean() {
        // 3 tokens × width 2; weights 1, 2, 0.5
        float[] z = {1f, 3f, 2f, 2f, 4f, 0f};
        Emphasis.applyOriginal(z, 0, new float[] {1f, 2f, 0.5f}, 2);
        // weighted: {1, 3, 4, 4, 2, 0}, mean 14/6; original mean 12/6 → × 12/14
        double r = 12.0 / 14.0;
        float[] expected = {(float) (1 * r), (float) (3 * r), (float) (4 * r), (float) (4 * r), (float) (2 * r), 0f};
        for (int i = 0; i < z.length; i++) {
            assertThat(z[i]).as("value %d", i).isCloseTo(expected[i], within(1e-6f));
        }
        double mean = 0;
        for (float v : z) {
            mean += v;
        }
        assertThat(mean / 6).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void should_touch_only_its_own_chunk_and_leave_unweighted_chunks_exact() {
        float[] z = {5f, 5f, 1f, 3f, 2f, 2f};
        Emphasis.applyOriginal(z, 2, new float[] {1f, 1f}, 2);
        assertThat(z).containsExactly(5f, 5f, 1f, 3f, 2f, 2f);
        Emphasis.applyOriginal(z, 2, new float[] {3f, 1f}, 2);
        // chunk {1,3,2,2}: weighted {3,9,2,2} sum 16, original sum 8 → × 0.5
        assertThat(z).containsExactly(5f, 5f, 1.5f, 4.5f, 1f, 1f);
    }
}
