package dev.stepcast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.JFrame;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;

/** Posted window events reach the window's listeners as the window system's would. */
class WindowEventsTest extends GuiTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private JFrame frame;

    @Override
    protected void onSetUp() {
        frame = Edt.query(() -> {
            JFrame f = new JFrame("events");
            f.setSize(200, 100);
            f.addWindowListener(new WindowAdapter() {
                @Override
                public void windowActivated(WindowEvent e) {
                    seen.add("activated");
                }

                @Override
                public void windowDeactivated(WindowEvent e) {
                    seen.add("deactivated");
                }

                @Override
                public void windowIconified(WindowEvent e) {
                    seen.add("iconified");
                }

                @Override
                public void windowDeiconified(WindowEvent e) {
                    seen.add("deiconified");
                }
            });
            f.addWindowStateListener(e -> seen.add("state " + e.getOldState() + "->" + e.getNewState()));
            return f;
        });
        new FrameFixture(robot(), frame).show();
    }

    @Test
    void should_deliver_activation_and_iconify_events_to_the_window_listeners() {
        WindowEvents.activate(frame);
        WindowEvents.deactivate(frame, null);
        WindowEvents.iconify(frame);
        WindowEvents.deiconify(frame);

        assertThat(seen).containsSubsequence("activated", "deactivated", "iconified", "state 0->1",
                "deiconified", "state 1->0");
    }
}
