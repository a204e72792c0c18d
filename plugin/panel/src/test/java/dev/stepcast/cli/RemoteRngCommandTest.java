package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.panel.png.PngParameters;
import dev.stepcast.standins.ComfyUiStandIn;
import dev.stepcast.standins.SdapiStandIn;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --server … --rng}: the PNG's {@code RNG} says what the server really drew — ComfyUI's KSampler
 * always CPU torch noise, an sdapi server the source it was told to use, nothing when it used its own.
 */
class RemoteRngCommandTest {

    @TempDir
    Path dir;

    private static String[] args(String server, Path out, String... more) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("generate", "--server", server, "--prompt",
                "a lighthouse", "--steps", "2", "--width", "64", "--height", "48", "--seed", "5", "--out",
                out.toString()), java.util.stream.Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void comfyUiPngsSayRngCpuWhateverTheNoiseChoice() throws Exception {
        try (ComfyUiStandIn server = new ComfyUiStandIn().start()) {
            server.stepDuration(Duration.ofMillis(5));
            Path out = dir.resolve("comfy.png");
            CliRun run = CliRun.of(args(server.url().toString(), out, "--api", "comfyui", "--rng", "numpy"));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(PngParameters.read(out).orElseThrow()).contains("RNG: CPU").doesNotContain("numpy");
        }
    }

    @Test
    void anSdapiServerToldTorchCpuWritesRngCpu() throws Exception {
        A1111Run run = generateOnA1111("torch-cpu", dir.resolve("cpu.png"));

        assertThat(run.request().path("override_settings").path("randn_source").asText()).isEqualTo("CPU");
        assertThat(run.parameters()).contains("RNG: CPU");
    }

    @Test
    void anSdapiServerWithNumpyUsesItsOwnRngSaysSoAndThePngHasNoRng() throws Exception {
        A1111Run run = generateOnA1111("numpy", dir.resolve("numpy.png"));

        assertThat(run.cli().out()).contains("uses its own RNG");
        assertThat(run.request().has("override_settings")).isEqualTo(false);
        assertThat(run.parameters()).doesNotContain("RNG:");
    }

    /** What one {@code generate --rng R} against an A1111 stand-in did: the CLI, the request sent, the PNG text. */
    private record A1111Run(CliRun cli, com.fasterxml.jackson.databind.JsonNode request, String parameters) {
    }

    private A1111Run generateOnA1111(String rng, Path out) throws Exception {
        try (SdapiStandIn server = new SdapiStandIn(SdapiStandIn.Flavour.A1111).start()) {
            server.stepDuration(Duration.ofMillis(5));
            CliRun run = CliRun.of(args(server.url().toString(), out, "--rng", rng));

            assertThat(run.exitCode()).as(run.err()).isZero();
            return new A1111Run(run, server.lastGenerate(), PngParameters.read(out).orElseThrow());
        }
    }
}
