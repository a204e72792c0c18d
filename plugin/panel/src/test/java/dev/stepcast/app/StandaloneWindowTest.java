package dev.stepcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.panel.StepcastPanel;
import dev.stepcast.panel.png.A1111Format;
import dev.stepcast.panel.png.PngParameters;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import dev.stepcast.testkit.Waits;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.swing.JFrame;
import javax.swing.JList;
import javax.swing.UIManager;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone window: FlatLaf installed by the launcher, a generation lands in the history, "apply" saves a PNG
 * (with its parameters chunk) in the output folder and says where; View ▸ Dark switches the theme at runtime.
 */
class StandaloneWindowTest extends GuiTest {

    @TempDir
    Path temp;

    private StandaloneHost host;

    @Override
    protected void onTearDown() {
        if (host != null) {
            Edt.run(() -> host.mainWindow().dispose());
        }
    }

    @Test
    void should_generate_apply_to_a_file_and_switch_to_dark_at_runtime() throws Exception {
        host = Edt.query(() -> StandaloneLauncher.openOnEdt(temp.resolve("data"), temp.resolve("out"), false, false));
        FrameFixture window = new FrameFixture(robot(), (JFrame) host.mainWindow());
        StepcastPanel panel = Edt.query(() -> (StepcastPanel) ((JFrame) host.mainWindow()).getContentPane());
        assertThat(Edt.query(() -> UIManager.getLookAndFeel().getName())).startsWith("FlatLaf Light");
        Waits.until("the demo model is loaded", () -> panel.controller().model() != null, Duration.ofSeconds(180));

        window.textBox("prompt").enterText("forest");
        window.textBox("steps" + "Field").deleteText().enterText("4");
        window.textBox("width").deleteText().enterText("256");
        window.textBox("height").deleteText().enterText("256");
        window.button("generate").click();
        JList<?> historyList = robot().finder().findByName("history", JList.class, false);
        Waits.until("a result", () -> !panel.controller().isGenerating() && historyList.getModel().getSize() == 1,
                Duration.ofSeconds(120));
        Edt.run(() -> historyList.setSelectedIndex(0));
        window.button("applyResult").click();

        window.optionPane(org.assertj.swing.timing.Timeout.timeout(20_000)).requireMessage(
                java.util.regex.Pattern.compile("(?s)Saved .*\\.png in .*out.*")).okButton().click();
        Path saved = Edt.query(host::lastSaved);
        assertThat(saved).exists().hasParent(temp.resolve("out"));
        assertThat(saved.getFileName().toString()).contains("forest");
        assertThat(Files.size(saved)).isPositive();
        Path history = temp.resolve("data").resolve(StepcastPanel.PLUGIN_ID).resolve("history");
        try (var pngs = Files.list(history)) {
            Path png = pngs.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
            assertThat(A1111Format.parse(PngParameters.read(png).orElseThrow()).orElseThrow().prompt())
                    .isEqualTo("forest");
        }

        Color lightBackground = Edt.query(panel::getBackground);
        window.menuItemWithPath("View", "Dark").click();

        Waits.until("FlatLaf dark installed", () -> UIManager.getLookAndFeel().getName().startsWith("FlatLaf Dark"));
        Color darkBackground = Edt.query(panel::getBackground);
        assertThat(darkBackground).isNotEqualTo(lightBackground).isEqualTo(Edt.query(() ->
                UIManager.getColor("Panel.background")));
        assertThat(Files.readString(temp.resolve("data").resolve("standalone.properties"))).contains("theme=DARK");
    }
}
