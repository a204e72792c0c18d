package dev.stepcast.panel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import java.awt.Component;
import java.util.EnumSet;
import javax.swing.JComboBox;
import javax.swing.JFrame;
import javax.swing.JList;
import javax.swing.ListCellRenderer;
import org.junit.jupiter.api.Test;

/** The execution provider list offers what this ONNX Runtime build has; the others are greyed with the reason. */
class SettingsDialogProvidersTest extends GuiTest {

    @Test
    @SuppressWarnings("unchecked")
    void a_cpu_only_build_offers_automatic_and_cpu_and_explains_the_others() {
        JFrame owner = Edt.query(JFrame::new);
        try {
            SettingsDialog dialog = Edt.query(() -> SettingsDialog.create(owner, Settings.defaults()));
            Edt.run(() -> dialog.showAvailable(EnumSet.of(ExecutionProvider.CPU)));
            JComboBox<ExecutionProvider> combo = (JComboBox<ExecutionProvider>) robot().finder()
                    .findByName(dialog, "Execution provider", JComboBox.class, false);

            Edt.run(() -> combo.setSelectedItem(ExecutionProvider.CUDA));
            assertThat(Edt.query(combo::getSelectedItem)).isEqualTo(ExecutionProvider.AUTO);
            Edt.run(() -> combo.setSelectedItem(ExecutionProvider.CPU));
            assertThat(Edt.query(combo::getSelectedItem)).isEqualTo(ExecutionProvider.CPU);

            Component cuda = Edt.query(() -> rendered(combo, ExecutionProvider.CUDA));
            assertThat(Edt.query(cuda::isEnabled)).isEqualTo(false);
            assertThat(Edt.query(() -> ((javax.swing.JLabel) cuda).getText())).isEqualTo("CUDA — not in this build");
            assertThat(Edt.query(() -> ((javax.swing.JComponent) cuda).getToolTipText())).isEqualTo("This ONNX "
                    + "Runtime build has no CUDA provider (it is built for CPU); a build with CUDA support is needed "
                    + "to use it.");
            Component cpu = Edt.query(() -> rendered(combo, ExecutionProvider.CPU));
            assertThat(Edt.query(cpu::isEnabled)).isEqualTo(true);
            assertThat(Edt.query(() -> ((javax.swing.JLabel) cpu).getText())).isEqualTo("CPU");
            assertThat(Edt.query(() -> ((javax.swing.JLabel) rendered(combo, ExecutionProvider.AUTO)).getText()))
                    .isEqualTo("Automatic");
            Edt.run(dialog::dispose);
        } finally {
            Edt.run(owner::dispose);
        }
    }

    private static Component rendered(JComboBox<ExecutionProvider> combo, ExecutionProvider p) {
        ListCellRenderer<? super ExecutionProvider> r = combo.getRenderer();
        return r.getListCellRendererComponent(new JList<>(), p, 0, false, false);
    }
}
