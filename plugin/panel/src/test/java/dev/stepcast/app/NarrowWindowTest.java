package dev.stepcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.panel.StepcastPanel;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import dev.stepcast.testkit.Waits;
import java.awt.Component;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.time.Duration;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 280-px wide panel: no control is cut, cut texts have their whole text in a tooltip, Tab scrolls into view. */
class NarrowWindowTest extends GuiTest {

    @TempDir
    Path temp;

    private StandaloneHost host;

    @Override
    protected void onTearDown() {
        if (host != null) {
            Edt.run(() -> host.mainWindow().dispose());
            dev.stepcast.panel.FileThreads.awaitDone(); // the settings are written after close, off the EDT
        }
    }

    @Test
    void every_control_fits_at_280_px_and_tabbing_scrolls_the_focused_control_into_view() {
        host = Edt.query(() -> StandaloneLauncher.openOnEdt(temp.resolve("data"), temp.resolve("out"), false, false));
        JFrame frame = (JFrame) host.mainWindow();
        StepcastPanel panel = robot().finder().findByType(StepcastPanel.class);
        Waits.until("the demo model is loaded", () -> panel.controller().model() != null, Duration.ofSeconds(180));
        Edt.run(() -> frame.setSize(280 + frame.getInsets().left + frame.getInsets().right, 820));
        robot().waitForIdle();

        for (String name : new String[] {"width", "height", "seed", "randomSeed", "reuseLastSeed", "stepsField",
            "cfgScaleField", "generate", "applyLatest"}) {
            Component c = robot().finder().findByName(frame, name, Component.class, false);
            Rectangle inPanel = Edt.query(() -> SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), panel));
            int panelWidth = Edt.query(panel::getWidth);
            assertThat(inPanel.x + inPanel.width).as("%s's right edge in a %d-px panel", name, panelWidth)
                    .isLessThanOrEqualTo(panelWidth);
            assertThat(Edt.query(c::getWidth)).as("%s's width against its preferred width", name)
                    .isGreaterThanOrEqualTo(Edt.query(() -> Math.min(c.getPreferredSize().width, 48)));
        }
        JComponent picker = robot().finder().findByName(frame, "modelPicker", JComponent.class, false);
        assertThat(Edt.query(() -> picker.getToolTipText())).startsWith("<html><b>Demo model (procedural scenes)</b>");
        JComponent status = robot().finder().findByName(frame, "modelStatus", JComponent.class, false);
        assertThat(Edt.query(() -> status.getToolTipText())).isNotBlank();

        Edt.run(() -> frame.setSize(frame.getWidth(), 420));
        robot().waitForIdle();
        Component batch = Edt.query(() -> ((javax.swing.JSpinner.DefaultEditor) robot().finder()
                .findByName(frame, "batchCount", javax.swing.JSpinner.class, false).getEditor()).getTextField());
        robot().focusAndWaitForFocusGain(batch);
        robot().waitForIdle();
        Rectangle visible = Edt.query(() -> {
            javax.swing.JViewport viewport = (javax.swing.JViewport) SwingUtilities.getAncestorOfClass(
                    javax.swing.JViewport.class, batch);
            Rectangle view = viewport.getViewRect();
            Rectangle b = SwingUtilities.convertRectangle(batch.getParent(), batch.getBounds(), viewport.getView());
            return view.intersection(b);
        });
        assertThat(visible.height).as("visible height of the focused Batch field").isEqualTo(Edt.query(batch::getHeight));
    }
}
