package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Color;
import java.awt.Point;
import java.util.List;
import javax.swing.JLabel;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;

/** The painter's controls, driven with the robot: the layer panel's buttons and box, zoom by wheel and menu. */
class EditorControlsTest extends HostStubTestBase {

    private HostStub stub;
    private FrameFixture window;

    @Override
    protected void onSetUp() {
        stub = open(options());
        Edt.run(() -> {
            stub.openDocument(LayerThroughThePortTest.filled(300, 200, Color.WHITE), "doc");
            stub.host().addLayer(LayerThroughThePortTest.filled(50, 50, Color.RED), "red", 10, 10);
            stub.host().addLayer(LayerThroughThePortTest.filled(50, 50, Color.BLUE), "blue", 20, 20);
        });
        window = new FrameFixture(robot(), stub.frame());
    }

    @Test
    void should_reorder_hide_and_delete_layers_with_the_layer_panel_and_undo_each_step() {
        window.list("layers.list").selectItem(1);
        window.button("layers.up").click();
        assertThat(names()).containsExactly("Background", "blue", "red");

        window.checkBox("layers.visible").uncheck();
        Edt.run(() -> assertThat(layer("red").visible()).as("layer(\"red\").visible()").isEqualTo(false));

        window.button("layers.delete").click();
        assertThat(names()).containsExactly("Background", "blue");

        window.button("layers.add").click();
        assertThat(names()).containsExactly("Background", "blue", "Layer 3");

        Edt.run(() -> {
            stub.undo();
            stub.undo();
            assertThat(names()).containsExactly("Background", "blue", "red");
            assertThat(layer("red").visible()).as("layer(\"red\").visible()").isEqualTo(false);
            stub.undo();
            assertThat(layer("red").visible()).as("layer(\"red\").visible()").isEqualTo(true);
            stub.undo();
        });
        assertThat(names()).containsExactly("Background", "red", "blue");
    }

    @Test
    void should_change_the_selected_layers_opacity_with_the_slider_as_one_undo_step() {
        window.list("layers.list").selectItem(0);
        window.slider("layers.opacity").slideTo(40);

        Edt.run(() -> assertThat(layer("blue").opacity()).isEqualTo(0.4f));
        Edt.run(stub::undo);
        Edt.run(() -> assertThat(layer("blue").opacity()).isEqualTo(1f));
    }

    @Test
    void should_zoom_with_the_wheel_and_return_to_fit_and_100_percent_from_the_view_menu() {
        CanvasView canvas = Edt.query(() -> stub.editorArea().activeCanvas().orElseThrow());
        double fit = Edt.query(canvas::zoom);
        Point centre = Edt.query(() -> new Point(canvas.getWidth() / 2, canvas.getHeight() / 2));

        robot().moveMouse(canvas, centre);
        robot().rotateMouseWheel(canvas, -2);

        Waits.until("zoomed in", () -> canvas.zoom() > fit * 1.2);
        window.menuItemWithPath("View", "Actual Size (100 %)").click();
        Waits.until("100 %", () -> canvas.zoom() == 1.0);
        Waits.until("the status bar says 100 %", () -> statusText().endsWith("100 %"));
        window.menuItemWithPath("View", "Fit to Window").click();
        Waits.until("fit again", () -> canvas.isFit() && canvas.zoom() == fit);
        assertThat(statusText()).startsWith("300 \u00D7 200 px");
    }

    @Test
    void should_make_a_new_white_image_with_file_new() {
        window.menuItemWithPath("File", "New Image").click();

        Waits.until("a new document", () -> stub.activeDocument() != null
                && stub.activeDocument().name().equals("Untitled 1"));
        assertThat(Edt.query(() -> stub.activeDocument().width())).isEqualTo(512);
        assertThat(Edt.query(() -> stub.activeDocument().height())).isEqualTo(512);
        assertThat(Edt.query(() -> stub.host().activeImage().orElseThrow().getRGB(100, 100))).isEqualTo(0xFFFFFFFF);
    }

    private String statusText() {
        return Edt.query(() -> ((JLabel) find(stub.frame(), "status.document").orElseThrow()).getText());
    }

    private Layer layer(String name) {
        return stub.activeDocument().layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private List<String> names() {
        return Edt.query(() -> stub.activeDocument().layers().stream().map(Layer::name).toList());
    }
}
