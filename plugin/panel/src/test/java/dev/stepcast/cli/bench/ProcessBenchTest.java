package dev.stepcast.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.app.LauncherOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench cold and bench memory run real child JVMs on a tiny synthetic model and report what they measured. */
class ProcessBenchTest {

    @TempDir
    Path work;

    @Test
    void cold_bench_runs_stepcast_and_both_floors_each_round_and_reports_their_ratios() throws Exception {
        Path model = BenchProcesses.model(null, null, work);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ColdBench.Result result = ColdBench.run(model, 64, 2, 1, work, LauncherOptions.STANDALONE,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(result.floorMillis()).hasSize(1);
        assertThat(result.strictFloorMillis()).hasSize(1);
        assertThat(result.stepcastMillis()).hasSize(1);
        assertThat(result.ratios().get(0)).isEqualTo(result.stepcastMillis().get(0) / result.floorMillis().get(0));
        assertThat(result.strictRatios().get(0))
                .isEqualTo(result.stepcastMillis().get(0) / result.strictFloorMillis().get(0));
        assertThat(work.resolve("floor.png")).isRegularFile();
        assertThat(work.resolve("stepcast.png")).isRegularFile();
        try (var unpacked = java.nio.file.Files.list(work.resolve("cache/stepcast/native"))) {
            assertThat(unpacked.map(p -> p.getFileName().toString()))
                    .singleElement().asString().startsWith("onnxruntime-");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("  round 1: floor ");
    }

    @Test
    void memory_bench_compares_jvm_defaults_with_the_launcher_options_generation_by_generation() throws Exception {
        Path model = BenchProcesses.model(null, null, work);

        List<MemoryBench.Row> rows = MemoryBench.run(model, 64, 2, 5, work);

        assertThat(rows).extracting(MemoryBench.Row::options)
                .containsExactly("JVM defaults", String.join(" ", LauncherOptions.STANDALONE));
        for (MemoryBench.Row row : rows) {
            assertThat(row.generations()).hasSize(5);
            assertThat(row.at(5)[0]).as("RSS in KiB").isGreaterThan(10_000L);
            assertThat(row.at(5)[3]).as("KiB allocated by one generation").isGreaterThan(0L);
        }
    }
}
