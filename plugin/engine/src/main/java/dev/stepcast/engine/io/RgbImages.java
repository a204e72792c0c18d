package dev.stepcast.engine.io;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.FloatBuffer;

/**
 * The one way the engine brings a picture to a model's size ({@code TYPE_INT_RGB}, bicubic when it scales), and float
 * planes to 8-bit RGB pictures for the previewers.
 *
 * <p><b>Threads:</b> stateless; any thread.
 */
public final class RgbImages {

    private RgbImages() {
    }

    /** {@code image} itself when it is already {@code w × h} RGB, else a bicubic-scaled RGB copy. */
    public static BufferedImage sized(BufferedImage image, int w, int h) {
        if (image.getWidth() == w && image.getHeight() == h && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * One colour value to a byte: {@code low = -1} reads [-1, 1] ({@code (v + 1) / 2}), {@code low = 0} reads [0, 1];
     * clamped, rounded.
     */
    public static int byteOf(float v, float low) {
        float unit = low < 0f ? (v + 1f) * 0.5f : v;
        int b = Math.round(unit * 255f);
        return b < 0 ? 0 : Math.min(b, 255);
    }

    /**
     * An NCHW RGB tensor {@code [1, 3, h, w]} (given as its flat buffer) to a {@code w × h} TYPE_INT_RGB image.
     *
     * @param low -1 for values in [-1, 1], 0 for values in [0, 1]
     */
    public static BufferedImage fromPlanes(FloatBuffer rgb, int h, int w, float low) {
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
