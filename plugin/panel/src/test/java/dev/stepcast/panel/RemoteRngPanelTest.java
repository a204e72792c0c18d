package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.NoiseSource;
import dev.stepcast.panel.parts.MessageBox;
import dev.stepcast.standins.SdapiStandIn;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The panel's Noise choice on an A1111 server (real HTTP against the sdapi stand-in): torch-cpu is sent as
 * {@code randn_source: CPU} and the PNG says {@code RNG: CPU}; numpy has no server equivalent, so nothing is sent, the
 * painter is told once that the server uses its own RNG, and the PNG claims no RNG.
 */
class RemoteRngPanelTest extends PanelGuiTest {

    private static final String CHECKPOINT = SdapiStandIn.CHECKPOINTS.get(1);
    private SdapiStandIn sdapi;

    @AfterEach
    void stopServer() {
        if (sdapi != null) {
            sdapi.close();
        }
    }

    /** Saved settings naming the server and its checkpoint: the panel uses it as soon as it is listed. */
    private void openOnServer() throws Exception {
        sdapi = new SdapiStandIn(SdapiStandIn.Flavour.A1111).start();
        sdapi.stepDuration(Duration.ofMillis(20));
        openHost();
        Path folder = Edt.query(() -> stub.host().pluginDataFolder(StepcastPanel.PLUGIN_ID));
        closeHost();
        Files.writeString(folder.resolve("settings.json"), "{\"version\": 2, \"servers\": [{\"name\": \"gpu-box\", "
                + "\"url\": \"" + sdapi.url() + "\", \"protocol\": \"sdapi\"}], \"selectedServerModel\": {\"server\": "
                + "\"gpu-box\", \"checkpoint\": \"" + CHECKPOINT + "\"}}");
        openHost();
        Waits.until("the panel uses the server", () -> panel.modelBar.statusText().contains("sdapi"),
                Duration.ofSeconds(90));
        fastSettings(11);
        Edt.run(() -> panel.prompts.setPrompts("a barn in snow", ""));
    }

    private String newestParameters() {
        return Edt.query(() -> panel.history.items().get(0).entry().parameters());
    }

    @Test
    void should_send_the_noise_choice_to_an_a1111_server_or_say_once_that_it_uses_its_own() throws Exception {
        openOnServer();
        Edt.run(() -> panel.parameters.setNoiseSource(NoiseSource.TORCH_CPU));

        Edt.run(panel.controller()::generate);
        awaitResults(1);

        assertThat(sdapi.lastGenerate().path("override_settings").path("randn_source").asText()).isEqualTo("CPU");
        assertThat(newestParameters()).contains("RNG: CPU").contains("Model: " + CHECKPOINT);
        assertThat(Edt.query(panel.messages::isShowing)).as("nothing to say").isEqualTo(false);

        Edt.run(() -> panel.parameters.setNoiseSource(NoiseSource.NUMPY));
        Edt.run(panel.controller()::generate);
        awaitResults(2);

        assertThat(sdapi.lastGenerate().path("override_settings").has("randn_source")).isEqualTo(false);
        assertThat(newestParameters()).doesNotContain("RNG:");
        assertThat(Edt.query(panel.messages::isShowing)).isEqualTo(true);
        assertThat(Edt.query(panel.messages::kind)).isEqualTo(MessageBox.Kind.WARNING);
        assertThat(Edt.query(panel.messages::message)).contains("uses its own RNG").contains("numpy");

        Edt.run(panel.controller()::generate);
        awaitResults(3);

        assertThat(Edt.query(panel.messages::isShowing)).as("said once per session").isEqualTo(false);
    }
}
