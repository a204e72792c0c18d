package dev.stepcast.hoststub;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.HostActivityListener;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.swing.SwingUtilities;

/**
 * The host stub's side of the port: what plugins see of the editor. Plugin data folders live under
 * {@code <home>/plugin-data/<pluginId>}.
 *
 * <p><b>Threads:</b> every method must be called on the event dispatch thread (checked: a call from another thread
 * throws {@link IllegalStateException}, so a plugin's threading bug shows at once).
 */
final class StubEditorHost implements EditorHost {

    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Window mainWindow;
    private final Workspace workspace;
    private final HostActivity activity;
    private final MessageLog messages;
    private final Path home;

    StubEditorHost(Window mainWindow, Workspace workspace, HostActivity activity, MessageLog messages, Path home) {
        this.mainWindow = mainWindow;
        this.workspace = workspace;
        this.activity = activity;
        this.messages = messages;
        this.home = home;
    }

    @Override
    public Window mainWindow() {
        requireEdt();
        return mainWindow;
    }

    @Override
    public boolean isActive() {
        requireEdt();
        return activity.isActive();
    }

    @Override
    public void addActivityListener(HostActivityListener listener) {
        requireEdt();
        activity.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeActivityListener(HostActivityListener listener) {
        requireEdt();
        activity.removeListener(listener);
    }

    @Override
    public Optional<BufferedImage> activeImage() {
        requireEdt();
        return workspace.active().map(Document::composite);
    }

    @Override
    public Optional<Rectangle> selection() {
        requireEdt();
        return workspace.active().flatMap(Document::selection);
    }

    @Override
    public Optional<BufferedImage> selectionMask() {
        requireEdt();
        return workspace.active().flatMap(Document::selectionMask);
    }

    @Override
    public void addLayer(BufferedImage image, String name, int x, int y) {
        requireEdt();
        Objects.requireNonNull(image, "image");
        Optional<Document> active = workspace.active();
        if (active.isPresent()) {
            active.get().addLayer(new Layer(name, image, x, y));
        } else {
            workspace.open(Document.of(image, name));
        }
    }

    @Override
    public void openDocument(BufferedImage image, String name) {
        requireEdt();
        workspace.open(Document.of(Objects.requireNonNull(image, "image"), name));
    }

    @Override
    public Path pluginDataFolder(String pluginId) {
        requireEdt();
        if (pluginId == null || !PLUGIN_ID.matcher(pluginId).matches()) {
            throw new IllegalArgumentException("a plugin id is 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit; was \u201c" + pluginId + "\u201d");
        }
        Path folder = home.resolve("plugin-data").resolve(pluginId);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugin data folder " + folder, e);
        }
    }

    @Override
    public void showMessage(MessageKind kind, String title, String text) {
        requireEdt();
        messages.show(Objects.requireNonNull(kind, "kind"), Objects.requireNonNullElse(title, ""),
                Objects.requireNonNullElse(text, ""));
    }

    private static void requireEdt() {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("EditorHost methods must be called on the event dispatch thread, not on "
                    + Thread.currentThread().getName());
        }
    }
}
