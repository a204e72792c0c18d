package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Color;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.assertj.swing.core.MouseButton;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;

/**
 * The selection tools driven with the robot: a lasso drawn on the canvas becomes the host port's mask (inside 255,
 * outside 0), an ellipse, a feathered rectangle with soft edges, and every selection round-trips through undo.
 */
class SelectionToolsTest extends HostStubTestBase {

    private HostStub stub;
    private FrameFixture window;
    private CanvasView canvas;

    @Override
    protected void onSetUp() {
        stub = open(options());
        Edt.run(() -> stub.openDocument(LayerThroughThePortTest.filled(300, 200, Color.WHITE), "doc"));
        window = new FrameFixture(robot(), stub.frame());
        canvas = Edt.query(() -> stub.editorArea().activeCanvas().orElseThrow());
        Edt.run(canvas::zoomActualSize);
        robot().waitForIdle();
    }

    @Test
    void a_lasso_drawn_with_the_robot_is_the_ports_mask_and_undo_brings_back_the_previous_selection() {
        window.toggleButton("tools.lasso").click();
        // A triangle-ish freehand path: (40,40) → (200,40) → (200,160) → (40,40), in document pixels at 100 %.
        Point[] path = {doc(40, 40), doc(120, 40), doc(200, 40), doc(200, 100), doc(200, 160), doc(120, 100),
                doc(60, 60)};
        robot().moveMouse(canvas, path[0]);
        robot().pressMouse(MouseButton.LEFT_BUTTON);
        for (Point p : path) {
            robot().moveMouse(canvas, p);
        }
        robot().releaseMouse(MouseButton.LEFT_BUTTON);
        robot().waitForIdle();

        BufferedImage mask = Edt.query(() -> stub.host().selectionMask().orElseThrow());
        assertThat(mask.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(mask.getWidth()).isEqualTo(300);
        assertThat(mask.getHeight()).isEqualTo(200);
        assertThat(level(mask, 180, 60)).as("inside the lasso").isEqualTo(255);
        assertThat(level(mask, 60, 140)).as("below the diagonal, outside").isEqualTo(0);
        assertThat(level(mask, 250, 100)).as("right of the lasso").isEqualTo(0);
        Rectangle bounds = Edt.query(() -> stub.host().selection().orElseThrow());
        assertThat(bounds.x).isBetween(38, 42);
        assertThat(bounds.x + bounds.width).isBetween(198, 202);

        // A second selection (an ellipse), then undo: the lasso's mask comes back byte for byte; redo: the ellipse.
        window.toggleButton("tools.ellipse").click();
        robot().moveMouse(canvas, doc(100, 50));
        robot().pressMouse(MouseButton.LEFT_BUTTON);
        robot().moveMouse(canvas, doc(150, 100));
        robot().moveMouse(canvas, doc(200, 150));
        robot().releaseMouse(MouseButton.LEFT_BUTTON);
        robot().waitForIdle();
        BufferedImage ellipse = Edt.query(() -> stub.host().selectionMask().orElseThrow());
        assertThat(level(ellipse, 150, 100)).isEqualTo(255);
        assertThat(level(ellipse, 102, 52)).as("corner of the box, outside the ellipse").isEqualTo(0);

        Edt.run(() -> stub.activeDocument().undo());
        assertThat(bytes(Edt.query(() -> stub.host().selectionMask().orElseThrow()))).isEqualTo(bytes(mask));
        Edt.run(() -> stub.activeDocument().redo());
        assertThat(bytes(Edt.query(() -> stub.host().selectionMask().orElseThrow()))).isEqualTo(bytes(ellipse));
        Edt.run(() -> {
            stub.activeDocument().undo();
            stub.activeDocument().undo();
        });
        assertThat(Edt.query(() -> stub.host().selectionMask())).isEqualTo(Optional.empty());
    }

    @Test
    void a_feathered_rectangle_has_soft_edges_rising_monotonically_into_the_selection() {
        window.toggleButton("tools.rectangle").click();
        window.spinner("tools.feather").enterTextAndCommit("12");
        robot().moveMouse(canvas, doc(100, 60));
        robot().pressMouse(MouseButton.LEFT_BUTTON);
        robot().moveMouse(canvas, doc(150, 100));
        robot().moveMouse(canvas, doc(200, 140));
        robot().releaseMouse(MouseButton.LEFT_BUTTON);
        robot().waitForIdle();

        BufferedImage mask = Edt.query(() -> stub.host().selectionMask().orElseThrow());
        assertThat(level(mask, 150, 100)).isEqualTo(255);
        assertThat(level(mask, 60, 100)).isEqualTo(0);
        int previous = -1;
        int soft = 0;
        for (int x = 80; x <= 130; x++) {
            int v = level(mask, x, 100);
            assertThat(v).as("x=%d", x).isGreaterThanOrEqualTo(previous);
            if (v > 0 && v < 255) {
                soft++;
            }
            previous = v;
        }
        assertThat(soft).as("soft levels across the feathered edge").isGreaterThan(8);
        Rectangle bounds = Edt.query(() -> stub.host().selection().orElseThrow());
        assertThat(bounds.x).isLessThan(100);
    }

    @Test
    void a_click_without_a_drag_deselects_as_one_undo_step() {
        Edt.run(() -> stub.activeDocument().setSelection(new Rectangle(10, 10, 50, 50)));
        robot().click(canvas, doc(250, 180), MouseButton.LEFT_BUTTON, 1);
        Waits.until("deselected", () -> stub.host().selection().isEmpty());
        Edt.run(() -> stub.activeDocument().undo());
        assertThat(Edt.query(() -> stub.host().selection())).contains(new Rectangle(10, 10, 50, 50));
        assertThat(level(Edt.query(() -> stub.host().selectionMask().orElseThrow()), 30, 30)).isEqualTo(255);
    }

    /** A document pixel's point on the canvas component. */
    private Point doc(int x, int y) {
        return Edt.query(() -> {
            Rectangle image = canvas.imageBounds();
            double z = canvas.zoom();
            return new Point(image.x + (int) Math.round((x + 0.5) * z), image.y + (int) Math.round((y + 0.5) * z));
        });
    }

    private static int level(BufferedImage mask, int x, int y) {
        return mask.getRaster().getSample(x, y, 0);
    }

    private static byte[] bytes(BufferedImage mask) {
        return (byte[]) mask.getRaster().getDataElements(0, 0, mask.getWidth(), mask.getHeight(), null);
    }
}
