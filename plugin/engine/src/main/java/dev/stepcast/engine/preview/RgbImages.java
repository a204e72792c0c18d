package dev.stepcast.engine.preview;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.FloatBuffer;

/**
 * Float planes to 8-bit RGB images, for previewers.
 *
 * <p><b>Threads:</b> stateless; any thread.
 */
final class RgbImages {

    private RgbImages() {
    }

    /**
     * One colour value to a byte: {@code low = -1} reads [-1, 1] ({@code (v + 1) / 2}), {@code low = 0} reads [0, 1];
     * clamped, rounded.
     */
    static int byteOf(float v, float low) {
        float unit = low < 0f ? (v + 1f) * 0.5f : v;
        int b = Math.round(unit * 255f);
        return b < 0 ? 0 : Math.min(b, 255);
    }

    /**
     * An NCHW RGB tensor {@code [1, 3, h, w]} (given as its flat buffer) to a {@code w × h} TYPE_INT_RGB image.
     *
     * @param low -1 for values in [-1, 1], 0 for values in [0, 1]
     */
    static BufferedImage fromPlanes(FloatBuffer rgb, int h, int w, float low) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int plane = h * w;
        for (int i = 0; i < plane; i++) {
            pixels[i] = byteOf(rgb.get(i), low) << 16 | byteOf(rgb.get(plane + i), low) << 8
                    | byteOf(rgb.get(2 * plane + i), low);
        }
        return image;
    }
}
