package dev.stepcast.cli.bench;

import dev.stepcast.panel.preview.PreviewView;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real {@link PreviewView}, noting when each preview step is first painted. On a display it paints through the
 * normal repaint path; headless (no display), the bench paints it into an offscreen image right after the preview
 * arrives ({@link #paintOffscreen()}), which runs the same painting code without a window.
 *
 * <p><b>Threads:</b> EDT for painting; {@link #paintedAt()} is read by the bench thread after a run (concurrent map).
 */
final class PaintTimingView extends PreviewView {

    private static final long serialVersionUID = 1L;

    private final transient Map<Integer, Long> paintedAt = new ConcurrentHashMap<>();
    private final transient BufferedImage offscreen = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);

    @Override
    protected void paintComponent(Graphics g) {
        super.paintComponent(g);
        int step = shownStep();
        if (step > 0) {
            paintedAt.putIfAbsent(step, System.nanoTime());
        }
    }

    /** Paints into an offscreen 512×512 image (headless runs). EDT. */
    void paintOffscreen() {
        setSize(offscreen.getWidth(), offscreen.getHeight());
        Graphics2D g = offscreen.createGraphics();
        try {
            paint(g);
        } finally {
            g.dispose();
        }
    }

    /** Step → {@link System#nanoTime()} of its first paint. */
    Map<Integer, Long> paintedAt() {
        return paintedAt;
    }

    /** Forgets the paint times of the previous run. EDT. */
    void reset() {
        paintedAt.clear();
        clear();
    }
}
