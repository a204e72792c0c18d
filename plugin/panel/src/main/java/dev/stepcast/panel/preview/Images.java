package dev.stepcast.panel.preview;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Image scaling for thumbnails and for fitting a result to its region: progressive halving then bilinear, so a large
 * downscale does not alias.
 *
 * <p>Stateless; any thread.
 */
public final class Images {

    private Images() {
    }

    /** {@code image} scaled to exactly {@code width × height} (the same image if it already has that size). */
    public static BufferedImage scale(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h);
        }
        return draw(current, width, height);
    }

    /** {@code image} scaled to fit in {@code box × box}, keeping its aspect ratio. */
    public static BufferedImage thumbnail(BufferedImage image, int box) {
        double s = Math.min((double) box / image.getWidth(), (double) box / image.getHeight());
        return scale(image, Math.max(1, (int) Math.round(image.getWidth() * s)),
                Math.max(1, (int) Math.round(image.getHeight() * s)));
    }

    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, src.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
