package dev.stepcast.standins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepcast.engine.Backend;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.CompatOptions;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.remote.Backends;
import dev.stepcast.engine.remote.RemoteServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The painter's noise source means the same on an sdapi server: A1111 gets {@code randn_source} ("NV", "CPU") and
 * SD.Next {@code diffusers_generator_device} ("GPU", "CPU") in the request's {@code override_settings}, whichever
 * option the server lists in {@code /sdapi/v1/options} (asked once); numpy and stepcast have no server equivalent, so
 * nothing is sent and the result says the server used its own RNG.
 */
class SdapiRngTest {

    private SdapiStandIn server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Backend connect(SdapiStandIn.Flavour flavour) throws Exception {
        server = new SdapiStandIn(flavour).pace(SdapiStandIn.Pace.PER_POLL).start();
        return Backends.connect(RemoteServer.of(server.url(), RemoteServer.Protocol.SDAPI)
                .withPollInterval(Duration.ofMillis(10)));
    }

    private static GenerationRequest request(NoiseSource rng) {
        return GenerationRequest.txt2img("a lighthouse", "", 64, 48, 2, 7f, 42)
                .withCompat(CompatOptions.DEFAULTS.withRng(rng));
    }

    private GenerationResult generate(Backend backend, NoiseSource rng) throws Exception {
        return backend.generate(request(rng), RecordingListener.wantingNone(), new CancellationToken());
    }

    @Test
    void a1111GetsItsRandnSourceNvOrCpuRestoredAfterwards() throws Exception {
        try (Backend backend = connect(SdapiStandIn.Flavour.A1111)) {
            GenerationResult nv = generate(backend, NoiseSource.A1111_NV);
            JsonNode first = server.lastGenerate();
            GenerationResult cpu = generate(backend, NoiseSource.TORCH_CPU);
            JsonNode second = server.lastGenerate();

            assertThat(first.path("override_settings").path("randn_source").asText()).isEqualTo("NV");
            assertThat(second.path("override_settings").path("randn_source").asText()).isEqualTo("CPU");
            assertThat(second.path("override_settings").has("diffusers_generator_device")).isEqualTo(false);
            assertThat(second.path("override_settings_restore_afterwards").asBoolean()).isEqualTo(true);
            assertThat(nv.warnings()).isEmpty();
            assertThat(cpu.warnings()).isEmpty();
            assertThat(server.requests("GET /sdapi/v1/options")).as("the option is looked up once").hasSize(1);
            assertThat(backend.noiseSource(NoiseSource.TORCH_CPU)).contains(NoiseSource.TORCH_CPU);
        }
    }

    @Test
    void sdNextGetsItsGeneratorDeviceCpuOrGpu() throws Exception {
        try (Backend backend = connect(SdapiStandIn.Flavour.SDNEXT)) {
            GenerationResult cpu = generate(backend, NoiseSource.TORCH_CPU);
            JsonNode first = server.lastGenerate();
            generate(backend, NoiseSource.A1111_NV);
            JsonNode second = server.lastGenerate();

            assertThat(first.path("override_settings").path("diffusers_generator_device").asText()).isEqualTo("CPU");
            assertThat(first.path("override_settings").has("randn_source")).as("A1111's key would fail SD.Next")
                    .isEqualTo(false);
            assertThat(second.path("override_settings").path("diffusers_generator_device").asText())
                    .as("torch's CUDA noise: NV's numbers on NVIDIA cards").isEqualTo("GPU");
            assertThat(cpu.warnings()).isEmpty();
        }
    }

    @Test
    void numpyAndStepcastSendNothingAndSayTheServerUsesItsOwnRng() throws Exception {
        try (Backend backend = connect(SdapiStandIn.Flavour.A1111)) {
            GenerationResult numpy = generate(backend, NoiseSource.NUMPY);
            JsonNode body = server.lastGenerate();

            assertThat(body.has("override_settings")).as("no checkpoint and no RNG: nothing to override")
                    .isEqualTo(false);
            assertThat(numpy.warnings()).singleElement().asString().contains("uses its own RNG").contains("numpy");
            assertThat(server.requests("GET /sdapi/v1/options")).isEmpty();
            assertThat(backend.noiseSource(NoiseSource.NUMPY)).isEqualTo(Optional.empty());
            assertThat(backend.noiseSource(NoiseSource.STEPCAST)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void theStandInRefusesTheOtherServersRngOptionAsTheRealOnesDo() throws Exception {
        try (Backend backend = connect(SdapiStandIn.Flavour.SDNEXT)) {
            var http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            var post = java.net.http.HttpRequest.newBuilder(server.url().resolve("/sdapi/v1/txt2img"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"prompt\":\"x\",\"steps\":1,\"override_settings\":{\"randn_source\":\"NV\"}}"))
                    .build();
            var answer = http.send(post, java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).contains("KeyError").contains("randn_source");
        }
    }
}
