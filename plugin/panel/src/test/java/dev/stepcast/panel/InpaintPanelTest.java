package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.hoststub.Layer;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Inpaint selection with the demo model in the host stub: an ellipse selection chooses it by itself, Apply adds a layer
 * holding only the repainted part, the document outside the mask keeps its pixels, and a cancel changes nothing.
 */
class InpaintPanelTest extends PanelGuiTest {

    @Test
    void an_ellipse_selection_inpaints_and_apply_adds_only_the_masked_part() {
        openHost();
        BufferedImage scene = scene(320, 240);
        Edt.run(() -> {
            stub.openDocument(scene, "photo");
            stub.activeDocument().selectEllipse(new Rectangle(100, 60, 120, 100), 6);
        });
        fastSettings(5);
        Waits.until("Inpaint selection chosen for a non-rectangular selection", () -> panel.source.isInpaint());
        window.textBox("prompt").enterText("night sky with moon");
        Edt.run(() -> panel.source.setStrength(1.0));
        window.button("generate").click();
        awaitResults(1);
        screenshot("inpaint-panel-result");
        Edt.run(() -> panel.history.historyList().ensureIndexIsVisible(0));
        window.list("history").selectItem(0);
        click("applyResult");
        Waits.until("a new layer", () -> stub.activeDocument().layers().size() == 2);

        Layer layer = Edt.query(() -> stub.activeDocument().layers().get(1));
        Rectangle bounds = Edt.query(() -> stub.host().selection().orElseThrow());
        Rectangle layerRect = new Rectangle(layer.x(), layer.y(), layer.image().getWidth(), layer.image().getHeight());
        assertThat(layerRect.union(bounds)).as("the layer covers the selection's bounds (blur included)")
                .isEqualTo(layerRect);
        assertThat(layer.image().getRGB(0, 0) >>> 24).as("a corner of the layer, outside the ellipse").isEqualTo(0);
        int cx = 160 - layer.x();
        int cy = 110 - layer.y();
        assertThat(layer.image().getRGB(cx, cy) >>> 24).as("the ellipse's centre").isEqualTo(255);

        BufferedImage after = Edt.query(() -> stub.activeDocument().composite());
        long changed = 0;
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                // Outside the selection's bounds grown by the mask blur's reach (default blur 4: round(2.5 × 4) = 10).
                boolean outside = !new Rectangle(bounds.x - 10, bounds.y - 10, bounds.width + 20, bounds.height + 20)
                        .contains(x, y);
                if (outside) {
                    assertThat(after.getRGB(x, y) & 0xffffff).as("pixel %d,%d", x, y)
                            .isEqualTo(scene.getRGB(x, y) & 0xffffff);
                }
                if (Math.abs(x - 160) < 20 && Math.abs(y - 110) < 20 && after.getRGB(x, y) != scene.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        assertThat(changed).as("pixels changed in the ellipse's core").isGreaterThan(400);
    }

    @Test
    void cancelling_an_inpainting_leaves_the_document_untouched() {
        openHost();
        BufferedImage scene = scene(320, 240);
        Edt.run(() -> {
            stub.openDocument(scene, "photo");
            stub.activeDocument().selectEllipse(new Rectangle(40, 40, 200, 150), 0);
            panel.parameters.setStepsAndCfg(150, 7.5);
            panel.parameters.sizeField().setSize(768, 768);
        });
        Waits.until("Inpaint selection chosen", () -> panel.source.isInpaint());
        window.textBox("prompt").enterText("forest");
        window.button("generate").click();
        Waits.until("the generation runs a step", () -> panel.actions.progressBar().getString().startsWith("Step "),
                GENERATION_TIMEOUT);
        window.textBox("prompt").focus();
        window.textBox("prompt").pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
        Waits.until("cancelled", () -> !panel.controller().isGenerating()
                && panel.actions.progressBar().getString().equals("Cancelled"), Duration.ofSeconds(10));

        assertThat(Edt.query(() -> panel.history.items())).isEmpty();
        assertThat(Edt.query(() -> stub.activeDocument().layers().size())).isEqualTo(1);
        BufferedImage after = Edt.query(() -> stub.activeDocument().composite());
        for (int y = 0; y < 240; y += 3) {
            for (int x = 0; x < 320; x += 3) {
                assertThat(after.getRGB(x, y) & 0xffffff).isEqualTo(scene.getRGB(x, y) & 0xffffff);
            }
        }
    }

    private static BufferedImage scene(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(230, 190, 120));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(120, 170, 230));
        g.fillRect(0, 0, w, h / 2);
        g.setColor(new Color(40, 120, 60));
        g.fillOval(20, 150, 80, 60);
        g.dispose();
        return image;
    }
}
