package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.standins.ComfyUiStandIn;
import dev.stepcast.standins.SdNextV2StandIn;
import dev.stepcast.standins.SdapiStandIn;
import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --server}: real HTTP/WebSocket against the in-process stand-ins. */
class RemoteGenerateCommandTest {

    @TempDir
    Path dir;

    private static String[] args(String server, Path out, String... more) {
        return Stream.concat(Stream.of("generate", "--server", server, "--prompt", "a lighthouse", "--steps", "4",
                "--width", "64", "--height", "48", "--seed", "5", "--out", out.toString()), Stream.of(more))
                .toArray(String[]::new);
    }

    @Test
    void anSdapiServerWithCredentialsInTheUrlWritesTheImageAndEveryPreview() throws Exception {
        try (SdapiStandIn server = new SdapiStandIn(SdapiStandIn.Flavour.A1111).start()) {
            server.requireBasicAuth("ann", "pw");
            server.stepDuration(Duration.ofMillis(300));
            Path out = dir.resolve("out.png");
            Path previews = dir.resolve("previews");
            CliRun run = CliRun.of(args(server.urlWithCredentials("ann", "pw").toString(), out,
                    "--checkpoint", SdapiStandIn.CHECKPOINTS.get(0), "--preview-dir", previews.toString()));

            assertThat(run.err()).isEmpty();
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith(out + ": 64×48, 4 steps (server's sampler), seed 5, SD.Next/A1111 "
                    + "(sdapi) at 127.0.0.1:" + server.url().getPort());
            BufferedImage image = ImageIO.read(out.toFile());
            assertThat(image.getWidth()).isEqualTo(64);
            assertThat(server.lastGenerate().path("override_settings").path("sd_model_checkpoint").asText())
                    .isEqualTo(SdapiStandIn.CHECKPOINTS.get(0));
            try (Stream<Path> files = Files.list(previews)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).isNotEmpty()
                        .allMatch(n -> n.matches("step-00[1-4]\\.png"));
            }
        }
    }

    @Test
    void comfyUiPreviewsEveryOtherStepBecomePngs() throws Exception {
        try (ComfyUiStandIn server = new ComfyUiStandIn().start()) {
            server.stepDuration(Duration.ofMillis(5));
            Path out = dir.resolve("comfy.png");
            Path previews = dir.resolve("p");
            CliRun run = CliRun.of(args(server.url().toString(), out, "--api", "comfyui", "--scheduler", "euler-a",
                    "--preview-dir", previews.toString(), "--preview-every", "2"));

            assertThat(run.exitCode()).as(run.err()).isZero();
            try (Stream<Path> files = Files.list(previews)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("step-002.png", "step-004.png");
            }
            assertThat(ImageIO.read(previews.resolve("step-002.png").toFile()).getWidth()).isEqualTo(64);
            assertThat(server.lastPrompt().path("prompt").path("3").path("inputs").path("sampler_name").asText())
                    .isEqualTo("euler_ancestral");
        }
    }

    @Test
    void sdNextV2RunsWithoutPreviewsWhenNoneAreAsked() throws Exception {
        try (SdNextV2StandIn server = new SdNextV2StandIn().start()) {
            server.stepDuration(Duration.ofMillis(5));
            Path out = dir.resolve("v2.png");
            CliRun run = CliRun.of(args(server.url().toString(), out, "--json"));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("\"server\":\"SD.Next 2026-11-01 at 127.0.0.1:" + server.url().getPort()
                    + "\"");
            assertThat(ImageIO.read(out.toFile()).getHeight()).isEqualTo(48);
        }
    }

    @Test
    void aServerThatIsDownIsOneLineNamingItsUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of(args("http://127.0.0.1:" + port, dir.resolve("x.png")));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("stepcast: cannot connect to http://127.0.0.1:" + port + ": connection refused");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void theServersErrorTextIsTheOneLine() throws Exception {
        try (SdapiStandIn server = new SdapiStandIn(SdapiStandIn.Flavour.A1111).start()) {
            server.failGenerate("CUDA out of memory");
            CliRun run = CliRun.of(args(server.url().toString(), dir.resolve("x.png"), "--api", "sdapi"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines().toList()).singleElement().asString()
                    .startsWith("stepcast: " + server.url() + "/sdapi/v1/txt2img answered HTTP 500: RuntimeError: "
                            + "CUDA out of memory");
        }
    }

    @Test
    void theLocalEngineWritesApproximatePreviewsToo() throws Exception {
        Path out = dir.resolve("local.png");
        Path previews = dir.resolve("local-previews");
        CliRun run = CliRun.of("generate", "--prompt", "a red circle", "--steps", "4", "--width", "64", "--height",
                "64", "--seed", "3", "--out", out.toString(), "--preview-dir", previews.toString(),
                "--preview-every", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(previews)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("step-002.png", "step-004.png");
        }
        assertThat(ImageIO.read(previews.resolve("step-004.png").toFile()).getWidth()).isPositive();
    }

    @Test
    void badRemoteArgumentsExitWithTwo() {
        CliRun unknownApi = CliRun.of(args("http://127.0.0.1:1", dir.resolve("x.png"), "--api", "grpc"));
        assertThat(unknownApi.exitCode()).isEqualTo(2);
        assertThat(unknownApi.err()).isEqualTo("stepcast: unknown --api 'grpc' (expected auto, sdapi, sdnext-v2 or "
                + "comfyui)" + System.lineSeparator());

        CliRun badUrl = CliRun.of(args("ftp://box", dir.resolve("x.png")));
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).startsWith("stepcast: --server: server URL ftp://box must start with http://");

        CliRun checkpointLocally = CliRun.of("generate", "--prompt", "x", "--checkpoint", "a.safetensors", "--out",
                dir.resolve("x.png").toString());
        assertThat(checkpointLocally.exitCode()).isEqualTo(2);
    }
}
