import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Window;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/**
 * Java agent for packaged-app-smoke.sh: inside the packaged host stub, waits until a showing window contains a
 * showing, non-empty component of the Stepcast plugin (a {@code dev.stepcast.*} class loaded by a plugin's own
 * {@code URLClassLoader}, i.e. from the plugins folder, not from the host), then writes one line describing it to the
 * file given as agent argument. Reads the Swing tree on the EDT. Not part of any shipped artifact.
 */
public final class PanelProbe {

    private PanelProbe() {
    }

    public static void premain(String marker) {
        Thread thread = new Thread(() -> poll(Path.of(marker)), "panel-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void poll(Path marker) {
        try {
            Thread.sleep(1000); // let the app set its look and feel before this touches AWT
            while (true) {
                AtomicReference<String> found = new AtomicReference<>();
                EventQueue.invokeAndWait(() -> found.set(findPluginPanel()));
                if (found.get() != null) {
                    Files.writeString(marker, found.get() + System.lineSeparator(), StandardCharsets.UTF_8);
                    return;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException | IOException e) {
            e.printStackTrace();
        }
    }

    private static String findPluginPanel() {
        for (Window window : Window.getWindows()) {
            if (window.isShowing()) {
                Component panel = find(window);
                if (panel != null) {
                    Point at = SwingUtilities.convertPoint(panel, 0, 0, window);
                    String title = window instanceof Frame frame ? frame.getTitle() : window.getName();
                    return "window='" + title + "' " + window.getWidth() + "x" + window.getHeight()
                            + " panel=" + panel.getClass().getName() + " " + panel.getWidth() + "x" + panel.getHeight()
                            + " at " + at.x + "," + at.y + " side=" + (at.x > window.getWidth() / 3 ? "right" : "left")
                            + " loader=" + panel.getClass().getClassLoader().getClass().getSimpleName();
                }
            }
        }
        return null;
    }

    private static Component find(Component component) {
        ClassLoader loader = component.getClass().getClassLoader();
        if (component.getClass().getName().startsWith("dev.stepcast.") && loader instanceof URLClassLoader
                && loader != ClassLoader.getSystemClassLoader() && component.isShowing()
                && component.getWidth() > 50 && component.getHeight() > 50) {
            return component;
        }
        if (component instanceof Container container) {
            for (Component child : container.getComponents()) {
                Component found = find(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
