package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.panel.parts.ModelChoice;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JButton;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** Points of the first-run walk-through (issue 16): Apply in sight, output size, cancel vs result, checkpoints. */
class FirstRunWalkthroughTest extends PanelGuiTest {

    @Test
    void apply_next_to_generate_is_visible_at_1280x820_after_a_run_and_applies_the_new_result() {
        openHost();
        Edt.run(() -> {
            stub.frame().setSize(1280, 820);
            stub.openDocument(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "canvas");
        });
        fastSettings(11);
        Edt.run(() -> panel.prompts.promptField().setText("a red barn"));
        Edt.run(panel.controller()::generate);
        awaitResults(1);
        robot().waitForIdle();

        JButton apply = Edt.query(panel.actions::applyLatestButton);
        Rectangle inFrame = Edt.query(() -> SwingUtilities.convertRectangle(apply.getParent(), apply.getBounds(),
                stub.frame().getContentPane()));
        int contentHeight = Edt.query(() -> stub.frame().getContentPane().getHeight());
        assertThat(Edt.query(apply::isShowing)).isEqualTo(true);
        assertThat(inFrame.y + inFrame.height).isLessThanOrEqualTo(contentHeight);
        assertThat(Edt.query(apply::getText)).isEqualTo("Apply");
        assertThat(Edt.query(apply::isEnabled)).isEqualTo(true);
        int before = Edt.query(() -> stub.activeDocument().layers().size());

        window.button("applyLatest").click();

        Waits.until("a new layer", () -> stub.activeDocument().layers().size() == before + 1);
        assertThat(Edt.query(() -> stub.activeDocument().layers().get(before).name())).isEqualTo("a red barn (11)");
    }

    @Test
    void shows_the_output_size_a_selection_gives_and_how_many_steps_image_to_image_runs() {
        openHost();
        Edt.run(() -> {
            stub.openDocument(new BufferedImage(1000, 800, BufferedImage.TYPE_INT_RGB), "canvas");
            stub.activeDocument().setSelection(new Rectangle(10, 20, 411, 354));
            panel.parameters.sizeField().setSize(768, 768);
        });
        Waits.until("the output size line", () -> !panel.parameters.sizeField().outputNote().isEmpty());
        assertThat(Edt.query(panel.parameters.sizeField()::outputNote))
                .isEqualTo("Output 768 × 664, fitted to the selection 411 × 354");

        Edt.run(() -> {
            panel.parameters.setStepsAndCfg(60, 7);
            panel.source.setImageToImage(true);
            panel.source.setStrength(0.75);
        });
        assertThat(Edt.query(panel.source::stepsNote)).isEqualTo("45 of 60 steps at strength 0.75");
        assertThat(Edt.query(panel.source::summary)).isEqualTo("Image to image · 45 of 60 steps at strength 0.75");

        Edt.run(() -> stub.activeDocument().setSelection(null));
        Waits.until("no output size line without a selection",
                () -> panel.parameters.sizeField().outputNote().isEmpty());
    }

    @Test
    void after_a_cancel_the_view_shows_the_selected_result_or_says_it_is_a_cancelled_preview() {
        openHost();
        Edt.run(() -> {
            panel.parameters.setStepsAndCfg(150, 7);
            panel.parameters.sizeField().setSize(512, 512);
            panel.parameters.setFixedSeed(3);
        });
        // Previews are decoded while the host is active: give its window the focus.
        robot().focusAndWaitForFocusGain(Edt.query(panel.prompts::promptField));
        Edt.run(panel.controller()::generate);
        Waits.until("a preview", () -> panel.preview.view().shownStep() > 0, GENERATION_TIMEOUT);
        Edt.run(panel.controller()::cancel);
        Waits.until("cancelled", () -> !panel.controller().isGenerating(), GENERATION_TIMEOUT);
        assertThat(Edt.query(() -> panel.preview.view().caption()))
                .matches("Cancelled preview \\(step [0-9]+\\) — not kept, nothing to apply");

        fastSettings(5);
        Edt.run(panel.controller()::generate);
        awaitResults(1);
        Edt.run(() -> panel.parameters.setStepsAndCfg(150, 7));
        Edt.run(() -> panel.parameters.sizeField().setSize(512, 512));
        robot().focusAndWaitForFocusGain(Edt.query(panel.prompts::promptField));
        Edt.run(panel.controller()::generate);
        Waits.until("a preview", () -> panel.preview.view().shownStep() > 0, GENERATION_TIMEOUT);
        Edt.run(panel.controller()::cancel);
        Waits.until("the selected result is shown again", () -> !panel.controller().isGenerating()
                && panel.preview.isShowingResult(), GENERATION_TIMEOUT);
        assertThat(Edt.query(() -> panel.preview.view().image().getWidth())).isEqualTo(256);
        assertThat(Edt.query(() -> panel.preview.view().caption())).isNull();
    }

    @Test
    void a_folder_with_a_checkpoint_file_says_to_convert_it_with_optimum() throws Exception {
        openHost();
        Path folder = temp.resolve("my-model");
        Files.createDirectories(folder);
        Files.write(folder.resolve("dreamy-v2.safetensors"), new byte[] {1, 2, 3});

        Edt.run(() -> panel.controller().models().choose(ModelChoice.folder(folder)));

        Waits.until("the message", () -> panel.messages.message().contains("checkpoint"), MODEL_TIMEOUT);
        assertThat(Edt.query(panel.messages::message)).isEqualTo("dreamy-v2.safetensors in " + folder
                + " is a single-file checkpoint, but Stepcast needs the diffusers ONNX layout (model_index.json, "
                + "unet/model.onnx, …). Convert it once with Optimum: optimum-cli export onnx --model <the model as "
                + "a diffusers folder> --task stable-diffusion <output folder> (a single file is first saved as a "
                + "diffusers folder, e.g. with diffusers' from_single_file and save_pretrained), then open the "
                + "output folder here.");
        Waits.until("back on the demo model", () -> panel.controller().model() != null, MODEL_TIMEOUT);
    }
}
