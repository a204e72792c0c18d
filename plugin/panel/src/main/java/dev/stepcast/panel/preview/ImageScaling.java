package dev.stepcast.panel.preview;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Good-quality resampling of preview images: bilinear for enlarging; for shrinking, halving steps (each bilinear over
 * a 2×2 neighbourhood, i.e. a box filter) until within 2× of the target, then one bilinear step — the classic
 * progressive scaling that avoids the aliasing of a single bilinear shrink.
 *
 * <p><b>Threads:</b> stateless; any thread (the preview view calls it on the EDT, once per new image or size).
 */
final class ImageScaling {

    private ImageScaling() {
    }

    static BufferedImage resample(BufferedImage source, int width, int height) {
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h);
        }
        return draw(current, width, height);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
