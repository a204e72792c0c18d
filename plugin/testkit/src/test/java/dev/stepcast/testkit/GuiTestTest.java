package dev.stepcast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import org.assertj.swing.exception.EdtViolationException;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;

/** The base class gives a working robot and fails tests that touch Swing off the EDT. */
class GuiTestTest extends GuiTest {

    private FrameFixture window;
    private JLabel count;
    private final AtomicInteger clicks = new AtomicInteger();

    @Override
    protected void onSetUp() {
        JFrame frame = Edt.query(() -> {
            JFrame f = new JFrame("testkit");
            JButton button = new JButton("Press");
            button.setName("press");
            JLabel label = new JLabel("0");
            label.setName("count");
            count = label;
            button.addActionListener(e -> label.setText(String.valueOf(clicks.incrementAndGet())));
            JPanel panel = new JPanel();
            panel.add(button);
            panel.add(label);
            f.setContentPane(panel);
            return f;
        });
        window = new FrameFixture(robot(), frame);
        // Packed, placed at (100,100), then shown: the case WindowPlacementFix exists for (this click was lost in 1
        // of 10 fresh JVMs without it)
        window.show();
    }

    @Test
    void should_click_a_button_through_the_robot_and_wait_for_the_label() {
        window.button("press").click();

        Waits.until("the label counts the click", () -> "1".equals(count.getText()));
        assertThat(clicks).hasValue(1);
    }

    @Test
    void should_fail_when_a_test_touches_swing_off_the_event_dispatch_thread() {
        assertThatThrownBy(() -> count.setText("off the EDT")).isInstanceOf(EdtViolationException.class);
    }
}
