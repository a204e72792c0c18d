package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.panel.parts.ModelChoice;
import dev.stepcast.panel.parts.MessageBox;
import dev.stepcast.standins.SdapiStandIn;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import dev.stepcast.testkit.WindowEvents;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server as just another place a generation runs, through the real panel in the host stub and real HTTP against
 * the sdapi stand-in: add it in the settings (Test off the EDT), pick its checkpoint, generate with previews and
 * progress, cancel, apply; an unfocused host makes the server encode no preview; a server that is down is one line
 * in the picker; the password never reaches the settings file.
 */
class RemoteServerPanelTest extends PanelGuiTest {

    private static final String CHECKPOINT = SdapiStandIn.CHECKPOINTS.get(1);
    /** Connecting and listing on a busy two-core machine. */
    private static final Duration LISTING = Duration.ofSeconds(90);

    private final List<SdapiStandIn> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(SdapiStandIn::close);
    }

    private SdapiStandIn server() {
        SdapiStandIn s = new SdapiStandIn(SdapiStandIn.Flavour.A1111).start();
        s.stepDuration(Duration.ofMillis(60));
        servers.add(s);
        return s;
    }

    /** Adds a server through Settings → Servers → Add…, optionally tests it, and presses OK. */
    private String addServerInSettings(String name, String url, String protocol, String user, String password,
                                       boolean test) {
        window.button("settings").click();
        DialogFixture settings = window.dialog("settingsDialog");
        settings.button("addServer").click();
        DialogFixture editor = settings.dialog("serverDialog");
        editor.textBox("serverName").enterText(name);
        editor.textBox("serverUrl").enterText(url);
        editor.comboBox("serverProtocol").selectItem(protocol);
        if (user != null) {
            editor.textBox("serverUser").enterText(user);
            editor.textBox("serverPassword").enterText(password);
        }
        editor.button("serverOk").click();
        Waits.until("the server dialog closed", () -> !editor.target().isShowing());
        String tested = null;
        if (test) {
            settings.button("testServer").click();
            javax.swing.JLabel result = settings.label("serverTestResult").target();
            try {
                Waits.until("the server test answered",
                        () -> !result.getText().isBlank() && !result.getText().startsWith("Connecting"), LISTING);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("Test said \"" + Edt.query(result::getText) + "\"", e);
            }
            tested = Edt.query(() -> settings.label("serverTestResult").target().getText());
        }
        settings.button("settingsOk").click();
        Waits.until("the panel has the server " + name,
                () -> panel.controller().settings().server(name).isPresent());
        return tested;
    }

    private List<ModelChoice> pickerItems() {
        return Edt.query(() -> {
            List<ModelChoice> items = new ArrayList<>();
            for (int i = 0; i < panel.modelBar.picker().getItemCount(); i++) {
                items.add(panel.modelBar.picker().getItemAt(i));
            }
            return items;
        });
    }

    private void awaitCheckpointListed(String server, String checkpoint) {
        try {
            Waits.until(server + " lists " + checkpoint,
                    () -> indexOf(ModelChoice.serverCheckpoint(server, checkpoint)) >= 0, LISTING);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("The picker shows " + pickerItems(), e);
        }
    }

    private int indexOf(ModelChoice choice) {
        for (int i = 0; i < panel.modelBar.picker().getItemCount(); i++) {
            if (panel.modelBar.picker().getItemAt(i).equals(choice)) {
                return i;
            }
        }
        return -1;
    }

    private void pick(String server, String checkpoint) {
        int index = Edt.query(() -> indexOf(ModelChoice.serverCheckpoint(server, checkpoint)));
        window.comboBox("modelPicker").selectItem(index);
        Waits.until("the panel uses " + checkpoint, () -> panel.modelBar.statusText().contains("sdapi"));
    }

    @Test
    void should_generate_on_a_server_added_in_settings_with_previews_progress_cancel_and_apply_like_local() {
        SdapiStandIn sdapi = server();
        openHost();
        Edt.run(() -> {
            stub.openDocument(new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB), "canvas");
            stub.activeDocument().setSelection(new Rectangle(40, 30, 200, 150));
        });
        String port = String.valueOf(sdapi.url().getPort());

        String tested = addServerInSettings("gpu-box", sdapi.url().toString(), "auto", null, null, true);

        assertThat(tested).isEqualTo("SD.Next/A1111 (sdapi) at 127.0.0.1:" + port + " — 2 checkpoints");
        awaitCheckpointListed("gpu-box", CHECKPOINT);
        assertThat(pickerItems()).startsWith(ModelChoice.header(ModelChoice.THIS_COMPUTER, null))
                .contains(ModelChoice.header("gpu-box", "gpu-box"),
                        ModelChoice.serverCheckpoint("gpu-box", SdapiStandIn.CHECKPOINTS.get(0)));
        pick("gpu-box", CHECKPOINT);
        assertThat(Edt.query(panel.modelBar::statusText)).isEqualTo("SD.Next/A1111 (sdapi) at 127.0.0.1:" + port);

        fastSettings(77);
        Edt.run(() -> panel.prompts.setPrompts("harbour at night", ""));
        List<String> progressSeen = new ArrayList<>();
        Edt.run(() -> panel.actions.progressBar().addPropertyChangeListener("string",
                e -> progressSeen.add(String.valueOf(e.getNewValue()))));
        click("generate");
        awaitResults(1);

        assertThat(sdapi.lastGenerate().path("override_settings").path("sd_model_checkpoint").asText())
                .isEqualTo(CHECKPOINT);
        assertThat(sdapi.lastGenerate().path("seed").asLong()).isEqualTo(77);
        assertThat(sdapi.previewsEncoded()).as("previews were asked for while the host is active").isPositive();
        assertThat(Edt.query(panel.preview::previewStepsThisRun)).as("server previews painted").isNotEmpty()
                .isSorted().allSatisfy(step -> assertThat(step).isBetween(1, 6));
        assertThat(Edt.query(() -> List.copyOf(progressSeen)))
                .anySatisfy(s -> assertThat(s).matches("Step [1-6]/6 · .*"));
        assertThat(Edt.query(() -> panel.preview.isShowingResult())).isTrue();
        String parameters = Edt.query(() -> panel.history.items().get(0).entry().parameters());
        assertThat(parameters).contains("Model: " + CHECKPOINT).contains("Seed: 77");

        int layersBefore = Edt.query(() -> stub.activeDocument().layers().size());
        Edt.run(() -> panel.history.historyList().ensureIndexIsVisible(0));
        window.list("history").selectItem(0);
        click("applyResult");
        Waits.until("a new layer", () -> stub.activeDocument().layers().size() == layersBefore + 1);

        // Cancel: a long run on the server; Esc/Cancel sends the server's interrupt off the EDT.
        Edt.run(() -> panel.parameters.setStepsAndCfg(40, 7.5));
        sdapi.stepDuration(Duration.ofMillis(150));
        click("generate");
        Waits.until("the server run is under way", () -> panel.actions.progressBar().getString().startsWith("Step"));
        click("cancel");
        Waits.until("cancelled", () -> !panel.controller().isGenerating(), GENERATION_TIMEOUT);
        assertThat(Edt.query(() -> panel.actions.progressBar().getString())).isEqualTo("Cancelled");
        assertThat(sdapi.requests("POST /sdapi/v1/interrupt")).hasSize(1);
        assertThat(Edt.query(() -> panel.history.items().size())).isEqualTo(1);
    }

    @Test
    void should_make_the_server_encode_no_preview_while_the_host_is_inactive_and_the_option_is_off() {
        SdapiStandIn sdapi = server();
        openHost();
        addServerInSettings("box", sdapi.url().toString(), "sdapi", null, null, false);
        awaitCheckpointListed("box", CHECKPOINT);
        pick("box", CHECKPOINT);
        fastSettings(5);
        Edt.run(() -> panel.prompts.setPrompts("fog", ""));
        WindowEvents.iconify(stub.frame());
        Waits.until("the host is inactive", () -> !stub.host().isActive());
        int before = sdapi.requests("GET /sdapi/v1/progress").size();

        Edt.run(panel.controller()::generate);
        awaitResults(1);

        List<String> polls = sdapi.requests("GET /sdapi/v1/progress");
        assertThat(polls.subList(before, polls.size())).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("skip_current_image=true"));
        assertThat(sdapi.previewsEncoded()).isZero();
        assertThat(Edt.query(panel.preview::previewStepsThisRun)).isEmpty();
        WindowEvents.deiconify(stub.frame());
    }

    @Test
    void should_show_a_server_that_is_down_as_one_line_in_the_picker() {
        SdapiStandIn gone = server();
        String url = gone.url().toString();
        gone.close();
        openHost();

        addServerInSettings("attic", url, "auto", null, null, false);

        try {
            Waits.until("the down server is one line", () -> pickerItems().stream()
                    .anyMatch(c -> c.kind() == ModelChoice.Kind.SERVER_NOTE && c.label().startsWith("Not available")),
                    LISTING);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("The picker shows " + pickerItems(), e);
        }
        List<ModelChoice> lines = pickerItems().stream().filter(c -> "attic".equals(c.server())).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(ModelChoice.header("attic", "attic"));
        assertThat(lines.get(1).label()).startsWith("Not available: ").contains(url.replace("http://", ""))
                .doesNotContain("Exception").doesNotContain("\n");
        assertThat(Edt.query(() -> panel.messages.isShowing() && panel.messages.kind() == MessageBox.Kind.ERROR))
                .as("no error for a server nobody picked").isFalse();
        assertThat(Edt.query(() -> panel.controller().model())).isNotNull();
    }

    @Test
    void should_keep_the_password_in_memory_only_and_use_it_for_the_server() throws Exception {
        SdapiStandIn sdapi = server();
        sdapi.requireBasicAuth("painter", "hunter2-secret");
        openHost();

        String tested = addServerInSettings("locked", sdapi.url().toString(), "sdapi", "painter", "hunter2-secret",
                true);

        assertThat(tested).endsWith("— 2 checkpoints");
        awaitCheckpointListed("locked", CHECKPOINT);
        Path folder = Edt.query(() -> stub.host().pluginDataFolder(StepcastPanel.PLUGIN_ID));
        // Closing writes the settings (off the EDT) and waits for that write: the files are read after it
        closeHost();
        String file = Files.readString(folder.resolve("settings.json"));
        assertThat(file).contains("\"user\" : \"painter\"").doesNotContain("hunter2-secret");
        Optional<String> anyCopy;
        try (var files = Files.walk(folder)) {
            anyCopy = files.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readString(p);
                } catch (Exception e) {
                    return "";
                }
            }).filter(t -> t.contains("hunter2-secret")).findFirst();
        }
        assertThat(anyCopy).as("no file in the plugin's data folder holds the password").isEmpty();
    }
}
