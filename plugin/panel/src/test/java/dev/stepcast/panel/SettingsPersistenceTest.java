package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.panel.parts.MessageBox;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.Test;

/** Settings survive a restart of the host; a corrupt settings file is set aside and reported. */
class SettingsPersistenceTest extends PanelGuiTest {

    @Test
    void should_keep_dialog_settings_and_the_form_across_a_restart() {
        openHost();
        window.textBox("prompt").enterText("snowy hills at dawn");
        window.button("settings").click();
        DialogFixture dialog = window.dialog("settingsDialog");
        dialog.spinner("previewInterval").select(5);
        dialog.checkBox("keepPreviewsInactive").check();
        dialog.spinner("historyLimitMb").select(50);
        dialog.button("settingsOk").click();
        Waits.until("settings applied", () -> panel.controller().settings().preview().interval() == 5);
        closeHost();

        openHost();

        assertThat(Edt.query(panel.prompts::prompt)).isEqualTo("snowy hills at dawn");
        assertThat(Edt.query(() -> panel.controller().settings().preview().interval())).isEqualTo(5);
        assertThat(Edt.query(() -> panel.controller().settings().preview().keepWhenInactive()))
                .as("panel.controller().settings().preview().keepWhenInactive()").isEqualTo(true);
        assertThat(Edt.query(() -> panel.controller().settings().historyLimitMb())).isEqualTo(50);
        window.button("settings").click();
        DialogFixture again = window.dialog("settingsDialog");
        again.spinner("previewInterval").requireValue(5);
        again.button("settingsCancel").click();
    }

    @Test
    void should_read_the_settings_off_the_edt_and_show_the_saved_values() {
        openHost();
        window.textBox("prompt").enterText("a lighthouse in fog");
        closeHost();

        openHost();

        assertThat(Edt.query(panel.controller()::settingsReadOn)).as("the thread that read settings.json")
                .startsWith("stepcast-files");
        assertThat(Edt.query(panel.controller()::settingsReady)).as("settings applied").isEqualTo(true);
        assertThat(Edt.query(panel.prompts::prompt)).isEqualTo("a lighthouse in fog");
    }

    @Test
    void should_set_aside_a_corrupt_settings_file_and_say_so() throws Exception {
        Path data = home().resolve("plugin-data-probe");
        openHost();
        Path folder = Edt.query(() -> stub.host().pluginDataFolder(StepcastPanel.PLUGIN_ID));
        closeHost();
        Files.writeString(folder.resolve("settings.json"), "{\"version\": 1, \"form\": {\"prompt\": ");

        openHost();

        assertThat(Edt.query(() -> panel.messages.isShowing())).as("panel.messages.isShowing()").isEqualTo(true);
        assertThat(Edt.query(panel.messages::kind)).isEqualTo(MessageBox.Kind.WARNING);
        assertThat(Edt.query(panel.messages::message)).contains("could not be used").contains("settings.json.corrupt-")
                .contains("defaults");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anySatisfy(n -> assertThat(n).startsWith("settings.json.corrupt-"));
        }
        assertThat(Files.readString(aside(folder))).isEqualTo("{\"version\": 1, \"form\": {\"prompt\": ");
        assertThat(data).doesNotExist();

        java.awt.Color lightBox = Edt.query(panel.messages::getBackground);
        Edt.run(() -> stub.setDarkTheme(true));
        java.awt.Color darkBox = Edt.query(panel.messages::getBackground);
        assertThat(darkBox).as("the warning box follows a runtime switch to dark").isNotEqualTo(lightBox);
        assertThat(luminance(darkBox)).isLessThan(luminance(lightBox));
    }

    private static double luminance(java.awt.Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    private static Path aside(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("settings.json.corrupt-")).findFirst()
                    .orElseThrow();
        }
    }
}
