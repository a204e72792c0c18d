package dev.stepcast.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void should_take_the_middle_value_or_the_mean_of_the_middle_two_as_median() {
        assertThat(Stats.median(List.of(5, 1, 3))).isEqualTo(3.0);
        assertThat(Stats.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
    }

    @Test
    void should_interpolate_percentiles_between_ranks() {
        List<Integer> values = List.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170,
                180, 190, 200, 210);
        assertThat(Stats.percentile(values, 95)).isEqualTo(200.0);
        assertThat(Stats.percentile(List.of(0, 100), 95)).isEqualTo(95.0);
    }

    @Test
    void should_give_nan_for_no_values() {
        assertThat(Stats.median(List.<Long>of())).isNaN();
        assertThat(Stats.max(List.<Long>of())).isNaN();
    }
}
