package dev.stepcast.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepcast.cli.BenchCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench end to end on a tiny synthetic set (3 steps, 64×64, no extra cost, one run): it runs every scenario
 * through the SwingWorker path and reports decode counts that follow the policy. No timing is asserted.
 */
class BenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void should_run_every_scenario_and_count_decodes_as_the_policy_says() throws Exception {
        Path json = dir.resolve("bench.json");
        BenchSettings settings = BenchSettings.of(3, 64, 1, 2, 2, 0, 0, 0, 4, dir.resolve("work"));
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        int exit = new Bench(settings, new PrintStream(table, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(false, json);

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        Map<String, JsonNode> scenarios = new HashMap<>();
        report.get("scenarios").forEach(s -> scenarios.put(s.get("name").asText(), s));
        assertThat(scenarios).hasSize(6);
        assertThat(scenarios.get("off").get("decodesMedian").asDouble()).isZero();
        assertThat(scenarios.get("approximate every step").get("decodesMedian").asDouble()).isEqualTo(3.0);
        assertThat(scenarios.get("approximate every step").get("decodesExpected").asInt()).isEqualTo(3);
        assertThat(scenarios.get("inactive host, option off").get("decodesMedian").asDouble()).isZero();
        assertThat(scenarios.get("inactive host, option on").get("decodesMedian").asDouble()).isEqualTo(2.0);
        assertThat(scenarios.get("full VAE every 2 steps").get("decodesExpected").asInt()).isEqualTo(2);
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("wall×off", "approximate every step");
    }

    @Test
    void should_reject_bad_arguments_with_exit_code_2() {
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(new CommandLine(new BenchCommand()).execute("--size", "100")).isEqualTo(2);
            assertThat(new CommandLine(new BenchCommand()).execute("--runs", "0")).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
    }
}
