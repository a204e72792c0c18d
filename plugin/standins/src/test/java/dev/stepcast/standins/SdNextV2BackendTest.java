package dev.stepcast.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.EncodedImage;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
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

class SdNextV2BackendTest {

    private SdNextV2StandIn server;

    @BeforeEach
    void start() {
        server = new SdNextV2StandIn().start();
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
        return GenerationRequest.txt2img("a harbour", "", 64, 40, steps, 6f, 7)
                .withScheduler(SchedulerKind.DPMPP_2M);
    }

    @Test
    void txt2imgPushesProgressAndJpegPreviewsThenFetchesTheImage() throws Exception {
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.AUTO))) {
            assertThat(backend.describe()).isEqualTo("SD.Next 2026-11-01 at " + server.url().getAuthority());
            GenerationResult result = backend.generate(request(4).withCheckpoint(SdapiStandIn.CHECKPOINTS.get(1)),
                    listener, new CancellationToken());

            assertThat(result.image().getWidth()).isEqualTo(64);
            assertThat(result.image().getHeight()).isEqualTo(40);
            assertThat(result.warnings()).isEmpty();
        }
        assertThat(listener.events.stream().filter(e -> e.preview() == null).map(StepEvent::step).toList())
                .containsExactly(1, 2, 3, 4);
        assertThat(listener.withPreview()).extracting(StepEvent::step).containsExactly(1, 2, 3, 4);
        for (StepEvent e : listener.withPreview()) {
            assertThat(e.preview().format()).isEqualTo(EncodedImage.Format.JPEG);
            assertThat(Pictures.hueOf(SdapiBackendTest.decode(e.preview()))).isBetween(SdNextV2StandIn.HUE - 3,
                    SdNextV2StandIn.HUE + 3);
        }
        assertThat(server.checkpoint()).isEqualTo(SdapiStandIn.CHECKPOINTS.get(1));
        assertThat(server.lastJob().path("type").asText()).isEqualTo("generate");
        assertThat(server.lastJob().path("sampler_name").asText()).isEqualTo("DPM++ 2M");
        assertThat(server.lastJob().path("width_before").asInt()).isEqualTo(64);
        assertThat(server.requests()).filteredOn(r -> r.startsWith("GET /sdapi/v2/jobs/"))
                .singleElement().asString().endsWith("/images/0");
    }

    @Test
    void unwantedPreviewFramesAreNotPassedOn() throws Exception {
        RecordingListener listener = RecordingListener.wantingNone();
        try (Backend backend = Backends.connect(remote(Protocol.SDNEXT_V2))) {
            backend.generate(request(3), listener, new CancellationToken());
        }
        assertThat(listener.steps()).containsExactly(1, 2, 3);
        assertThat(listener.withPreview()).isEmpty();
        assertThat(listener.asked).containsOnly(1, 2, 3);
    }

    @Test
    void img2imgSendsTheSourceAsInits() throws Exception {
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.SDNEXT_V2))) {
            backend.generate(request(10).withInitImage(new BufferedImage(64, 40, BufferedImage.TYPE_INT_RGB), 0.3f),
                    listener, new CancellationToken());
        }
        assertThat(server.lastJob().path("inits").size()).isEqualTo(1);
        assertThat(server.lastJob().path("denoising_strength").asDouble()).isBetween(0.29, 0.31);
        assertThat(listener.events).extracting(StepEvent::totalSteps).containsOnly(3);
    }

    @Test
    void cancelDeletesTheJob() throws Exception {
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
        try (Backend backend = Backends.connect(remote(Protocol.SDNEXT_V2))) {
            assertThatThrownBy(() -> backend.generate(request(200), listener, cancel))
                    .isInstanceOf(GenerationCancelledException.class);
        }
        assertThat(server.requests()).anyMatch(r -> r.matches("DELETE /sdapi/v2/jobs/[^/]+"));
    }

    @Test
    void aDroppedSocketIsReportedAndTheJobIsFollowedToItsImage() throws Exception {
        server.dropSocketAfterStep(2);
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.SDNEXT_V2))) {
            GenerationResult result = backend.generate(request(6), listener, new CancellationToken());
            assertThat(result.image().getWidth()).isEqualTo(64);
            // which side notices first — the close, or the client's silence timer asking the job directly — depends on
            // scheduling; both say what happened and both follow the job to its image
            assertThat(result.warnings()).singleElement().asString().matches(
                    "(the WebSocket to " + java.util.regex.Pattern.quote(server.url().toString()) + " dropped after step 2 of 6 \\(.*"
                    + "|no word from the WebSocket to " + java.util.regex.Pattern.quote(server.url().toString())
                    + " after step 2 of 6; the job's result was fetched directly)");
        }
        assertThat(listener.withPreview()).extracting(StepEvent::step).containsExactly(1, 2);
    }

    @Test
    void aFailedJobShowsTheServersError() throws Exception {
        server.failJobsWith("CUDA out of memory");
        try (Backend backend = Backends.connect(remote(Protocol.SDNEXT_V2))) {
            assertThatThrownBy(() -> backend.generate(request(3), RecordingListener.wantingAll(),
                    new CancellationToken())).isInstanceOf(RemoteException.class)
                    .hasMessage(server.url() + " failed the job: RuntimeError: CUDA out of memory");
        }
    }

    @Test
    void withBasicAuthTheSocketUsesAOneTimeTicket() throws Exception {
        server.requireBasicAuth("ann", "pw");
        RecordingListener listener = RecordingListener.wantingAll();
        try (Backend backend = Backends.connect(remote(Protocol.AUTO).withCredentials("ann", "pw"))) {
            backend.generate(request(2), listener, new CancellationToken());
        }
        assertThat(server.requests()).contains("POST /sdapi/v2/ws-ticket")
                .anyMatch(r -> r.matches("WS /sdapi/v2/jobs/[^/]+/ws\\?ticket=.+"));
        assertThat(listener.withPreview()).extracting(StepEvent::step).containsExactly(1, 2);
    }
}
