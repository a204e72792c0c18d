package dev.stepcast.hoststub;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;
import javax.swing.event.EventListenerList;
import javax.swing.undo.UndoManager;

/**
 * An open image: a fixed canvas size (pixels), a stack of {@link Layer}s (index 0 is the bottom), an optional
 * {@link Selection} (rectangle, ellipse or lasso, feathered or not), and an undo history of layer operations (add,
 * delete, reorder, hide/show, opacity) and selection changes.
 * Listeners are told after every change, including undo and redo.
 *
 * <p><b>Threads:</b> event dispatch thread only; listeners are called there.
 */
public final class Document {

    private final String name;
    private final int width;
    private final int height;
    private final List<Layer> layers = new ArrayList<>();
    private final UndoManager undo = new UndoManager();
    private final EventListenerList listeners = new EventListenerList();
    private Selection selection;
    private Path file;

    /** An empty document of {@code width × height} pixels. */
    public Document(String name, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("document size must be positive, was " + width + "x" + height);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.width = width;
        this.height = height;
        undo.setLimit(200);
    }

    /** A document the size of {@code image} with one layer "Background" holding a copy of it (not undoable). */
    public static Document of(BufferedImage image, String name) {
        Document document = new Document(name, image.getWidth(), image.getHeight());
        document.insert(new Layer("Background", image, 0, 0), 0);
        return document;
    }

    /** The document's name (file name or the name given when opened). */
    public String name() {
        return name;
    }

    /** Canvas width in pixels. */
    public int width() {
        return width;
    }

    /** Canvas height in pixels. */
    public int height() {
        return height;
    }

    /** The layers, bottom first; an unmodifiable live view. */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The visible layers composited with their opacity (what the canvas shows and what Save writes). */
    public BufferedImage composite() {
        return Images.composite(this);
    }

    /** The selection's bounds in document pixels (feathering included), or empty when nothing is selected. */
    public Optional<Rectangle> selection() {
        return Optional.ofNullable(selection).map(Selection::bounds);
    }

    /** The selection itself (shape, kind, feather), or empty when nothing is selected. */
    Optional<Selection> selectionShape() {
        return Optional.ofNullable(selection);
    }

    /** The selection as a TYPE_BYTE_GRAY mask of the canvas's size (a new copy), or empty when nothing is selected. */
    public Optional<BufferedImage> selectionMask() {
        return Optional.ofNullable(selection).map(Selection::mask);
    }

    /** Selects a rectangle (clipped to the canvas); {@code null} or an empty rectangle clears it (undoable). */
    public void setSelection(Rectangle rectangle) {
        select(rectangle == null ? null : Selection.rectangle(rectangle, 0, width, height));
    }

    /** Selects the ellipse inscribed in {@code bounds} with a feather radius in pixels (undoable), as the tool does. */
    public void selectEllipse(Rectangle bounds, int feather) {
        select(Selection.ellipse(bounds, feather, width, height));
    }

    /** Sets the selection, {@code null} to clear it (undoable; a change to the same selection is no edit). */
    void select(Selection newSelection) {
        commitSelection(selection, newSelection);
    }

    /** Shows {@code shown} as the selection while a tool drags it (not undoable; {@link #commitSelection} ends it). */
    void showSelection(Selection shown) {
        changeSelection(shown);
    }

    /** Ends a tool's drag: the selection becomes {@code after}, one undo step back to {@code before}. */
    void commitSelection(Selection before, Selection after) {
        changeSelection(after);
        if (before != after) {
            undo.addEdit(new LayerEdits.SelectionChange(this, before, after));
        }
    }

    void changeSelection(Selection newSelection) {
        selection = newSelection;
        fireChanged();
    }

    /** The file this document was opened from or last saved to, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    void file(Path file) {
        this.file = file;
    }

    /** Adds {@code layer} on top (undoable). */
    public void addLayer(Layer layer) {
        int index = layers.size();
        insert(layer, index);
        undo.addEdit(LayerEdits.Presence.added(this, layer, index));
    }

    /** Deletes {@code layer} (undoable). */
    public void deleteLayer(Layer layer) {
        int index = indexOf(layer);
        remove(index);
        undo.addEdit(LayerEdits.Presence.deleted(this, layer, index));
    }

    /** Moves {@code layer} to {@code newIndex} in the stack, 0 being the bottom (undoable). */
    public void moveLayer(Layer layer, int newIndex) {
        int oldIndex = indexOf(layer);
        if (newIndex < 0 || newIndex >= layers.size()) {
            throw new IndexOutOfBoundsException("layer index " + newIndex + " of " + layers.size() + " layers");
        }
        if (newIndex != oldIndex) {
            move(oldIndex, newIndex);
            undo.addEdit(new LayerEdits.Move(this, oldIndex, newIndex));
        }
    }

    /** Shows or hides {@code layer} (undoable). */
    public void setVisible(Layer layer, boolean visible) {
        indexOf(layer);
        if (layer.visible() != visible) {
            changeVisibility(layer, visible);
            undo.addEdit(new LayerEdits.Visibility(this, layer, visible));
        }
    }

    /**
     * Sets {@code layer}'s opacity in [0, 1] (undoable; consecutive opacity changes of the same layer, as from a
     * dragged slider, are one undo step).
     */
    public void setOpacity(Layer layer, float opacity) {
        indexOf(layer);
        float old = layer.opacity();
        if (old != opacity) {
            changeOpacity(layer, opacity);
            undo.addEdit(new LayerEdits.Opacity(this, layer, old, opacity));
        }
    }

    /** The undo history of layer operations. */
    public UndoManager undoManager() {
        return undo;
    }

    /** Undoes the last layer operation, if any. */
    public void undo() {
        if (undo.canUndo()) {
            undo.undo();
        }
    }

    /** Redoes the last undone layer operation, if any. */
    public void redo() {
        if (undo.canRedo()) {
            undo.redo();
        }
    }

    /** Adds a listener told after every change of layers, selection or history. */
    public void addChangeListener(ChangeListener listener) {
        listeners.add(ChangeListener.class, listener);
    }

    /** Removes a listener added with {@link #addChangeListener}. */
    public void removeChangeListener(ChangeListener listener) {
        listeners.remove(ChangeListener.class, listener);
    }

    // Primitive changes, used by the public operations and by the undoable edits.

    void insert(Layer layer, int index) {
        layers.add(index, layer);
        fireChanged();
    }

    void remove(int index) {
        layers.remove(index);
        fireChanged();
    }

    void move(int from, int to) {
        layers.add(to, layers.remove(from));
        fireChanged();
    }

    void changeVisibility(Layer layer, boolean visible) {
        layer.visible(visible);
        fireChanged();
    }

    void changeOpacity(Layer layer, float opacity) {
        layer.opacity(opacity);
        fireChanged();
    }

    private int indexOf(Layer layer) {
        int index = layers.indexOf(layer);
        if (index < 0) {
            throw new IllegalArgumentException(layer + " is not a layer of " + name);
        }
        return index;
    }

    private void fireChanged() {
        ChangeEvent event = new ChangeEvent(this);
        for (ChangeListener l : listeners.getListeners(ChangeListener.class)) {
            l.stateChanged(event);
        }
    }

    @Override
    public String toString() {
        return "Document[" + name + " " + width + "x" + height + ", " + layers.size() + " layers]";
    }
}
