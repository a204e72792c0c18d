package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import dev.stepcast.panel.settings.Settings;
import dev.stepcast.panel.settings.SettingsStore;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Duration;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** Esc cancels a running generation; an invalid width is explained next to the field and disables Generate. */
class CancelAndValidationTest extends PanelGuiTest {

    @Test
    void should_cancel_with_escape_and_keep_nothing() {
        openHost();
        fastSettings(7);
        // Long enough (150 steps at 768 × 768) that Esc always lands mid-run, whatever the machine's speed.
        Edt.run(() -> {
            panel.parameters.setStepsAndCfg(150, 7.5);
            panel.parameters.sizeField().setSize(768, 768);
        });
        window.textBox("prompt").enterText("night sky with moon");
        window.button("generate").click();
        Waits.until("the generation runs a step", () -> panel.actions.progressBar().getString().startsWith("Step "),
                GENERATION_TIMEOUT);

        window.textBox("prompt").focus();
        window.textBox("prompt").pressAndReleaseKeys(KeyEvent.VK_ESCAPE);

        Waits.until("cancelled and ready", () -> !panel.controller().isGenerating()
                && panel.actions.progressBar().getString().equals("Cancelled"), Duration.ofSeconds(10));
        assertThat(Edt.query(() -> panel.history.items())).isEmpty();
        assertThat(Edt.query(() -> panel.actions.generateButton().isEnabled()))
                .as("panel.actions.generateButton().isEnabled()").isEqualTo(true);
        assertThat(Edt.query(() -> panel.actions.cancelButton().isEnabled()))
                .as("panel.actions.cancelButton().isEnabled()").isEqualTo(false);
        assertThat(Edt.query(panel.prompts::prompt)).isEqualTo("night sky with moon");
    }

    @Test
    void should_explain_an_invalid_width_next_to_the_field_and_disable_generate() {
        openHost();

        window.textBox("width").deleteText().enterText("500");

        Waits.until("a message under the size", () -> panel.parameters.sizeField().messageLabel().isShowing());
        assertThat(Edt.query(() -> panel.parameters.sizeField().messageLabel().getText()))
                .isEqualTo("Width must be a multiple of 8 — try 496 or 504");
        assertThat(Edt.query(() -> panel.actions.generateButton().isEnabled()))
                .as("panel.actions.generateButton().isEnabled()").isEqualTo(false);
        assertThat(Edt.query(() -> panel.actions.generateButton().getToolTipText())).contains("multiple of 8");
        Rectangle field = Edt.query(() -> SwingUtilities.convertRectangle(
                panel.parameters.sizeField().messageLabel().getParent(),
                window.textBox("width").target().getBounds(), panel));
        Rectangle message = Edt.query(() -> SwingUtilities.convertRectangle(
                panel.parameters.sizeField().messageLabel().getParent(),
                panel.parameters.sizeField().messageLabel().getBounds(), panel));
        assertThat(message.y).as("message just under the field").isBetween(field.y + field.height,
                field.y + field.height + 12);

        window.textBox("width").deleteText().enterText("504");

        Waits.until("valid again", () -> panel.actions.generateButton().isEnabled()
                && !panel.parameters.sizeField().messageLabel().isShowing());
    }

    @Test
    void should_refuse_a_size_the_unet_cannot_take_naming_the_nearest_sizes() throws Exception {
        // An SD-shaped UNet (three down-sampling stages): only multiples of 64 px run.
        Path model = SyntheticModelWriter.write(temp.resolve("sd-shaped"), SyntheticOptions.defaults(), 3);
        openHost();
        Path folder = Edt.query(() -> stub.host().pluginDataFolder(StepcastPanel.PLUGIN_ID));
        closeHost();
        new SettingsStore(folder).save(Settings.defaults().withSelectedModel(model.toString()));
        openHost();
        assertThat(Edt.query(() -> panel.controller().model().info().folder().toRealPath()))
                .isEqualTo(model.toRealPath());

        window.textBox("width").deleteText().enterText("72");

        Waits.until("a message under the size", () -> panel.parameters.sizeField().messageLabel().isShowing());
        assertThat(Edt.query(() -> panel.parameters.sizeField().messageLabel().getText())).isEqualTo(
                "72×512 does not fit this UNet: sizes must be multiples of 64 px; nearest: 64×512 or 128×512");
        assertThat(Edt.query(() -> panel.actions.generateButton().isEnabled()))
                .as("panel.actions.generateButton().isEnabled()").isEqualTo(false);

        window.textBox("width").deleteText().enterText("128");

        Waits.until("valid again", () -> panel.actions.generateButton().isEnabled()
                && !panel.parameters.sizeField().messageLabel().isShowing());
    }
}
