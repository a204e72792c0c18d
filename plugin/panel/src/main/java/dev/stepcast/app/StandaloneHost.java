package dev.stepcast.app;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.HostActivityListener;
import java.awt.Desktop;
import java.awt.Frame;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.JOptionPane;

/**
 * The minimal editor behind the standalone window: it has no canvas. A source image for Image to image can be opened
 * (File ▸ Open source image…); "apply" saves the result as a PNG in the output folder and opens it in the system's
 * image viewer when the desktop supports that, else says where it was saved.
 *
 * <p><b>Threads:</b> EDT only, like every {@link EditorHost}.
 */
public final class StandaloneHost implements EditorHost {

    private static final System.Logger LOG = System.getLogger(StandaloneHost.class.getName());

    private final JFrame frame;
    private final Path dataHome;
    private final Path outputFolder;
    private final boolean openInViewer;
    private final List<HostActivityListener> listeners = new CopyOnWriteArrayList<>();
    private BufferedImage source;
    private String sourceName;
    private Path lastSaved;
    private boolean active;

    /**
     * @param frame        the standalone window
     * @param dataHome     where plugin data folders go ({@code <dataHome>/<pluginId>})
     * @param outputFolder where applied results are saved
     * @param openInViewer whether "apply" opens the saved file with {@link Desktop} (off in tests)
     */
    public StandaloneHost(JFrame frame, Path dataHome, Path outputFolder, boolean openInViewer) {
        this.frame = frame;
        this.dataHome = dataHome;
        this.outputFolder = outputFolder;
        this.openInViewer = openInViewer;
        this.active = frame.isActive();
        frame.addWindowListener(new WindowAdapter() {
            @Override public void windowActivated(WindowEvent e) { setActive(true); }
            @Override public void windowDeactivated(WindowEvent e) { setActive(false); }
            @Override public void windowIconified(WindowEvent e) { setActive(false); }
            @Override public void windowDeiconified(WindowEvent e) { setActive(frame.isActive()); }
        });
    }

    private void setActive(boolean now) {
        boolean effective = now && (frame.getExtendedState() & Frame.ICONIFIED) == 0;
        if (effective != active) {
            active = effective;
            listeners.forEach(l -> l.hostActivityChanged(effective));
        }
    }

    @Override
    public Window mainWindow() {
        return frame;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void addActivityListener(HostActivityListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeActivityListener(HostActivityListener listener) {
        listeners.remove(listener);
    }

    /** Sets the source image for Image to image (File ▸ Open source image…). */
    public void setSource(BufferedImage image, String name) {
        source = image;
        sourceName = name;
        frame.setTitle(name == null ? "Stepcast" : "Stepcast — " + name);
    }

    @Override
    public Optional<BufferedImage> activeImage() {
        if (source == null) {
            return Optional.empty();
        }
        BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_ARGB);
        copy.createGraphics().drawImage(source, 0, 0, null);
        return Optional.of(copy);
    }

    @Override
    public Optional<Rectangle> selection() {
        return Optional.empty();
    }

    @Override
    public void addLayer(BufferedImage image, String name, int x, int y) {
        save(image, name);
    }

    @Override
    public void openDocument(BufferedImage image, String name) {
        save(image, name);
    }

    /** The file the last applied result was saved to, or {@code null}. */
    public Path lastSaved() {
        return lastSaved;
    }

    /** The folder applied results are saved to. */
    public Path outputFolder() {
        return outputFolder;
    }

    private void save(BufferedImage image, String name) {
        try {
            Files.createDirectories(outputFolder);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path file = outputFolder.resolve(stamp + "-" + safe(name) + ".png");
            ImageIO.write(image, "png", file.toFile());
            lastSaved = file;
            if (openInViewer && Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                Desktop.getDesktop().open(file.toFile());
            } else {
                showMessage(MessageKind.INFO, "Result saved", "Saved " + file.getFileName() + " in " + outputFolder
                        + (sourceName == null ? "" : " (" + sourceName + " is unchanged)"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not save " + name, e);
            showMessage(MessageKind.ERROR, "Could not save the result", "Could not save the result to "
                    + outputFolder + ": " + e.getMessage());
        }
    }

    static String safe(String name) {
        String s = name.replaceAll("[^\\p{L}\\p{N} ()_-]+", "").strip().replace(' ', '_');
        return s.isEmpty() ? "result" : s.substring(0, Math.min(60, s.length()));
    }

    @Override
    public Path pluginDataFolder(String pluginId) {
        Path folder = dataHome.resolve(pluginId);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
        return folder;
    }

    @Override
    public void showMessage(MessageKind kind, String title, String text) {
        int type = switch (kind) {
            case INFO -> JOptionPane.INFORMATION_MESSAGE;
            case WARNING -> JOptionPane.WARNING_MESSAGE;
            case ERROR -> JOptionPane.ERROR_MESSAGE;
        };
        JOptionPane.showMessageDialog(frame, text, title, type);
    }
}
