package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Component;
import java.awt.Container;
import java.awt.FocusTraversalPolicy;
import java.awt.KeyboardFocusManager;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JSpinner;
import org.junit.jupiter.api.Test;

/** Every control of the panel is reachable with Tab, labels carry mnemonics, and controls explain themselves. */
class KeyboardAccessTest extends PanelGuiTest {

    @Test
    void should_reach_every_control_with_tab_and_label_fields_with_mnemonics() {
        openHost();
        Edt.run(() -> panel.history.setItems(List.of()));

        List<Component> cycle = Edt.query(() -> tabCycle(panel.prompts.promptField()));
        Set<String> reached = new LinkedHashSet<>(cycle.stream().map(Component::getName).toList());

        assertThat(reached).contains("prompt", "negativePrompt", "stepsField", "cfgScaleField", "sampler",
                "sizePreset", "width", "height", "randomSeed", "batchCountField", "textToImage", "generate",
                "modelPicker", "openModelFolder", "settings");
        List<String> unlabeled = Edt.query(() -> labelsWithoutMnemonic(panel));
        assertThat(unlabeled).as("labels pointing at a field without a mnemonic").isEmpty();
        List<String> unexplained = Edt.query(() -> controlsWithoutHelp(cycle));
        assertThat(unexplained).as("focusable controls without tooltip or accessible name").isEmpty();
    }

    @Test
    void should_move_focus_with_the_mnemonic_keys() {
        openHost();
        window.textBox("prompt").focus();

        pressAlt(KeyEvent.VK_S);
        Waits.until("Alt+S focuses Steps", () -> "stepsField".equals(focusedName()));
        pressAlt(KeyEvent.VK_N);
        Waits.until("Alt+N focuses the negative prompt", () -> "negativePrompt".equals(focusedName()));
        pressAlt(KeyEvent.VK_W);
        Waits.until("Alt+W focuses the width", () -> "width".equals(focusedName()));
    }

    private void pressAlt(int key) {
        robot().pressKey(KeyEvent.VK_ALT);
        try {
            robot().pressAndReleaseKey(key);
        } finally {
            robot().releaseKey(KeyEvent.VK_ALT);
        }
    }

    private static String focusedName() {
        Component c = KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
        return c == null ? null : c.getName();
    }

    private List<Component> tabCycle(Component start) {
        Container root = start.getFocusCycleRootAncestor();
        FocusTraversalPolicy policy = root.getFocusTraversalPolicy();
        List<Component> names = new ArrayList<>();
        Component c = start;
        for (int i = 0; i < 400 && c != null; i++) {
            if (javax.swing.SwingUtilities.isDescendingFrom(c, panel)) {
                names.add(c);
            }
            c = policy.getComponentAfter(root, c);
            if (c == start) {
                break;
            }
        }
        return names;
    }

    private static List<String> labelsWithoutMnemonic(Container root) {
        List<String> bad = new ArrayList<>();
        for (Component c : all(root)) {
            if (c instanceof JLabel l && l.getLabelFor() != null && l.getDisplayedMnemonic() == 0) {
                bad.add(l.getText());
            }
        }
        return bad;
    }

    /** Controls in the Tab cycle with neither a tooltip nor an accessible name (spinner editors: their spinner). */
    private static List<String> controlsWithoutHelp(List<Component> cycle) {
        List<String> bad = new ArrayList<>();
        for (Component c : cycle) {
            JComponent j = (JComponent) c;
            if (c.getParent() instanceof JSpinner.DefaultEditor editor) {
                j = editor.getSpinner();
            }
            if (j.getToolTipText() == null && j.getAccessibleContext().getAccessibleName() == null) {
                bad.add(c.getClass().getSimpleName() + " " + c.getName());
            }
        }
        return bad;
    }

    private static List<Component> all(Container root) {
        List<Component> out = new ArrayList<>();
        for (Component c : root.getComponents()) {
            out.add(c);
            if (c instanceof Container k) {
                out.addAll(all(k));
            }
        }
        return out;
    }
}
