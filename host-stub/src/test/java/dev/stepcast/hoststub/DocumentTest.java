package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The document model: layer operations, their undo/redo, selection clipping and compositing. Runs on the test
 * thread: a document touches no Swing component (its listeners would be called on the thread that changes it).
 */
class DocumentTest {

    private Document document;
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void setUp() {
        document = Document.of(LayerThroughThePortTest.filled(20, 10, Color.WHITE), "doc");
        document.addChangeListener(e -> changes.incrementAndGet());
    }

    @Test
    void should_start_with_one_background_layer_and_nothing_to_undo() {
        assertThat(document.layers()).extracting(Layer::name).containsExactly("Background");
        assertThat(document.undoManager().canUndo()).as("document.undoManager().canUndo()").isEqualTo(false);
        assertThat(document.width()).isEqualTo(20);
        assertThat(document.height()).isEqualTo(10);
    }

    @Test
    void should_undo_and_redo_add_delete_and_move_in_order() {
        Layer a = layer("a");
        Layer b = layer("b");
        document.addLayer(a);
        document.addLayer(b);
        document.moveLayer(b, 1);
        document.deleteLayer(a);
        assertThat(names()).containsExactly("Background", "b");

        document.undo();
        assertThat(names()).containsExactly("Background", "b", "a");
        document.undo();
        assertThat(names()).containsExactly("Background", "a", "b");
        document.undo();
        document.undo();
        assertThat(names()).containsExactly("Background");
        document.redo();
        document.redo();
        document.redo();
        document.redo();
        assertThat(names()).containsExactly("Background", "b");
        assertThat(changes).hasValueGreaterThanOrEqualTo(12);
    }

    @Test
    void should_undo_hiding_a_layer() {
        Layer background = document.layers().get(0);
        document.setVisible(background, false);
        assertThat(background.visible()).as("background.visible()").isEqualTo(false);
        assertThat(document.undoManager().getUndoPresentationName()).contains("Hide Layer");

        document.undo();

        assertThat(background.visible()).as("background.visible()").isEqualTo(true);
    }

    @Test
    void should_make_consecutive_opacity_changes_of_one_layer_a_single_undo_step() {
        Layer background = document.layers().get(0);
        document.setOpacity(background, 0.8f);
        document.setOpacity(background, 0.5f);
        document.setOpacity(background, 0.25f);

        document.undo();

        assertThat(background.opacity()).isEqualTo(1f);
        assertThat(document.undoManager().canUndo()).as("document.undoManager().canUndo()").isEqualTo(false);
        document.redo();
        assertThat(background.opacity()).isEqualTo(0.25f);
    }

    @Test
    void should_composite_visible_layers_with_opacity_and_clip_to_the_canvas() {
        Layer red = new Layer("red", LayerThroughThePortTest.filled(30, 30, Color.RED), 15, -5);
        document.addLayer(red);
        document.setOpacity(red, 0.5f);

        BufferedImage composite = document.composite();

        assertThat(composite.getWidth()).isEqualTo(20);
        assertThat(new Color(composite.getRGB(0, 0))).isEqualTo(Color.WHITE);
        Color blended = new Color(composite.getRGB(17, 5));
        assertThat(blended.getRed()).isEqualTo(255);
        assertThat(blended.getGreen()).isBetween(126, 129);
        document.setVisible(red, false);
        assertThat(new Color(document.composite().getRGB(17, 5))).isEqualTo(Color.WHITE);
    }

    @Test
    void should_clip_the_selection_to_the_canvas_and_clear_it_with_null_or_an_empty_rectangle() {
        document.setSelection(new Rectangle(-5, 2, 10, 20));
        assertThat(document.selection()).contains(new Rectangle(0, 2, 5, 8));

        document.setSelection(new Rectangle(30, 30, 5, 5));
        assertThat(document.selection()).isEmpty();

        document.setSelection(new Rectangle(1, 1, 2, 2));
        document.setSelection(null);
        assertThat(document.selection()).isEmpty();
    }

    @Test
    void should_keep_its_own_copy_of_a_layer_image() {
        BufferedImage source = LayerThroughThePortTest.filled(4, 4, Color.BLUE);
        Layer layer = new Layer("copy", source, 0, 0);
        source.setRGB(0, 0, Color.GREEN.getRGB());

        assertThat(new Color(layer.image().getRGB(0, 0))).isEqualTo(Color.BLUE);
        assertThat(layer.image().getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
    }

    @Test
    void should_refuse_layers_of_another_document_and_out_of_range_moves() {
        Layer stranger = layer("stranger");
        assertThatThrownBy(() -> document.deleteLayer(stranger)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stranger");
        assertThatThrownBy(() -> document.moveLayer(document.layers().get(0), 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> document.setOpacity(document.layers().get(0), 1.5f))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Layer layer(String name) {
        return new Layer(name, LayerThroughThePortTest.filled(2, 2, Color.BLACK), 0, 0);
    }

    private java.util.List<String> names() {
        return document.layers().stream().map(Layer::name).toList();
    }
}
