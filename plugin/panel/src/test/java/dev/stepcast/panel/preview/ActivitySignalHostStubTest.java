package dev.stepcast.panel.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.EditorPlugin;
import dev.stepcast.hoststub.HostStub;
import dev.stepcast.hoststub.HostStubOptions;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import dev.stepcast.testkit.Waits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.Icon;
import javax.swing.JComponent;
import javax.swing.JPanel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ActivitySignal#of} on the real host stub: the host's activity combined with whether the panel shows. */
class ActivitySignalHostStubTest extends GuiTest {

    @TempDir
    Path home;

    private HostStub stub;
    private JPanel panel;

    /** A plugin whose panel is a plain JPanel. */
    private final class PanelPlugin implements EditorPlugin {
        @Override
        public String id() {
            return "activity-test";
        }

        @Override
        public String title() {
            return "Activity test";
        }

        @Override
        public Icon icon() {
            return null;
        }

        @Override
        public JComponent start(EditorHost host) {
            panel = new JPanel();
            return panel;
        }

        @Override
        public void stop() {
        }
    }

    @Override
    protected void onSetUp() {
        stub = Edt.query(() -> {
            HostStub s = HostStub.open(new HostStubOptions(null, home, false, false, false));
            s.dock(new PanelPlugin());
            return s;
        });
        robot().focusAndWaitForFocusGain(Edt.query(() -> stub.frame()));
        Waits.until("the host stub is active and the panel showing",
                () -> stub.host().isActive() && panel.isShowing());
    }

    @Override
    protected void onTearDown() {
        if (stub != null) {
            Edt.run(stub::close);
        }
    }

    @Test
    void should_report_inactive_when_the_panel_stops_showing_and_active_when_it_shows_again() {
        List<Boolean> changes = new ArrayList<>();
        ActivitySignal signal = Edt.query(() -> {
            ActivitySignal s = ActivitySignal.of(stub.host(), panel);
            s.addListener(changes::add);
            return s;
        });
        assertThat(Edt.query(signal::isActive)).as("signal::isActive").isEqualTo(true);

        Edt.run(() -> panel.setVisible(false));
        Waits.until("inactive reported", () -> !signal.isActive() && changes.contains(false));
        Edt.run(() -> panel.setVisible(true));
        Waits.until("active reported", () -> signal.isActive() && changes.size() == 2);

        assertThat(Edt.query(() -> List.copyOf(changes))).containsExactly(false, true);
        Edt.run(signal::dispose);
        Edt.run(() -> panel.setVisible(false));
        assertThat(Edt.query(() -> List.copyOf(changes))).containsExactly(false, true);
    }
}
