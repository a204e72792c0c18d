package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import javax.swing.JComponent;
import javax.swing.JSpinner;
import org.junit.jupiter.api.Test;

/** Ctrl+Enter and Esc anywhere in the panel, Generate one Tab after the prompt, a visible focus ring on it. */
class KeyboardShortcutsTest extends PanelGuiTest {

    @Test
    void ctrl_enter_and_esc_work_in_a_spinner_and_generate_is_one_tab_after_the_prompt() throws Exception {
        openHost();
        fastSettings(21);

        Component stepsField = Edt.query(() -> ((JSpinner.DefaultEditor) ((JSpinner) robot().finder()
                .findByName("steps", JSpinner.class, false)).getEditor()).getTextField());
        robot().focusAndWaitForFocusGain(stepsField);
        ctrlEnter();
        awaitResults(1);

        Edt.run(() -> {
            panel.parameters.setStepsAndCfg(150, 7);
            panel.parameters.sizeField().setSize(512, 512);
        });
        Component sampler = robot().finder().findByName("sampler");
        robot().focusAndWaitForFocusGain(sampler);
        ctrlEnter();
        Waits.until("running", () -> panel.controller().isGenerating());
        robot().pressAndReleaseKey(KeyEvent.VK_ESCAPE);
        Waits.until("cancelled", () -> !panel.controller().isGenerating(), GENERATION_TIMEOUT);
        assertThat(Edt.query(() -> panel.actions.progressBar().getString())).isEqualTo("Cancelled");
        assertThat(Edt.query(() -> panel.history.items().size())).isEqualTo(1);

        robot().focusAndWaitForFocusGain(Edt.query(panel.prompts::promptField));
        robot().pressAndReleaseKey(KeyEvent.VK_TAB);
        Waits.until("Generate has the focus after one Tab", () -> "generate".equals(focusedName()));
        robot().pressKey(KeyEvent.VK_SHIFT);
        robot().pressAndReleaseKey(KeyEvent.VK_TAB);
        robot().releaseKey(KeyEvent.VK_SHIFT);
        Waits.until("Shift+Tab goes back to the prompt", () -> "prompt".equals(focusedName()));
    }

    @Test
    void generate_shows_a_clear_focus_ring() throws Exception {
        openHost();
        JComponent generate = Edt.query(panel.actions::generateButton);
        robot().focusAndWaitForFocusGain(Edt.query(panel.prompts::promptField));
        robot().waitForIdle();
        BufferedImage unfocused = ring(generate);
        robot().focusAndWaitForFocusGain(generate);
        robot().waitForIdle();
        BufferedImage focused = ring(generate);

        int changed = 0;
        for (int y = 0; y < focused.getHeight(); y++) {
            for (int x = 0; x < focused.getWidth(); x++) {
                boolean edge = x < 4 || y < 4 || x >= focused.getWidth() - 4 || y >= focused.getHeight() - 4;
                if (edge && focused.getRGB(x, y) != unfocused.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        int edgePixels = 2 * 4 * (focused.getWidth() + focused.getHeight()) - 64;
        assertThat(changed).as("pixels of the button's outer 4-px rim that change on focus, of %d", edgePixels)
                .isGreaterThan(edgePixels / 3);
    }

    private static BufferedImage ring(JComponent c) throws Exception {
        Rectangle r = Edt.query(() -> {
            Point p = c.getLocationOnScreen();
            return new Rectangle(p.x, p.y, c.getWidth(), c.getHeight());
        });
        return new Robot().createScreenCapture(r);
    }

    private static String focusedName() {
        Component c = KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
        return c == null ? null : c.getName();
    }
}
