package dev.stepcast.hoststub;

import dev.stepcast.testkit.Edt;
import java.awt.AWTException;
import java.awt.Color;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;

/**
 * Reads what the screen really shows at a document pixel of the active canvas (Xvfb's frame buffer, through
 * {@link java.awt.Robot}), so tests see the composited result as the user would.
 *
 * <p><b>Threads:</b> test thread.
 */
final class ScreenPixels {

    private ScreenPixels() {
    }

    /** The screen colour at document pixel {@code x, y} (its centre) of the host stub's active canvas. */
    static Color at(HostStub stub, int x, int y) {
        Point screen = Edt.query(() -> {
            CanvasView canvas = stub.editorArea().activeCanvas().orElseThrow();
            Rectangle image = canvas.imageBounds();
            Point origin = canvas.getLocationOnScreen();
            double zoom = canvas.zoom();
            return new Point(origin.x + image.x + (int) Math.floor((x + 0.5) * zoom),
                    origin.y + image.y + (int) Math.floor((y + 0.5) * zoom));
        });
        try {
            return new Robot().getPixelColor(screen.x, screen.y);
        } catch (AWTException e) {
            throw new IllegalStateException("no screen robot", e);
        }
    }

    /** Whether two colours differ by at most {@code tolerance} in each channel. */
    static boolean near(Color a, Color b, int tolerance) {
        return Math.abs(a.getRed() - b.getRed()) <= tolerance && Math.abs(a.getGreen() - b.getGreen()) <= tolerance
                && Math.abs(a.getBlue() - b.getBlue()) <= tolerance;
    }
}
