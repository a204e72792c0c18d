package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JList;
import org.assertj.swing.core.MouseButton;
import org.junit.jupiter.api.Test;

/** What a plugin does through the port shows in the editor: on the canvas, in the layer list, in the undo history. */
class LayerThroughThePortTest extends HostStubTestBase {

    private static final Color WHITE = Color.WHITE;
    private static final Color RED = new Color(220, 20, 30);

    @Test
    void should_show_a_layer_added_through_the_port_on_the_canvas_and_in_the_layer_list_and_undo_removes_it() {
        HostStub stub = open(options());
        Edt.run(() -> stub.openDocument(filled(400, 300, WHITE), "white"));
        Waits.untilOffEdt("the white document is on screen", () -> ScreenPixels.near(ScreenPixels.at(stub, 250, 190), WHITE, 2));

        Edt.run(() -> stub.host().addLayer(filled(100, 80, RED), "Generated", 200, 150));

        Waits.untilOffEdt("the red layer is on the canvas", () -> ScreenPixels.near(ScreenPixels.at(stub, 250, 190), RED, 2));
        assertThat(ScreenPixels.near(ScreenPixels.at(stub, 150, 100), WHITE, 2))
                .as("outside the layer").isEqualTo(true);
        assertThat(layerListNames(stub)).containsExactly("Generated", "Background");
        Edt.run(() -> assertThat(stub.undoManager().canUndo()).as("stub.undoManager().canUndo()").isEqualTo(true));

        Edt.run(stub::undo);

        Waits.untilOffEdt("the red layer is gone from the canvas",
                () -> ScreenPixels.near(ScreenPixels.at(stub, 250, 190), WHITE, 2));
        assertThat(layerListNames(stub)).containsExactly("Background");
        Edt.run(() -> assertThat(stub.activeDocument().layers()).extracting(Layer::name).containsExactly("Background"));

        Edt.run(stub::redo);

        assertThat(layerListNames(stub)).containsExactly("Generated", "Background");
        Waits.untilOffEdt("redo brings the red layer back",
                () -> ScreenPixels.near(ScreenPixels.at(stub, 250, 190), RED, 2));
    }

    @Test
    void should_open_a_new_document_when_a_layer_is_added_with_no_document_open() {
        HostStub stub = open(options());

        Edt.run(() -> stub.host().addLayer(filled(64, 32, RED), "Result", 0, 0));

        Edt.run(() -> {
            assertThat(stub.documents()).hasSize(1);
            assertThat(stub.activeDocument().name()).isEqualTo("Result");
            assertThat(stub.host().activeImage()).get().satisfies(img -> {
                assertThat(img.getWidth()).isEqualTo(64);
                assertThat(new Color(img.getRGB(10, 10))).isEqualTo(RED);
            });
        });
    }

    @Test
    void should_select_a_rectangle_by_dragging_on_the_canvas_and_report_it_through_the_port() {
        HostStub stub = open(options());
        Edt.run(() -> stub.openDocument(filled(200, 150, WHITE), "white"));
        robot().waitForIdle();
        CanvasView canvas = Edt.query(() -> stub.editorArea().activeCanvas().orElseThrow());
        Point from = Edt.query(() -> screenPointOf(canvas, 20, 30));
        Point to = Edt.query(() -> screenPointOf(canvas, 120, 90));

        robot().pressMouse(canvas, from, MouseButton.LEFT_BUTTON);
        robot().moveMouse(canvas, (from.x + to.x) / 2, (from.y + to.y) / 2);
        robot().moveMouse(canvas, to);
        robot().releaseMouse(MouseButton.LEFT_BUTTON);
        robot().waitForIdle();

        Rectangle selection = Edt.query(() -> stub.host().selection().orElseThrow());
        double pixel = Edt.query(() -> 1 / canvas.zoom());
        assertThat(selection.x).isCloseTo(20, org.assertj.core.data.Offset.offset((int) Math.ceil(pixel) + 1));
        assertThat(selection.y).isCloseTo(30, org.assertj.core.data.Offset.offset((int) Math.ceil(pixel) + 1));
        assertThat(selection.width).isCloseTo(100, org.assertj.core.data.Offset.offset(2 * (int) Math.ceil(pixel) + 2));
        assertThat(selection.height).isCloseTo(60, org.assertj.core.data.Offset.offset(2 * (int) Math.ceil(pixel) + 2));

        Edt.run(() -> stub.activeDocument().setSelection(null));
        Edt.run(() -> assertThat(stub.host().selection()).isEmpty());
    }

    private static Point screenPointOf(CanvasView canvas, int x, int y) {
        Rectangle image = canvas.imageBounds();
        return new Point(image.x + (int) Math.round(x * canvas.zoom()), image.y + (int) Math.round(y * canvas.zoom()));
    }

    private static List<String> layerListNames(HostStub stub) {
        return Edt.query(() -> {
            JList<Layer> list = stub.layersPanel().layerList();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < list.getModel().getSize(); i++) {
                names.add(list.getModel().getElementAt(i).name());
            }
            return names;
        });
    }

    static BufferedImage filled(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }
}
