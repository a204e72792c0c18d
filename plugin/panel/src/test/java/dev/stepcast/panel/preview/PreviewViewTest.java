package dev.stepcast.panel.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javax.swing.JFrame;
import org.junit.jupiter.api.Test;

class PreviewViewTest extends GuiTest {

    private PreviewView view;

    @Override
    protected void onSetUp() {
        view = Edt.query(() -> {
            PreviewView v = new PreviewView();
            JFrame frame = new JFrame("preview view");
            frame.add(v);
            v.setPreferredSize(new java.awt.Dimension(200, 200));
            frame.pack();
            return v;
        });
    }

    /** A {@code w × h} image: left half black, right half white. */
    private static BufferedImage halves(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = w / 2; x < w; x++) {
                image.setRGB(x, y, 0xffffff);
            }
        }
        return image;
    }

    /** Paints the view into an image with a {@code scale}× device transform, as a HiDPI screen would. EDT. */
    private BufferedImage paintAt(double scale) {
        return Edt.query(() -> {
            view.setSize(200, 200);
            BufferedImage out = new BufferedImage((int) (200 * scale), (int) (200 * scale), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.scale(scale, scale);
            view.paint(g);
            g.dispose();
            return out;
        });
    }

    private static int red(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >> 16 & 0xff;
    }

    @Test
    void should_keep_the_aspect_ratio_and_centre_the_image() {
        Edt.run(() -> view.showPreview(halves(64, 32), 1));
        BufferedImage painted = paintAt(1);

        int background = painted.getRGB(100, 10);
        assertThat(painted.getRGB(100, 60)).isNotEqualTo(background);   // image spans y 50..150
        assertThat(painted.getRGB(100, 40)).isEqualTo(background);      // letterbox above
        assertThat(red(painted, 10, 100)).isZero();                     // left half black
        assertThat(red(painted, 190, 100)).isEqualTo(255);              // right half white
    }

    @Test
    void should_scale_smoothly_so_an_edge_gets_intermediate_values() {
        Edt.run(() -> view.showPreview(halves(4, 4), 1));
        BufferedImage painted = paintAt(1);

        boolean intermediate = false;
        for (int x = 0; x < 200; x++) {
            int r = red(painted, x, 100);
            intermediate |= r > 20 && r < 235;
        }
        assertThat(intermediate).as("bilinear ramp across the black/white edge").isEqualTo(true);
    }

    @Test
    void should_fill_device_pixels_on_a_hidpi_transform() {
        Edt.run(() -> view.showPreview(halves(64, 32), 1));
        BufferedImage painted = paintAt(2);

        int background = painted.getRGB(200, 20);
        assertThat(painted.getRGB(200, 101)).isNotEqualTo(background);  // image spans device y 100..300
        assertThat(painted.getRGB(200, 98)).isEqualTo(background);
        assertThat(red(painted, 2, 200)).isZero();
        assertThat(red(painted, 397, 200)).isEqualTo(255);
    }

    @Test
    void should_replace_the_preview_with_the_final_image_and_ignore_late_previews() {
        BufferedImage preview = halves(8, 8);
        BufferedImage result = halves(16, 16);
        Edt.run(() -> {
            view.showPreview(preview, 3);
            view.showResult(result);
            view.showPreview(halves(8, 8), 4);
        });

        assertThat(Edt.query(view::image)).isSameAs(result);
        assertThat(Edt.query(view::isShowingResult)).as("view::isShowingResult").isEqualTo(true);
        assertThat(Edt.query(view::shownStep)).isZero();

        Edt.run(view::clear);
        Edt.run(() -> view.showPreview(preview, 5));
        assertThat(Edt.query(view::shownStep)).isEqualTo(5);
    }
}
