package dev.stepcast.host;

import java.awt.Rectangle;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a plugin may ask of the editor that hosts it: the port through which Stepcast reaches any image editor.
 * Coordinates are document pixels (not screen pixels, not zoomed).
 *
 * <p><b>Threads:</b> every method must be called on the event dispatch thread, and every listener is called there.
 */
public interface EditorHost {

    /** The editor's main window, e.g. as the parent of dialogs. */
    Window mainWindow();

    /**
     * Whether the host is active: some window of the host is the active window and the main window is not iconified.
     * Moving between the host's own windows does not make it inactive.
     */
    boolean isActive();

    /** Adds a listener told when {@link #isActive()} changes. */
    void addActivityListener(HostActivityListener listener);

    /** Removes a listener added with {@link #addActivityListener}. */
    void removeActivityListener(HostActivityListener listener);

    /**
     * The active document's visible image (its layers composited as shown), or empty if no document is open.
     * The returned image is a copy the caller may keep.
     */
    Optional<BufferedImage> activeImage();

    /** The active document's selection rectangle in document pixels, or empty if nothing is selected. */
    Optional<Rectangle> selection();

    /**
     * The active document's selection as a mask: a TYPE_BYTE_GRAY image of the document's size, 255 where selected,
     * 0 where not, values between at feathered or antialiased edges; empty if nothing is selected. Its non-zero pixels
     * lie within {@link #selection()}. The returned image is a copy the caller may keep. A host whose selections are
     * only rectangles may keep this default (the selection rectangle filled).
     */
    default Optional<BufferedImage> selectionMask() {
        Optional<Rectangle> bounds = selection();
        Optional<BufferedImage> image = activeImage();
        if (bounds.isEmpty() || image.isEmpty()) {
            return Optional.empty();
        }
        BufferedImage mask = new BufferedImage(image.get().getWidth(), image.get().getHeight(),
                BufferedImage.TYPE_BYTE_GRAY);
        Rectangle r = bounds.get().intersection(new Rectangle(mask.getWidth(), mask.getHeight()));
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                mask.getRaster().setSample(x, y, 0, 255);
            }
        }
        return Optional.of(mask);
    }

    /**
     * Adds an image to the active document as a new layer on top, named {@code name}, with its top-left corner at
     * {@code x, y}; opens it as a new document when no document is open. The change is undoable in the host.
     */
    void addLayer(BufferedImage image, String name, int x, int y);

    /**
     * How the user gives this host an image to start from, for messages that need one, e.g. "open or create one in
     * the editor" (the default) or "choose one with File ▸ Open source image…".
     */
    default String openImageAdvice() {
        return "open or create one in the editor";
    }

    /** Opens an image as a new document named {@code name}. */
    void openDocument(BufferedImage image, String name);

    /**
     * A folder where the plugin {@code pluginId} may keep settings and history; it exists when this returns.
     *
     * @throws java.io.UncheckedIOException if the folder cannot be created
     */
    Path pluginDataFolder(String pluginId);

    /** Shows a message to the user in the host's own way (a dialog or a notification). */
    void showMessage(MessageKind kind, String title, String text);

    /** The kind of a message shown with {@link #showMessage}. */
    enum MessageKind { INFO, WARNING, ERROR }
}
