package dev.stepcast.engine.io;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The one way the engine brings a picture to a model's size: {@code TYPE_INT_RGB}, bicubic when it scales.
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
}
