package dev.stepcast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizeLimitsTest {

    private static final long GIB = 1L << 30;
    private final SizeLimits limits = new SizeLimits(4 * GIB, 24 * GIB);

    @Test
    void a_huge_size_is_refused_naming_the_largest_that_fits() {
        assertThat(limits.problem(100_000, 100_000)).hasValue("100000×100000 is too large for this machine (it needs"
                + " about 14 TiB of memory for its tensors; Java has 4.0 GiB, the machine 24.0 GiB); the largest that"
                + " fits is 4096×4096");
    }

    @Test
    void the_largest_named_size_itself_fits_and_ordinary_sizes_pass() {
        int side = limits.largestSquare();
        assertThat(limits.problem(side, side)).isEmpty();
        assertThat(limits.problem(512, 512)).isEmpty();
        assertThat(limits.problem(2048, 2048)).isEmpty();
    }

    @Test
    void a_small_heap_limits_the_size_too() {
        SizeLimits small = new SizeLimits(64L << 20, 24 * GIB);
        assertThat(small.largestSquare()).isEqualTo(2048);
        assertThat(small.problem(4096, 4096)).hasValueSatisfying(m -> assertThat(m).endsWith("2048×2048"));
    }
}
