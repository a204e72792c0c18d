package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.hoststub.Layer;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.panel.settings.Settings;
import dev.stepcast.panel.settings.SettingsStore;
import org.junit.jupiter.api.Test;

/** Image to image from the host's selection puts the result at the selection; no image gives a clear message. */
class ImageToImageTest extends PanelGuiTest {

    /**
     * Uses the engine's synthetic SD-shaped model (with a VAE encoder, exact and fast), chosen as a recent model folder
     * in the settings before the host starts.
     */
    @Test
    void should_put_the_result_of_image_to_image_at_the_selection() throws Exception {
        Path model = SyntheticModelWriter.write(temp.resolve("synthetic"), SyntheticOptions.defaults());
        writeSettingsSelecting(model);
        openHost();
        assertThat(Edt.query(() -> panel.controller().model().info().folder().toRealPath()))
                .isEqualTo(model.toRealPath());
        Edt.run(() -> {
            stub.openDocument(scene(320, 240), "photo");
            stub.activeDocument().setSelection(new Rectangle(64, 48, 128, 96));
        });
        fastSettings(99);
        window.textBox("prompt").enterText("desert dunes");
        window.radioButton("imageToImage").click();
        Waits.until("the source line names the selection",
                () -> panel.source.isImageToImage() && sourceLine().contains("128 × 96 at 64, 48"));

        window.button("generate").click();
        awaitResults(1);
        assertThat(Edt.query(() -> panel.history.items().get(0).entry().generationParameters().denoisingStrength()))
                .isEqualTo(0.75, org.assertj.core.data.Offset.offset(1e-6));
        Edt.run(() -> panel.history.historyList().ensureIndexIsVisible(0));
        window.list("history").selectItem(0);
        click("applyResult");

        try {
            Waits.until("a new layer", () -> stub.activeDocument().layers().size() == 2);
        } catch (RuntimeException | Error e) {
            screenshot("img2img-failure");
            throw new AssertionError("layers " + Edt.query(() -> stub.activeDocument().layers()) + ", panel message "
                    + Edt.query(panel.messages::message) + ", host messages " + Edt.query(stub::messages), e);
        }
        Layer layer = Edt.query(() -> stub.activeDocument().layers().stream()
                .filter(l -> l.name().startsWith("desert")).findFirst().orElseThrow());
        assertThat(layer.name()).isEqualTo("desert dunes (99)");
        assertThat(new Rectangle(layer.x(), layer.y(), layer.image().getWidth(), layer.image().getHeight()))
                .isEqualTo(new Rectangle(64, 48, 128, 96));
    }

    @Test
    void should_explain_when_there_is_no_image_and_lose_nothing() throws Exception {
        writeSettingsSelecting(SyntheticModelWriter.write(temp.resolve("synthetic"), SyntheticOptions.defaults()));
        openHost();
        assertThat(Edt.query(() -> stub.activeDocument())).as("the host starts without a document").isNull();
        window.textBox("prompt").enterText("forest");
        window.radioButton("imageToImage").click();

        window.button("generate").click();

        Waits.until("a message", () -> panel.messages.isShowing());
        assertThat(Edt.query(panel.messages::message)).isEqualTo("Image to image needs a source image: open or "
                + "create one in the editor, or switch the source to Text to image. Your prompt and settings are "
                + "unchanged.");
        assertThat(Edt.query(panel.prompts::prompt)).isEqualTo("forest");
        assertThat(Edt.query(() -> panel.controller().isGenerating()))
                .as("panel.controller().isGenerating()").isEqualTo(false);
    }

    private void writeSettingsSelecting(Path model) throws Exception {
        openHost();
        Path folder = Edt.query(() -> stub.host().pluginDataFolder(StepcastPanel.PLUGIN_ID));
        closeHost();
        new SettingsStore(folder).save(Settings.defaults().withSelectedModel(model.toString()));
    }

    @Test
    void should_offer_no_image_to_image_with_a_model_without_vae_encoder() throws Exception {
        writeSettingsSelecting(SyntheticModelWriter.write(temp.resolve("no-encoder"),
                SyntheticOptions.defaults().withVaeEncoder(SyntheticOptions.VaeEncoderOutput.NONE)));
        openHost();

        assertThat(Edt.query(() -> window.radioButton("imageToImage").target().isEnabled()))
                .as("window.radioButton(\"imageToImage\").target().isEnabled()").isEqualTo(false);
        assertThat(Edt.query(() -> window.radioButton("imageToImage").target().getToolTipText()))
                .contains("no VAE encoder");
    }

    private String sourceLine() {
        return ((javax.swing.JLabel) find(panel, "sourceRegion")).getText();
    }

    private static java.awt.Component find(java.awt.Container root, String name) {
        for (java.awt.Component c : root.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof java.awt.Container child) {
                java.awt.Component found = find(child, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static BufferedImage scene(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(230, 190, 120));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(120, 170, 230));
        g.fillRect(0, 0, w, h / 3);
        g.dispose();
        return image;
    }
}
