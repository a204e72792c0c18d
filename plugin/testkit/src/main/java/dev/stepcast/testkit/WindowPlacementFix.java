package dev.stepcast.testkit;

import java.awt.AWTEvent;
import java.awt.Dialog;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.WindowEvent;

/**
 * Moves every frame and dialog 1 px and back as it opens, so that Java and the X server agree on where it is.
 *
 * <p>Why: under Xvfb without a window manager, a window that is packed, then placed, then shown (AssertJ-Swing's
 * {@code FrameFixture.show()}, and the usual {@code pack(); setLocationRelativeTo(owner); setVisible(true)}) sometimes
 * ends up where Java does not think it is: Java reports (0,0), the X server has it at the (100,100) it was asked
 * for. Every robot click on it then lands outside it and is lost, for as long as the window lives. A plain program
 * doing just that lost 9 windows of 40, fresh JVMs, one Xvfb; the same program with this listener lost none of 40
 * (2 of which Java had placed at (0,0)). The last two moves are the last requests the X server sees for the window,
 * so the last configure event Java reads is the position it asked for last.
 *
 * <p><b>Threads:</b> {@link #install()} may be called from any thread; the listener runs on the EDT.
 */
final class WindowPlacementFix {

    private static boolean installed;

    private WindowPlacementFix() {
    }

    /** Installs the listener once per JVM; nothing on a headless JVM. */
    static synchronized void install() {
        if (installed || GraphicsEnvironment.isHeadless()) {
            return;
        }
        Toolkit.getDefaultToolkit().addAWTEventListener(event -> {
            if (event.getID() == WindowEvent.WINDOW_OPENED) {
                Window window = ((WindowEvent) event).getWindow();
                if (window instanceof Frame || window instanceof Dialog) {
                    Point at = window.getLocation();
                    window.setLocation(at.x + 1, at.y);
                    window.setLocation(at);
                }
            }
        }, AWTEvent.WINDOW_EVENT_MASK);
        installed = true;
    }
}
