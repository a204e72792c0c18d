package dev.stepcast.panel.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.FloatTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Drives the policy step by step, as the sampling thread and the EDT would, with no threads and no sleeps. */
class PreviewPolicyTest {

    private final List<Integer> captured = new ArrayList<>();

    private Supplier<PreviewFrame> capture(int step) {
        return () -> {
            captured.add(step);
            return new PreviewFrame(step, FloatTensor.wrap(new float[] {step}, 1, 1, 1, 1), step);
        };
    }

    /** Runs steps {@code from..to} and returns the ones the policy said to decode. */
    private List<Integer> run(PreviewPolicy policy, int from, int to) {
        List<Integer> decoded = new ArrayList<>();
        for (int step = from; step <= to; step++) {
            if (policy.onStep(step, capture(step)) == PreviewPolicy.Decision.DECODE) {
                decoded.add(step);
            }
        }
        return decoded;
    }

    @Test
    void should_decode_steps_1_6_11_16_when_interval_is_5_and_there_are_20_steps() {
        PreviewPolicy policy = new PreviewPolicy(new PreviewSettings(5, PreviewMethod.AUTO, false, null), true);

        assertThat(run(policy, 1, 20)).containsExactly(1, 6, 11, 16);
        assertThat(policy.expectedPreviews(20)).isEqualTo(4);
        assertThat(captured).isEmpty();
    }

    @Test
    void should_decode_every_step_when_interval_is_1() {
        PreviewPolicy policy = new PreviewPolicy(PreviewSettings.defaults(), true);

        assertThat(run(policy, 1, 7)).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void should_make_ceil_steps_over_n_previews() {
        PreviewPolicy policy = new PreviewPolicy(new PreviewSettings(3, PreviewMethod.AUTO, false, null), true);

        assertThat(run(policy, 1, 20)).hasSize(7).hasSize(policy.expectedPreviews(20));
    }

    @Test
    void should_never_decode_a_step_twice() {
        PreviewPolicy policy = new PreviewPolicy(PreviewSettings.defaults(), true);

        assertThat(policy.onStep(3, capture(3))).isEqualTo(PreviewPolicy.Decision.DECODE);
        assertThat(policy.onStep(3, capture(3))).isEqualTo(PreviewPolicy.Decision.SKIP);
        assertThat(policy.onStep(2, capture(2))).isEqualTo(PreviewPolicy.Decision.SKIP);
    }

    @Test
    void should_hold_instead_of_decoding_while_inactive_and_decode_the_current_step_once_on_reactivation() {
        PreviewPolicy policy = new PreviewPolicy(PreviewSettings.defaults(), true);
        assertThat(run(policy, 1, 3)).containsExactly(1, 2, 3);

        assertThat(policy.onActivityChanged(false)).isNull();
        for (int step = 4; step <= 9; step++) {
            assertThat(policy.onStep(step, capture(step))).isEqualTo(PreviewPolicy.Decision.HELD);
        }
        PreviewFrame resumed = policy.onActivityChanged(true);

        assertThat(resumed.step()).isEqualTo(9);
        assertThat(resumed.x0().get(0)).isEqualTo(9f);
        assertThat(policy.onActivityChanged(true)).isNull();
        assertThat(policy.onStep(9, capture(9))).isEqualTo(PreviewPolicy.Decision.SKIP);
        assertThat(run(policy, 10, 11)).containsExactly(10, 11);
    }

    @Test
    void should_not_decode_on_reactivation_when_the_current_step_was_already_decoded() {
        PreviewPolicy policy = new PreviewPolicy(PreviewSettings.defaults(), true);
        assertThat(run(policy, 1, 4)).containsExactly(1, 2, 3, 4);

        policy.onActivityChanged(false);

        assertThat(policy.onActivityChanged(true)).isNull();
    }

    @Test
    void should_not_decode_on_reactivation_before_any_step() {
        PreviewPolicy policy = new PreviewPolicy(PreviewSettings.defaults(), false);

        assertThat(policy.onActivityChanged(true)).isNull();
        assertThat(run(policy, 1, 2)).containsExactly(1, 2);
    }

    @Test
    void should_keep_decoding_at_the_interval_while_inactive_when_the_option_is_on() {
        PreviewPolicy policy = new PreviewPolicy(new PreviewSettings(2, PreviewMethod.AUTO, true, null), true);
        policy.onActivityChanged(false);

        assertThat(run(policy, 1, 6)).containsExactly(1, 3, 5);
        assertThat(captured).isEmpty();
        assertThat(policy.onActivityChanged(true)).isNull();
    }

    @Test
    void should_start_paused_when_the_host_is_inactive_at_the_start() {
        PreviewPolicy policy = new PreviewPolicy(new PreviewSettings(5, PreviewMethod.AUTO, false, null), false);

        assertThat(run(policy, 1, 7)).isEmpty();
        assertThat(captured).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(policy.onActivityChanged(true).step()).isEqualTo(7);
        assertThat(run(policy, 8, 20)).containsExactly(11, 16);
    }
}
