package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.host.EditorHost.MessageKind;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Color;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Opening and saving files: bad input gives a message and loses nothing; saving writes the composite. */
class ImageFileTest extends HostStubTestBase {

    @Test
    void should_show_a_message_and_lose_nothing_when_a_file_is_not_an_image() throws Exception {
        Path fake = Files.writeString(temp.resolve("holiday.png"), "this is text, not a PNG");
        HostStub stub = open(options().withMessageDialogs(true));
        Edt.run(() -> {
            stub.openDocument(LayerThroughThePortTest.filled(80, 60, Color.WHITE), "sketch");
            stub.host().addLayer(LayerThroughThePortTest.filled(10, 10, Color.RED), "ink", 5, 5);
        });

        boolean opened = Edt.query(() -> stub.openFile(fake).isPresent());

        assertThat(opened).as("opened").isEqualTo(false);
        Waits.until("the warning dialog shows", () -> Arrays.stream(Window.getWindows())
                .anyMatch(w -> "message.warning".equals(w.getName()) && w.isShowing()));
        Edt.run(() -> {
            assertThat(stub.messages()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.WARNING);
                assertThat(m.text()).contains("holiday.png").contains("not an image");
            });
            assertThat(stub.documents()).extracting(Document::name).containsExactly("sketch");
            assertThat(stub.activeDocument().layers()).extracting(Layer::name).containsExactly("Background", "ink");
            assertThat(stub.undoManager().canUndo()).as("stub.undoManager().canUndo()").isEqualTo(true);
        });
        assertThat(Files.readString(fake)).isEqualTo("this is text, not a PNG");
    }

    @Test
    void should_show_a_message_when_the_file_does_not_exist() {
        HostStub stub = open(options());

        Edt.run(() -> assertThat(stub.openFile(temp.resolve("missing.jpg"))).isEmpty());

        Edt.run(() -> assertThat(stub.messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("missing.jpg").contains("does not exist")));
    }

    @Test
    void should_save_the_visible_layers_composited_with_their_opacity_as_png() throws Exception {
        HostStub stub = open(options());
        Edt.run(() -> {
            stub.openDocument(LayerThroughThePortTest.filled(40, 30, Color.WHITE), "composite");
            Document d = stub.activeDocument();
            d.addLayer(new Layer("red", LayerThroughThePortTest.filled(10, 10, Color.RED), 5, 5));
            d.setOpacity(d.layers().get(1), 0.5f);
            d.addLayer(new Layer("blue", LayerThroughThePortTest.filled(40, 30, Color.BLUE), 0, 0));
            d.setVisible(d.layers().get(2), false);
        });
        Path file = temp.resolve("out/composite.png");
        Files.createDirectories(file.getParent());

        assertThat(Edt.query(() -> stub.saveActiveAs(file))).as("stub.saveActiveAs(file)").isEqualTo(true);

        BufferedImage saved = ImageIO.read(file.toFile());
        assertThat(saved.getWidth()).isEqualTo(40);
        Color blended = new Color(saved.getRGB(7, 7));
        assertThat(blended.getRed()).isEqualTo(255);
        assertThat(blended.getGreen()).isBetween(126, 129);
        assertThat(blended.getBlue()).isBetween(126, 129);
        assertThat(new Color(saved.getRGB(30, 20))).as("hidden blue layer not saved").isEqualTo(Color.WHITE);
        Edt.run(() -> assertThat(stub.openFile(file)).get().satisfies(d -> assertThat(d.layers()).hasSize(1)));
    }

    @Test
    void should_save_jpeg_with_transparent_areas_white() throws Exception {
        HostStub stub = open(options());
        Edt.run(() -> stub.openDocument(new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB), "clear"));
        Path file = temp.resolve("clear.jpg");

        assertThat(Edt.query(() -> stub.saveActiveAs(file))).as("stub.saveActiveAs(file)").isEqualTo(true);

        BufferedImage saved = ImageIO.read(file.toFile());
        assertThat(ScreenPixels.near(new Color(saved.getRGB(8, 8)), Color.WHITE, 3))
                .as("ScreenPixels.near(new Color(saved.getRGB(8, 8)), Color.WHITE, 3)").isEqualTo(true);
        assertThat(saved.getColorModel().hasAlpha()).as("saved.getColorModel().hasAlpha()").isEqualTo(false);
    }

    @Test
    void should_show_a_message_and_keep_the_document_when_saving_fails() {
        HostStub stub = open(options());
        Edt.run(() -> stub.openDocument(LayerThroughThePortTest.filled(8, 8, Color.GREEN), "keep"));
        Path impossible = temp.resolve("no-such-folder/keep.png");

        assertThat(Edt.query(() -> stub.saveActiveAs(impossible))).as("stub.saveActiveAs(impossible)").isEqualTo(false);

        Edt.run(() -> {
            assertThat(stub.messages()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.ERROR);
                assertThat(m.text()).contains("keep.png");
            });
            assertThat(stub.activeDocument().layers()).hasSize(1);
        });
    }
}
