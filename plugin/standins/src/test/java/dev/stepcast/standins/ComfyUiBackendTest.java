package dev.stepcast.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import java.awt.image.BufferedImage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComfyUiBackendTest {

    private ComfyUiStandIn server;

    @BeforeEach
    void start() {
        server = new ComfyUiStandIn().start();
        server.stepDuration(Duration.ofMillis(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteServer remote(Protocol protocol) {
        return RemoteServer.of(server.url(), protocol).withPollInterval(Duration.ofMillis(10));
    }

    private static GenerationRequest request(int steps) {
        return GenerationRequest.txt2img("a forest", "blur", 64, 56, steps, 5f, 99)
                .withScheduler(SchedulerKind.DPMPP_2M_KARRAS)
                .withCheckpoint(ComfyUiStandIn.CHECKPOINTS.get(1));
    }

    @Test
    void txt2imgQueuesTheWorkflowAndPassesEachStepsPreviewFrame() throws Exception {
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.AUTO))) {
            assertThat(backend.describe()).isEqualTo("ComfyUI 0.3.66 at " + server.url().getAuthority());
            assertThat(backend.checkpoints()).isEqualTo(ComfyUiStandIn.CHECKPOINTS);
            assertThat(backend.samplers()).isEqualTo(ComfyUiStandIn.SAMPLERS);
            GenerationResult result = backend.generate(request(4), listener, new CancellationToken());

            assertThat(result.image().getWidth()).isEqualTo(64);
            assertThat(result.image().getHeight()).isEqualTo(56);
            assertThat(result.warnings()).isEmpty();
        }
        assertThat(listener.events.stream().filter(e -> e.preview() == null).map(StepEvent::step).toList())
                .containsExactly(1, 2, 3, 4);
        assertThat(listener.withPreview()).extracting(StepEvent::step).containsExactly(1, 2, 3, 4);
        for (StepEvent e : listener.withPreview()) {
            assertThat(e.preview().format()).isEqualTo(EncodedImage.Format.JPEG);
            assertThat(Pictures.hueOf(SdapiBackendTest.decode(e.preview())))
                    .isBetween(ComfyUiStandIn.HUE - 3, ComfyUiStandIn.HUE + 3);
        }
        var prompt = server.lastPrompt();
        var graph = prompt.path("prompt");
        assertThat(graph.path("3").path("class_type").asText()).isEqualTo("KSampler");
        assertThat(graph.path("3").path("inputs").path("sampler_name").asText()).isEqualTo("dpmpp_2m");
        assertThat(graph.path("3").path("inputs").path("scheduler").asText()).isEqualTo("karras");
        assertThat(graph.path("3").path("inputs").path("seed").asLong()).isEqualTo(99);
        assertThat(graph.path("4").path("inputs").path("ckpt_name").asText()).isEqualTo(ComfyUiStandIn.CHECKPOINTS.get(1));
        assertThat(graph.path("7").path("inputs").path("text").asText()).isEqualTo("blur");
        assertThat(graph.path("5").path("class_type").asText()).isEqualTo("EmptyLatentImage");
        String clientId = prompt.path("client_id").asText();
        // the socket was open before the prompt was queued
        assertThat(server.requests()).containsSubsequence("WS /ws?clientId=" + clientId, "POST /prompt");
    }

    @Test
    void framesNotWantedAreNotPassedOn() throws Exception {
        RecordingListener listener = RecordingListener.wantingNone();
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            GenerationResult result = backend.generate(request(3), listener, new CancellationToken());
            assertThat(result.warnings()).isEmpty();
        }
        assertThat(server.framesSent()).isEqualTo(3);
        assertThat(listener.steps()).containsExactly(1, 2, 3);
        assertThat(listener.withPreview()).isEmpty();
    }

    @Test
    void pngFramesMetadataFramesAndUnknownFrameTypesAreHandled() throws Exception {
        server.previewFormat("png");
        server.textFrames(true);
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            backend.generate(request(2), listener, new CancellationToken());
            assertThat(listener.withPreview()).extracting(e -> e.preview().format())
                    .containsExactly(EncodedImage.Format.PNG, EncodedImage.Format.PNG);
            server.previewFormat("jpeg");
            server.metadataFrames(true);
            RecordingListener second = RecordingListener.wantingAll();
            backend.generate(request(2), second, new CancellationToken());
            assertThat(second.withPreview()).extracting(e -> e.preview().format())
                    .containsExactly(EncodedImage.Format.JPEG, EncodedImage.Format.JPEG);
        }
    }

    @Test
    void aServerWithoutPreviewMethodIsNamedInTheResult() throws Exception {
        server.previewMethod(ComfyUiStandIn.PreviewMethod.NONE);
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            GenerationResult result = backend.generate(request(3), listener, new CancellationToken());
            assertThat(result.warnings()).containsExactly(server.url()
                    + " sent no previews: start ComfyUI with --preview-method auto");
        }
        assertThat(listener.steps()).containsExactly(1, 2, 3);
    }

    @Test
    void img2imgUploadsTheSourceAndEncodesIt() throws Exception {
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            GenerationResult result = backend.generate(request(10).withInitImage(
                    new BufferedImage(32, 28, BufferedImage.TYPE_INT_RGB), 0.5f), listener, new CancellationToken());
            assertThat(result.image().getWidth()).isEqualTo(64);
            assertThat(result.image().getHeight()).isEqualTo(56);
        }
        var graph = server.lastPrompt().path("prompt");
        assertThat(graph.path("10").path("class_type").asText()).isEqualTo("LoadImage");
        assertThat(server.uploads()).containsExactly(graph.path("10").path("inputs").path("image").asText());
        assertThat(graph.path("11").path("class_type").asText()).isEqualTo("VAEEncode");
        assertThat(graph.path("3").path("inputs").path("latent_image").get(0).asText()).isEqualTo("11");
        assertThat(graph.path("3").path("inputs").path("denoise").asDouble()).isEqualTo(0.5);
        assertThat(listener.events).extracting(StepEvent::totalSteps).containsOnly(5);
    }

    /** A 96×84 gradient source and a mask repainting x 30–69, y 20–49 (scaled to the source by the engine). */
    private static BufferedImage source() {
        BufferedImage source = new BufferedImage(96, 84, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 96; x++) {
                source.setRGB(x, y, (x * 2) << 16 | (y * 3) << 8 | 90);
            }
        }
        return source;
    }

    private static BufferedImage mask() {
        BufferedImage mask = new BufferedImage(96, 84, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 20; y < 50; y++) {
            for (int x = 30; x < 70; x++) {
                mask.getRaster().setSample(x, y, 0, 255);
            }
        }
        return mask;
    }

    private static BufferedImage png(byte[] bytes) throws java.io.IOException {
        return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
    }

    private static void assertSourceOutsideTheMask(BufferedImage out, BufferedImage source, int band) {
        assertThat(out.getWidth()).isEqualTo(96);
        assertThat(out.getHeight()).isEqualTo(84);
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 96; x++) {
                if (x < 30 - band || x >= 70 + band || y < 20 - band || y >= 50 + band) {
                    assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(source.getRGB(x, y));
                }
            }
        }
        assertThat(out.getRGB(50, 35)).isNotEqualTo(source.getRGB(50, 35));
    }

    @Test
    void inpaintingOriginalUploadsImageAndMaskThenEncodesAndSetsTheLatentNoiseMask() throws Exception {
        BufferedImage source = source();
        GenerationRequest request = request(10).withInitImage(source, 0.6f).withInpaint(new InpaintOptions(mask(), 2,
                InpaintOptions.Area.WHOLE, 0, InpaintOptions.MaskedContent.ORIGINAL));
        RecordingListener listener = RecordingListener.wantingNone();
        GenerationResult result;
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            result = backend.generate(request, listener, new CancellationToken());
        }

        assertThat(server.requests("POST /upload/")).containsExactly("POST /upload/image", "POST /upload/mask");
        assertThat(server.maskUploads()).hasSize(1);
        ComfyUiStandIn.MaskUpload upload = server.maskUploads().get(0);
        assertThat(server.uploads()).containsExactlyInAnyOrder(upload.originalRef().path("filename").asText(),
                upload.name());
        assertThat(upload.originalRef().path("type").asText()).isEqualTo("input");
        BufferedImage sentMask = png(upload.maskPng());
        assertThat(sentMask.getWidth()).isEqualTo(64);
        assertThat(sentMask.getHeight()).isEqualTo(56);
        assertThat(sentMask.getRGB(33, 23) >>> 24).as("alpha inside the mask").isEqualTo(0);
        assertThat(sentMask.getRGB(2, 2) >>> 24).as("alpha outside the mask").isEqualTo(255);
        BufferedImage stored = png(server.input(upload.name()));
        assertThat(stored.getRGB(2, 2) & 0xffffff).isEqualTo(
                dev.stepcast.engine.inpaint.InpaintPlan.prepare(source, request.inpaint(), 64, 56).modelImage()
                        .getRGB(2, 2) & 0xffffff);

        var graph = server.lastPrompt().path("prompt");
        assertThat(graph.fieldNames()).toIterable().containsExactlyInAnyOrder("3", "4", "6", "7", "8", "9", "10",
                "11", "12");
        assertThat(graph.path("10").path("class_type").asText()).isEqualTo("LoadImage");
        assertThat(graph.path("10").path("inputs").path("image").asText()).isEqualTo(upload.name());
        assertThat(graph.path("11").path("class_type").asText()).isEqualTo("VAEEncode");
        assertThat(graph.path("11").path("inputs").path("pixels").toString()).isEqualTo("[\"10\",0]");
        assertThat(graph.path("11").path("inputs").path("vae").toString()).isEqualTo("[\"4\",2]");
        assertThat(graph.path("12").path("class_type").asText()).isEqualTo("SetLatentNoiseMask");
        assertThat(graph.path("12").path("inputs").path("samples").toString()).isEqualTo("[\"11\",0]");
        assertThat(graph.path("12").path("inputs").path("mask").toString()).isEqualTo("[\"10\",1]");
        assertThat(graph.path("3").path("inputs").path("latent_image").toString()).isEqualTo("[\"12\",0]");
        assertThat(graph.path("3").path("inputs").path("denoise").asDouble()).isCloseTo(0.6, within(1e-6));
        assertThat(graph.path("3").path("inputs").path("steps").asInt()).isEqualTo(6);

        assertSourceOutsideTheMask(result.image(), source, 2 * 3);
    }

    @Test
    void inpaintingFillUsesVaeEncodeForInpaintGrownByTheBlur() throws Exception {
        BufferedImage source = source();
        GenerationRequest request = request(10).withInitImage(source, 0.7f).withInpaint(new InpaintOptions(mask(), 5,
                InpaintOptions.Area.WHOLE, 0, InpaintOptions.MaskedContent.FILL));
        GenerationResult result;
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            result = backend.generate(request, RecordingListener.wantingNone(), new CancellationToken());
        }

        assertThat(server.maskUploads()).hasSize(1);
        var graph = server.lastPrompt().path("prompt");
        assertThat(graph.fieldNames()).toIterable().containsExactlyInAnyOrder("3", "4", "6", "7", "8", "9", "10",
                "11");
        assertThat(graph.path("10").path("inputs").path("image").asText()).isEqualTo(server.maskUploads().get(0)
                .name());
        assertThat(graph.path("11").path("class_type").asText()).isEqualTo("VAEEncodeForInpaint");
        assertThat(graph.path("11").path("inputs").path("pixels").toString()).isEqualTo("[\"10\",0]");
        assertThat(graph.path("11").path("inputs").path("vae").toString()).isEqualTo("[\"4\",2]");
        assertThat(graph.path("11").path("inputs").path("mask").toString()).isEqualTo("[\"10\",1]");
        assertThat(graph.path("11").path("inputs").path("grow_mask_by").asInt()).isEqualTo(5);
        assertThat(graph.path("3").path("inputs").path("latent_image").toString()).isEqualTo("[\"11\",0]");
        assertThat(graph.path("3").path("inputs").path("denoise").asDouble()).isCloseTo(0.7, within(1e-6));
        assertThat(graph.path("3").path("inputs").path("steps").asInt()).isEqualTo(7);

        assertSourceOutsideTheMask(result.image(), source, 5 * 3);
    }

    @Test
    void inpaintingNoiseStartsTheMaskedAreaFromFreshNoiseWithAllSteps() throws Exception {
        BufferedImage source = source();
        GenerationRequest request = request(10).withInitImage(source, 0.5f).withInpaint(new InpaintOptions(mask(), 0,
                InpaintOptions.Area.MASKED, 8, InpaintOptions.MaskedContent.NOISE));
        GenerationResult result;
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            result = backend.generate(request, RecordingListener.wantingNone(), new CancellationToken());
        }

        var graph = server.lastPrompt().path("prompt");
        assertThat(graph.path("11").path("class_type").asText()).isEqualTo("VAEEncodeForInpaint");
        assertThat(graph.path("11").path("inputs").path("grow_mask_by").asInt()).isEqualTo(0);
        assertThat(graph.path("3").path("inputs").path("denoise").asDouble()).isEqualTo(1.0);
        assertThat(graph.path("3").path("inputs").path("steps").asInt()).isEqualTo(10);
        // "only masked": the uploaded image is the mask's box plus padding at the request's size, mask all but the rim
        BufferedImage sentMask = png(server.maskUploads().get(0).maskPng());
        assertThat(sentMask.getWidth()).isEqualTo(64);
        assertThat(sentMask.getRGB(32, 28) >>> 24).isEqualTo(0);
        assertThat(sentMask.getRGB(0, 0) >>> 24).isEqualTo(255);

        assertSourceOutsideTheMask(result.image(), source, 0);
    }

    @Test
    void cancelInterruptsOurPrompt() throws Exception {
        CancellationToken cancel = new CancellationToken();
        RecordingListener listener = new RecordingListener(s -> false) {
            @Override
            public void onStep(StepEvent event) {
                super.onStep(event);
                if (event.step() == 2) {
                    cancel.cancel();
                }
            }
        };
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            assertThatThrownBy(() -> backend.generate(request(500), listener, cancel))
                    .as(() -> String.join("\n", server.requests()))
                    .isInstanceOf(GenerationCancelledException.class);
        }
        assertThat(server.requests()).contains("POST /interrupt");
        assertThat(server.lastInterrupt().path("prompt_id").asText()).isNotEmpty();
        assertThat(listener.steps()).doesNotContain(500);
    }

    @Test
    void cancelWhileQueuedBehindSomeoneElseDeletesOurPromptAndLeavesTheirs() throws Exception {
        server.stepDuration(Duration.ofMillis(50));
        server.startForeignPrompt(40);
        CancellationToken cancel = new CancellationToken();
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            Thread canceller = new Thread(() -> {
                try {
                    server.awaitRequest("POST /prompt", Duration.ofSeconds(30));
                    cancel.cancel();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            canceller.start();
            assertThatThrownBy(() -> backend.generate(request(3), listener, cancel))
                    .as(() -> String.join("\n", server.requests()) + " cancelled=" + cancel.isCancelled())
                    .isInstanceOf(GenerationCancelledException.class);
            canceller.join();
        }
        assertThat(listener.events).as(() -> String.join("\n", server.requests())).isEmpty();
        assertThat(server.requests()).doesNotContain("POST /interrupt");
    }

    @Test
    void aRefusedWorkflowShowsComfysValidationText() throws Exception {
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            assertThatThrownBy(() -> backend.generate(request(2).withCheckpoint("missing.safetensors"),
                    RecordingListener.wantingAll(), new CancellationToken()))
                    .isInstanceOf(RemoteException.class)
                    .hasMessage(server.url() + " refused the workflow: Prompt outputs failed validation: "
                            + "CheckpointLoaderSimple: Value not in list: ckpt_name: 'missing.safetensors' not in "
                            + ComfyUiStandIn.CHECKPOINTS);
        }
    }

    @Test
    void aNodeErrorShowsTheExceptionMessage() throws Exception {
        server.failSamplerWith("Allocation on device 0 would exceed allowed memory.");
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            assertThatThrownBy(() -> backend.generate(request(2), RecordingListener.wantingAll(),
                    new CancellationToken()))
                    .hasMessage(server.url() + " failed the prompt in KSampler: Allocation on device 0 would exceed "
                            + "allowed memory.");
        }
    }

    @Test
    void aDroppedSocketKeepsWhatArrivedAndFetchesTheResultFromHistory() throws Exception {
        server.dropSocketAfterStep(2);
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.COMFYUI))) {
            GenerationResult result = backend.generate(request(5), listener, new CancellationToken());
            assertThat(result.image().getWidth()).isEqualTo(64);
            // which side notices first — the close, or the client's silence timer asking /history — depends on
            // scheduling; both say what happened and both fetch the result
            String url = java.util.regex.Pattern.quote(server.url().toString());
            assertThat(result.warnings()).singleElement().asString().matches(
                    "(the WebSocket to " + url + " dropped after step 2 of 5 \\(.*"
                    + "|no word from the WebSocket to " + url + " after step 2 of 5; the result came from its history)");
        }
        assertThat(listener.withPreview()).extracting(StepEvent::step).containsExactly(1, 2);
    }

    @Test
    void anSdapiServerIsNotTakenForComfyUi() throws Exception {
        try (SdapiStandIn sdapi = new SdapiStandIn(SdapiStandIn.Flavour.A1111).start()) {
            assertThatThrownBy(() -> Backends.connect(RemoteServer.of(sdapi.url(), Protocol.COMFYUI)))
                    .hasMessage(sdapi.url() + " has no ComfyUI API (HTTP 404 on /system_stats)");
        }
    }
}
