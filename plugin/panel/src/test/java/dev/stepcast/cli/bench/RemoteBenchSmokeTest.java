package dev.stepcast.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bench remote} end to end on the stand-ins (5 steps of 300 ms, one run, so even 1 s polling sees a step):
 * the table has the four scenarios, each with the steps run and at least one preview painted. No timing is asserted.
 */
class RemoteBenchSmokeTest {

    @Test
    void should_table_the_four_remote_scenarios_with_previews_painted_per_steps_run() throws Exception {
        String table = new RemoteBench(1, 5, 300,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();

        Map<String, String[]> rows = new LinkedHashMap<>();
        table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Scenario"))
                .forEach(l -> {
                    String[] cells = l.substring(2, l.length() - 2).split(" \\| ");
                    rows.put(cells[0], cells);
                });
        assertThat(rows.keySet()).containsExactly("sdapi, polling 250 ms", "sdapi, polling 1 s", "SD.Next v2, push",
                "ComfyUI, push");
        rows.forEach((name, cells) -> {
            String[] counted = cells[4].split("/");
            assertThat(Integer.parseInt(counted[1])).as(name + " steps").isEqualTo(5);
            assertThat(Integer.parseInt(counted[0])).as(name + " previews painted").isBetween(1, 5);
            assertThat(cells[2]).as(name + " p50").matches("\\d+\\.\\d");
        });
        assertThat(table).contains("5 steps of 300 ms, 1 runs per scenario");
    }
}
