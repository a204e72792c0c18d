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
            // closing flushes the settings on a background thread: let it finish before the temporary folder goes
            dev.stepcast.panel.FileThreads.awaitDone();
        }
    }

    @Test
    void should_generate_apply_to_a_file_and_switch_to_dark_at_runtime() throws Exception {
        host = Edt.query(() -> StandaloneLauncher.openOnEdt(temp.resolve("data"), temp.resolve("out"), false, false));
        FrameFixture window = new FrameFixture(robot(), (JFrame) host.mainWindow());
        StepcastPanel panel = robot().finder().findByType(StepcastPanel.class);
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

        Waits.until("the status line says where the result was saved",
                () -> host.statusLine().getText().startsWith("Saved "));
        Path saved = Edt.query(host::lastSaved);
        assertThat(Edt.query(() -> host.statusLine().getText()))
                .isEqualTo("Saved " + saved.getFileName() + " in " + temp.resolve("out"));
        assertThat(saved).exists().hasParent(temp.resolve("out"));
        assertThat(saved.getFileName().toString()).contains("forest");
        assertThat(Files.size(saved)).isPositive();
        Path history = temp.resolve("data").resolve(StepcastPanel.PLUGIN_ID).resolve("history");
        try (var pngs = Files.list(history)) {
            Path png = pngs.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
            assertThat(A1111Format.parse(PngParameters.read(png).orElseThrow()).orElseThrow().prompt())
                    .isEqualTo("forest");
        }

        assertThat(robot().finder().findAll(c -> c instanceof javax.swing.JDialog && c.isShowing())).isEmpty();

        Color lightBackground = Edt.query(panel::getBackground);
        window.menuItemWithPath("View", "Dark").click();

        Waits.until("FlatLaf dark installed", () -> UIManager.getLookAndFeel().getName().startsWith("FlatLaf Dark"));
        Color darkBackground = Edt.query(panel::getBackground);
        assertThat(darkBackground).isNotEqualTo(lightBackground).isEqualTo(Edt.query(() ->
                UIManager.getColor("Panel.background")));
        assertThat(Files.readString(temp.resolve("data").resolve("standalone.properties"))).contains("theme=DARK");
    }

    @Test
    void should_save_and_only_note_a_failed_reveal_and_name_the_standalone_way_to_get_a_source_image()
            throws Exception {
        StandaloneHost.Revealer failing = file -> {
            throw new java.io.IOException("Failed to show URI:file:" + file);
        };
        host = Edt.query(() -> StandaloneLauncher.openOnEdt(temp.resolve("data"), temp.resolve("out"), false,
                failing));
        StepcastPanel panel = robot().finder().findByType(StepcastPanel.class);
        Waits.until("the demo model is loaded", () -> panel.controller().model() != null, Duration.ofSeconds(180));

        javax.swing.JRadioButton i2i = robot().finder().findByName("imageToImage", javax.swing.JRadioButton.class,
                false);
        Edt.run(i2i::doClick);
        Edt.run(() -> panel.controller().generate());
        assertThat(Edt.query(() -> robot().finder().findByName("messageText", javax.swing.JTextArea.class, false)
                .getText())).isEqualTo("Image to image needs a source image: choose one with File ▸ Open source "
                + "image… (Ctrl+O), or switch the source to Text to image. Your prompt and settings are unchanged.");

        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 30,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        Edt.run(() -> host.setSource(image, "fox.png"));
        assertThat(Edt.query(() -> host.statusLine().getText())).isEqualTo("Source image: fox.png, 40 × 30");

        Edt.run(() -> host.addLayer(image, "a fox (42)", 0, 0));
        Path saved = Edt.query(host::lastSaved);
        assertThat(saved).exists().hasParent(temp.resolve("out"));
        assertThat(javax.imageio.ImageIO.read(saved.toFile()).getWidth()).isEqualTo(40);
        try (var files = Files.list(temp.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(saved.getFileName().toString());
        }
        assertThat(Edt.query(() -> host.statusLine().getText())).isEqualTo("Saved " + saved.getFileName() + " in "
                + temp.resolve("out") + " (fox.png is unchanged); it could not be opened in an image viewer "
                + "(Failed to show URI:file:" + saved + ")");
        assertThat(robot().finder().findAll(c -> c instanceof javax.swing.JDialog && c.isShowing())).isEmpty();
    }
}
