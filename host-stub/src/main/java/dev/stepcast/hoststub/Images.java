package dev.stepcast.hoststub;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Small image helpers: ARGB copies and the layer compositor used both on screen and on save.
 *
 * <p><b>Threads:</b> any thread for images no other thread changes; {@link #composite} reads a document, so call it
 * on the EDT.
 */
final class Images {

    private Images() {
    }

    /** A {@code TYPE_INT_ARGB} copy of {@code source}. */
    static BufferedImage toArgbCopy(BufferedImage source) {
        BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = copy.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    /** An opaque {@code TYPE_INT_RGB} copy of {@code source} over {@code background} (for JPEG). */
    static BufferedImage toRgbOver(BufferedImage source, Color background) {
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * The visible layers of {@code document} composited bottom to top with their opacity (source-over), clipped to the
     * document's size, on a transparent {@code TYPE_INT_ARGB} image.
     */
    static BufferedImage composite(Document document) {
        BufferedImage out = new BufferedImage(document.width(), document.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            for (Layer layer : document.layers()) {
                if (layer.visible() && layer.opacity() > 0f) {
                    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, layer.opacity()));
                    g.drawImage(layer.image(), layer.x(), layer.y(), null);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
