package dev.stepcast.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.EncodedImage;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.StepEvent;
import dev.stepcast.engine.remote.Backends;
import dev.stepcast.engine.remote.RemoteException;
import dev.stepcast.engine.remote.RemoteServer;
import dev.stepcast.engine.remote.RemoteServer.Protocol;
import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.engine.remote.RemoteImages;
import dev.stepcast.engine.io.RgbImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SdapiBackendTest {

    private SdapiStandIn server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SdapiStandIn start(SdapiStandIn.Flavour flavour) {
        server = new SdapiStandIn(flavour).pace(SdapiStandIn.Pace.PER_POLL).start();
        return server;
    }

    private RemoteServer remote(Protocol protocol) {
        return RemoteServer.of(server.url(), protocol).withPollInterval(Duration.ofMillis(10));
    }

    private static GenerationRequest request(int steps) {
        return GenerationRequest.txt2img("a lighthouse", "fog", 64, 48, steps, 7f, 42)
                .withScheduler(SchedulerKind.EULER_ANCESTRAL);
    }

    static BufferedImage decode(EncodedImage image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image.bytes()));
    }

    @Test
    void txt2imgReportsEveryStepWithTheServersPreviewAndReturnsItsImage() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.AUTO))) {
            GenerationResult result = backend.generate(request(4).withCheckpoint(SdapiStandIn.CHECKPOINTS.get(1)),
                    listener, new CancellationToken());

            assertThat(backend.describe()).isEqualTo("SD.Next/A1111 (sdapi) at " + server.url().getAuthority());
            assertThat(listener.steps()).containsExactly(1, 2, 3, 4);
            assertThat(listener.events).extracting(StepEvent::totalSteps).containsOnly(4);
            assertThat(listener.withPreview()).hasSize(4);
            for (StepEvent e : listener.events) {
                assertThat(e.preview().format()).isEqualTo(EncodedImage.Format.PNG);
                assertThat(Pictures.hueOf(decode(e.preview()))).isEqualTo(SdapiStandIn.API_HUE);
                assertThat(e.hasLatents()).as("e.hasLatents()").isEqualTo(false);
            }
            assertThat(result.image().getWidth()).isEqualTo(64);
            assertThat(result.image().getHeight()).isEqualTo(48);
            assertThat(result.request().seed()).isEqualTo(42);
            assertThat(result.stepsRun()).isEqualTo(4);
            assertThat(result.warnings()).isEmpty();
        }
        var body = server.lastGenerate();
        assertThat(body.path("force_task_id").asText()).startsWith("task(stepcast-");
        assertThat(body.path("sampler_name").asText()).isEqualTo("Euler a");
        assertThat(body.path("override_settings").path("sd_model_checkpoint").asText())
                .isEqualTo(SdapiStandIn.CHECKPOINTS.get(1));
        assertThat(body.path("override_settings_restore_afterwards").asBoolean()).isEqualTo(true);
        assertThat(body.path("prompt").asText()).isEqualTo("a lighthouse");
        assertThat(body.path("negative_prompt").asText()).isEqualTo("fog");
        assertThat(body.path("steps").asInt()).isEqualTo(4);
        assertThat(body.has("init_images")).isEqualTo(false);
    }

    @Test
    void whenNoPreviewIsWantedEveryPollSkipsTheImageAndTheServerEncodesNone() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        RecordingListener listener = RecordingListener.wantingNone();
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            backend.generate(request(5), listener, new CancellationToken());
        }

        assertThat(listener.steps()).containsExactly(1, 2, 3, 4, 5);
        assertThat(listener.withPreview()).isEmpty();
        List<String> polls = server.requests("GET /sdapi/v1/progress");
        assertThat(polls).hasSizeGreaterThanOrEqualTo(6)
                .containsOnly("GET /sdapi/v1/progress?skip_current_image=true");
        assertThat(server.previewsEncoded()).isZero();
    }

    @Test
    void theImageIsAskedForOnlyForStepsWhosePreviewIsWanted() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        RecordingListener listener = new RecordingListener(step -> step % 2 == 0);
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            backend.generate(request(6), listener, new CancellationToken());
        }

        assertThat(listener.steps()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(listener.withPreview()).extracting(StepEvent::step).containsExactly(2, 4, 6);
        assertThat(server.previewsEncoded()).isEqualTo(3);
        List<String> polls = server.requests("GET /sdapi/v1/progress");
        assertThat(polls).filteredOn(q -> q.endsWith("skip_current_image=false")).hasSize(3);
    }

    @Test
    void img2imgSendsTheSourceAndStrengthAndRunsTheShortenedSchedule() throws Exception {
        start(SdapiStandIn.Flavour.SDNEXT);
        BufferedImage source = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            GenerationResult result = backend.generate(request(8).withInitImage(source, 0.5f), listener,
                    new CancellationToken());
            assertThat(result.image().getWidth()).isEqualTo(64);
        }

        assertThat(server.requests("POST /sdapi/v1/")).containsExactly("POST /sdapi/v1/img2img");
        assertThat(server.lastGenerate().path("denoising_strength").asDouble()).isEqualTo(0.5);
        byte[] sent = java.util.Base64.getDecoder().decode(server.lastGenerate().path("init_images").get(0).asText());
        assertThat(ImageIO.read(new ByteArrayInputStream(sent)).getWidth()).isEqualTo(64);
        assertThat(listener.steps()).containsExactly(1, 2, 3, 4);
        assertThat(listener.events).extracting(StepEvent::totalSteps).containsOnly(4);
    }

    @Test
    void inpaintingSendsTheMaskAndItsOptionsAndKeepsTheSourceOutsideTheMask() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        BufferedImage source = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 72; y++) {
            for (int x = 0; x < 96; x++) {
                source.setRGB(x, y, (x * 2) << 16 | (y * 3) << 8 | 90);
            }
        }
        BufferedImage mask = rectangleMask(30, 20, 70, 50);
        GenerationResult result = inpaint(source, new InpaintOptions(mask, 3, InpaintOptions.Area.MASKED, 16,
                InpaintOptions.MaskedContent.NOISE));

        var body = server.lastGenerate();
        assertThat(server.requests("POST /sdapi/v1/")).containsExactly("POST /sdapi/v1/img2img");
        assertThat(body.path("mask_blur").asInt()).isEqualTo(3);
        assertThat(body.path("inpaint_full_res").asBoolean()).isEqualTo(true);
        assertThat(body.path("inpaint_full_res_padding").asInt()).isEqualTo(16);
        assertThat(body.path("inpainting_fill").asInt()).isEqualTo(2);
        BufferedImage sentMask = ImageIO.read(new ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(body.path("mask").asText())));
        assertThat(sentMask.getWidth()).isEqualTo(96);
        assertThat(sentMask.getRaster().getSample(50, 35, 0)).isEqualTo(255);
        assertThat(sentMask.getRaster().getSample(5, 5, 0)).isEqualTo(0);

        BufferedImage out = result.image();
        assertThat(out.getWidth()).isEqualTo(96);
        assertThat(out.getHeight()).isEqualTo(72);
        for (int y = 0; y < 72; y++) {
            for (int x = 0; x < 96; x++) {
                if (x < 30 - 8 || x >= 70 + 8 || y < 20 - 8 || y >= 50 + 8) {
                    assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(source.getRGB(x, y));
                }
            }
        }
        assertThat(out.getRGB(50, 35)).isNotEqualTo(source.getRGB(50, 35));
    }

    @Test
    void onlyMaskedInpaintingKeepsTheWholePictureA1111PastedBackInsteadOfSqueezingItIntoTheCrop() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        BufferedImage source = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
        BufferedImage mask = rectangleMask(8, 8, 28, 24);
        BufferedImage out = inpaint(source, new InpaintOptions(mask, 0, InpaintOptions.Area.MASKED, 4,
                InpaintOptions.MaskedContent.ORIGINAL)).image();

        // What A1111 sent: its whole 64×48 picture with the crop pasted back at its place
        BufferedImage fromServer = Pictures.read(Pictures.inpainted(Pictures.result(64, 48, 42, false, "png"),
                RemoteImages.png(source), RemoteImages.png(mask), 64, 48));
        BufferedImage expected = RgbImages.sized(fromServer, 96, 72);
        for (int y = 10; y < 22; y++) {
            for (int x = 10; x < 26; x++) {
                assertThat(channelDifference(out.getRGB(x, y), expected.getRGB(x, y))).as("pixel %d,%d", x, y)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    /** A 96×72 mask, white in [x0, x1) × [y0, y1). */
    private static BufferedImage rectangleMask(int x0, int y0, int x1, int y1) {
        BufferedImage mask = new BufferedImage(96, 72, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                mask.getRaster().setSample(x, y, 0, 255);
            }
        }
        return mask;
    }

    /** Inpaints {@code source} on the A1111 stand-in: 4 steps, strength 0.8. */
    private GenerationResult inpaint(BufferedImage source, InpaintOptions options)
            throws Exception {
        GenerationRequest request = request(4).withInitImage(source, 0.8f).withInpaint(options);
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            return backend.generate(request, RecordingListener.wantingNone(), new CancellationToken());
        }
    }

    private static int channelDifference(int a, int b) {
        int max = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            max = Math.max(max, Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)));
        }
        return max;
    }

    @Test
    void cancelSendsTheServersInterruptAndEndsTheRunAsCancelled() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        CancellationToken cancel = new CancellationToken();
        RecordingListener listener = new RecordingListener(s -> true) {
            @Override
            public void onStep(StepEvent event) {
                super.onStep(event);
                if (event.step() == 2) {
                    cancel.cancel();
                }
            }
        };
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            assertThatThrownBy(() -> backend.generate(request(50), listener, cancel))
                    .isInstanceOf(GenerationCancelledException.class);
        }
        assertThat(server.requests()).contains("POST /sdapi/v1/interrupt");
        assertThat(listener.steps()).startsWith(1, 2).doesNotContain(50);
    }

    @ParameterizedTest
    @EnumSource(SdapiStandIn.Flavour.class)
    void anotherClientsJobIsNeverReportedAsOurs(SdapiStandIn.Flavour flavour) throws Exception {
        start(flavour);
        CompletableFuture<Void> foreign = server.startForeignJob(6);
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            GenerationResult result = backend.generate(request(3), listener, new CancellationToken());
            assertThat(result.warnings()).containsExactly(
                    "the server was busy with another job first; its progress was not shown");
        }
        foreign.join();

        assertThat(listener.steps()).containsExactly(1, 2, 3);
        assertThat(listener.events).extracting(StepEvent::totalSteps).containsOnly(3);
        for (StepEvent e : listener.withPreview()) {
            assertThat(Pictures.hueOf(decode(e.preview()))).isEqualTo(SdapiStandIn.API_HUE);
        }
    }

    @Test
    void aRefusedConnectionIsOneLineNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RemoteServer down = RemoteServer.parse("http://127.0.0.1:" + port, Protocol.AUTO);
        assertThatThrownBy(() -> Backends.connect(down)).isInstanceOf(RemoteException.class)
                .hasMessage("cannot connect to http://127.0.0.1:" + port + ": connection refused (is the server "
                        + "running?)");
    }

    @Test
    void missingOrWrongCredentialsAreNamedAndRightOnesWork() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        server.requireBasicAuth("ann", "secret");

        assertThatThrownBy(() -> Backends.connect(remote(Protocol.AUTO)))
                .hasMessage("credentials needed for " + server.url() + " (HTTP 401): give user and password, e.g. "
                        + "http://user:pass@" + server.url().getAuthority());
        assertThatThrownBy(() -> Backends.connect(remote(Protocol.SDAPI).withCredentials("ann", "wrong")))
                .hasMessage("wrong credentials for " + server.url() + " (HTTP 401): give user and password the "
                        + "server accepts");
        RemoteServer withUrlCredentials = RemoteServer.parse(server.urlWithCredentials("ann", "secret").toString(),
                Protocol.AUTO).withPollInterval(Duration.ofMillis(10));
        try (Backend backend = Backends.connect(withUrlCredentials)) {
            assertThat(backend.checkpoints()).isEqualTo(SdapiStandIn.CHECKPOINTS);
            assertThat(backend.samplers()).contains("Euler a", "DPM++ 2M");
            assertThat(backend.generate(request(2), RecordingListener.wantingAll(), new CancellationToken())
                    .image().getWidth()).isEqualTo(64);
        }
    }

    @Test
    void aServerErrorIsShownWithTheServersOwnText() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        server.failGenerate("CUDA out of memory. Tried to allocate 2.00 GiB");
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            assertThatThrownBy(() -> backend.generate(request(3), RecordingListener.wantingAll(),
                    new CancellationToken()))
                    .isInstanceOf(RemoteException.class)
                    .hasMessage(server.url() + "/sdapi/v1/txt2img answered HTTP 500: RuntimeError: CUDA out of memory. "
                            + "Tried to allocate 2.00 GiB");
        }
    }

    @Test
    void aRejectedRequestShowsTheServersDetail() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            assertThatThrownBy(() -> backend.generate(request(3).withCheckpoint("nope.ckpt"),
                    RecordingListener.wantingAll(), new CancellationToken()))
                    .hasMessage(server.url() + "/sdapi/v1/txt2img answered HTTP 500: RuntimeError: checkpoint not "
                            + "found: nope.ckpt");
        }
        server.answer("POST /sdapi/v1/txt2img", 422, "application/json",
                "{\"detail\":[{\"loc\":[\"body\",\"width\"],\"msg\":\"value is not a valid integer\"}]}");
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            assertThatThrownBy(() -> backend.generate(request(3), RecordingListener.wantingAll(),
                    new CancellationToken()))
                    .hasMessage(server.url() + "/sdapi/v1/txt2img answered HTTP 422: body.width: value is not a valid "
                            + "integer");
        }
    }

    @Test
    void malformedJsonIsNamed() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        server.answer("GET /sdapi/v1/sd-models", 200, "application/json", "[{\"title\": \"v1-5\",");
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            assertThatThrownBy(backend::checkpoints).isInstanceOf(RemoteException.class)
                    .hasMessageStartingWith(server.url() + "/sdapi/v1/sd-models answered with malformed JSON (");
        }
    }

    @Test
    void aServerThatIsNotOneWeSpeakToIsSaidSo() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        server.answer("GET /sdapi/v1/samplers", 404, "application/json", "{\"detail\":\"Not Found\"}");
        assertThatThrownBy(() -> Backends.connect(remote(Protocol.AUTO)))
                .hasMessage(server.url() + " does not answer as ComfyUI, SD.Next or A1111 (HTTP 404 on /system_stats, "
                        + "404 on /sdapi/v1/samplers; A1111 needs --api)");
        assertThatThrownBy(() -> Backends.connect(remote(Protocol.SDAPI)))
                .hasMessage(server.url() + " has no sdapi (HTTP 404 on /sdapi/v1/samplers): is it A1111 started with "
                        + "--api, or SD.Next?");
    }

    @Test
    void aServerTooSlowToAnswerTimesOutNamingTheRequest() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        RemoteServer impatient = remote(Protocol.SDAPI).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
        try (Backend backend = Backends.connect(impatient)) {
            server.hangEveryAnswer();
            assertThatThrownBy(backend::checkpoints).isInstanceOf(RemoteException.class)
                    .hasMessage(server.url() + "/sdapi/v1/sd-models did not answer in time (timed out)");
        }
    }

    @Test
    void aVeryLargeBase64ImageArrivesWhole() throws Exception {
        start(SdapiStandIn.Flavour.A1111);
        server.noisyResult(true);
        try (Backend backend = Backends.connect(remote(Protocol.SDAPI))) {
            GenerationResult result = backend.generate(
                    GenerationRequest.txt2img("noise", "", 1024, 1024, 2, 7f, 1), RecordingListener.wantingNone(),
                    new CancellationToken());
            assertThat(result.image().getWidth()).isEqualTo(1024);
            assertThat(result.image().getHeight()).isEqualTo(1024);
        }
    }
}
