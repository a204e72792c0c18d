package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import dev.stepcast.testkit.WindowEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.JDialog;
import javax.swing.JFrame;
import org.junit.jupiter.api.Test;

/**
 * The host is active while one of its windows is active and the main window is not iconified; moving between its own
 * windows is not "inactive" (debounced).
 *
 * <p>Xvfb has no window manager: it cannot move focus between top-level windows, iconify or restore a frame. These
 * tests therefore dispatch real {@code WindowEvent}s through the system event queue ({@link WindowEvents}), which
 * travel the same path as the window system's: the keyboard focus manager, then the windows' listeners.
 */
class HostActivityTest extends HostStubTestBase {

    private final List<Boolean> changes = new CopyOnWriteArrayList<>();
    private HostStub stub;
    private JFrame frame;
    private JDialog tool;

    @Override
    protected void onSetUp() {
        stub = open(options());
        frame = stub.frame();
        tool = Edt.query(() -> {
            JDialog d = new JDialog(frame, "Tool window");
            d.setSize(240, 160);
            d.setLocation(frame.getX() + 40, frame.getY() + 40);
            d.setVisible(true);
            return d;
        });
        robot().waitForIdle();
        WindowEvents.activate(frame);
        Waits.until("the host is active and settled", () -> stub.host().isActive() && !stub.activity().isSettling());
        Edt.run(() -> stub.host().addActivityListener(changes::add));
    }

    @Test
    void should_stay_active_when_activation_moves_between_the_hosts_own_windows() {
        WindowEvents.activate(tool);
        WindowEvents.activate(frame);
        WindowEvents.deactivate(frame, tool);
        WindowEvents.activate(tool);

        Waits.until("the debounce delay has passed", () -> !stub.activity().isSettling());
        assertThat(changes).isEmpty();
        assertThat(Edt.query(() -> stub.host().isActive())).as("stub.host().isActive()").isEqualTo(true);
    }

    @Test
    void should_go_inactive_when_all_host_windows_are_deactivated_and_active_again_on_return() {
        WindowEvents.activate(tool);
        WindowEvents.deactivate(tool, null);

        Waits.until("the host reports inactive", () -> !stub.host().isActive());
        assertThat(changes).containsExactly(false);

        WindowEvents.activate(frame);

        Waits.until("the host reports active", () -> stub.host().isActive());
        assertThat(changes).containsExactly(false, true);
    }

    @Test
    void should_go_inactive_when_the_main_window_is_iconified_and_active_again_when_restored() {
        WindowEvents.iconify(frame);

        Waits.until("the host reports inactive", () -> !stub.host().isActive());
        assertThat(changes).containsExactly(false);

        WindowEvents.deiconify(frame);

        Waits.until("the host reports active", () -> stub.host().isActive());
        assertThat(changes).containsExactly(false, true);
    }

    @Test
    void should_not_report_inactive_when_the_main_window_is_restored_within_the_debounce_delay() {
        WindowEvents.deactivate(frame, null);
        WindowEvents.activate(frame);

        Waits.until("the debounce delay has passed", () -> !stub.activity().isSettling());
        assertThat(changes).isEmpty();
    }
}
