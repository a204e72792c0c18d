package dev.stepcast.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The pieces of diffusers' SDXL conditioning, against values worked out by hand. */
class SdxlConditioningTest {

    @Test
    void time_ids_are_original_size_crop_top_left_and_target_size_height_first() {
        // diffusers: list(original_size + crops_coords_top_left + target_size), sizes as (height, width)
        assertThat(SdxlConditioning.timeIds(1216, 832)).containsExactly(832f, 1216f, 0f, 0f, 832f, 1216f);
        assertThat(SdxlConditioning.timeIds(1024, 1024)).containsExactly(1024f, 1024f, 0f, 0f, 1024f, 1024f);
    }

    @Test
    void embeddings_are_concatenated_on_the_last_axis_row_by_row() {
        // np.concatenate([[[1, 2], [3, 4]], [[10, 20, 30], [40, 50, 60]]], axis=-1)
        float[] a = {1, 2, 3, 4};
        float[] b = {10, 20, 30, 40, 50, 60};
        assertThat(SdxlConditioning.concatLastAxis(a, 2, b, 3))
                .containsExactly(1, 2, 10, 20, 30, 3, 4, 40, 50, 60);
    }

    @Test
    void concatenation_of_different_sequence_lengths_is_refused() {
        assertThatThrownBy(() -> SdxlConditioning.concatLastAxis(new float[4], 2, new float[9], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence lengths differ");
    }

    @Test
    void negative_is_zeroed_only_with_guidance_an_empty_negative_and_force_zeros() {
        assertThat(SdxlConditioning.zeroNegative(true, "", true)).isEqualTo(true);
        assertThat(SdxlConditioning.zeroNegative(true, "  ", true)).isEqualTo(true);
        assertThat(SdxlConditioning.zeroNegative(true, null, true)).isEqualTo(true);
        assertThat(SdxlConditioning.zeroNegative(true, "blurry", true)).isEqualTo(false);
        assertThat(SdxlConditioning.zeroNegative(true, "", false)).isEqualTo(false);
        assertThat(SdxlConditioning.zeroNegative(false, "", true)).isEqualTo(false);
    }
}
