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
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import javax.swing.BorderFactory;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;

/**
 * The minimal editor behind the standalone window: it has no canvas. A source image for Image to image can be opened
 * (File ▸ Open source image…) and is named in the window's status line; "apply" saves the result as a PNG in the
 * output folder (a temp file moved into place) and then, as a second step, reveals it in the system's image viewer.
 * The status line says where it was saved; a reveal that fails is only a note there, never "could not save".
 *
 * <p><b>Threads:</b> EDT only, like every {@link EditorHost}.
 */
public final class StandaloneHost implements EditorHost {

    private static final System.Logger LOG = System.getLogger(StandaloneHost.class.getName());

    private final JFrame frame;
    private final Path dataHome;
    private final Path outputFolder;
    private final Revealer revealer;
    private final JLabel status = new JLabel(" ");
    private final List<HostActivityListener> listeners = new CopyOnWriteArrayList<>();
    private BufferedImage source;
    private String sourceName;
    private Path lastSaved;
    private boolean active;

    /** Shows a saved file to the user (the system's image viewer); throws when it cannot. */
    @FunctionalInterface
    public interface Revealer {
        void reveal(Path file) throws IOException;

        /** Opens the file with {@link Desktop}; fails with a plain reason when the desktop has no handler. */
        Revealer DESKTOP = file -> {
            if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                throw new IOException("this desktop has no program set up to open PNG files");
            }
            Desktop.getDesktop().open(file.toFile());
        };
    }

    /**
     * @param frame        the standalone window
     * @param dataHome     where plugin data folders go ({@code <dataHome>/<pluginId>})
     * @param outputFolder where applied results are saved
     * @param openInViewer whether "apply" opens the saved file with {@link Desktop} (off in tests)
     */
    public StandaloneHost(JFrame frame, Path dataHome, Path outputFolder, boolean openInViewer) {
        this(frame, dataHome, outputFolder, openInViewer ? Revealer.DESKTOP : null);
    }

    /**
     * @param revealer how "apply" shows the saved file after saving it, or {@code null} to only say where it is
     */
    public StandaloneHost(JFrame frame, Path dataHome, Path outputFolder, Revealer revealer) {
        this.frame = frame;
        this.dataHome = dataHome;
        this.outputFolder = outputFolder;
        this.revealer = revealer;
        status.setName("standaloneStatus");
        status.setBorder(BorderFactory.createEmptyBorder(4, 10, 4, 10));
        status.getAccessibleContext().setAccessibleName("Status");
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

    /** Sets the source image for Image to image (File ▸ Open source image…); the status line names it. */
    public void setSource(BufferedImage image, String name) {
        source = image;
        sourceName = name;
        frame.setTitle(name == null ? "Stepcast" : "Stepcast — " + name);
        note(name == null ? " " : "Source image: " + name + ", " + image.getWidth() + " × " + image.getHeight());
    }

    /** The window's status line (the launcher puts it below the panel). */
    public JLabel statusLine() {
        return status;
    }

    /** Shows a quiet note in the status line (the whole text also in its tooltip). */
    void note(String text) {
        status.setText(text);
        status.setToolTipText(text.isBlank() ? null : text);
    }

    @Override
    public String openImageAdvice() {
        return "choose one with File ▸ Open source image… (Ctrl+O)";
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
        Path file;
        try {
            file = write(image, name);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not save " + name, e);
            showMessage(MessageKind.ERROR, "Could not save the result", "Could not save the result to "
                    + outputFolder + ": " + e.getMessage());
            return;
        }
        lastSaved = file;
        String saved = "Saved " + file.getFileName() + " in " + outputFolder
                + (sourceName == null ? "" : " (" + sourceName + " is unchanged)");
        if (revealer == null) {
            note(saved);
            return;
        }
        try {
            revealer.reveal(file);
            note(saved);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "Saved " + file + " but could not open it in a viewer", e);
            note(saved + "; it could not be opened in an image viewer"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    /** Writes the PNG to a temp file in the output folder and moves it into place. */
    private Path write(BufferedImage image, String name) throws IOException {
        Files.createDirectories(outputFolder);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = stamp + "-" + safe(name);
        Path file = outputFolder.resolve(base + ".png");
        for (int i = 2; Files.exists(file); i++) {
            file = outputFolder.resolve(base + "-" + i + ".png");
        }
        Path temp = Files.createTempFile(outputFolder, ".stepcast-", ".png.tmp");
        try {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer is available");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
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
