package dev.stepcast.hoststub;

import javax.swing.undo.AbstractUndoableEdit;
import javax.swing.undo.UndoableEdit;

/**
 * The undoable layer operations of a {@link Document}. Each edit replays the document's primitive change; the
 * document fires its change event for undo and redo alike.
 *
 * <p><b>Threads:</b> event dispatch thread only (the document's thread).
 */
final class LayerEdits {

    private LayerEdits() {
    }

    /**
     * A layer added at, or deleted from, an index: the two edits are each other's inverse, so one class holds both.
     */
    static final class Presence extends AbstractUndoableEdit {
        private static final long serialVersionUID = 1L;
        private final transient Document document;
        private final transient Layer layer;
        private final int index;
        private final boolean added;

        private Presence(Document document, Layer layer, int index, boolean added) {
            this.document = document;
            this.layer = layer;
            this.index = index;
            this.added = added;
        }

        /** The edit for {@code layer} just inserted at {@code index}. */
        static Presence added(Document document, Layer layer, int index) {
            return new Presence(document, layer, index, true);
        }

        /** The edit for {@code layer} just removed from {@code index}. */
        static Presence deleted(Document document, Layer layer, int index) {
            return new Presence(document, layer, index, false);
        }

        @Override
        public void undo() {
            super.undo();
            apply(!added);
        }

        @Override
        public void redo() {
            super.redo();
            apply(added);
        }

        private void apply(boolean present) {
            if (present) {
                document.insert(layer, index);
            } else {
                document.remove(index);
            }
        }

        @Override
        public String getPresentationName() {
            return (added ? "Add" : "Delete") + " Layer \u201c" + layer.name() + "\u201d";
        }
    }

    /** The selection replaced (drawn, cleared, select all). */
    static final class SelectionChange extends AbstractUndoableEdit {
        private static final long serialVersionUID = 1L;
        private final transient Document document;
        private final transient Selection before;
        private final transient Selection after;

        SelectionChange(Document document, Selection before, Selection after) {
            this.document = document;
            this.before = before;
            this.after = after;
        }

        @Override
        public void undo() {
            super.undo();
            document.changeSelection(before);
        }

        @Override
        public void redo() {
            super.redo();
            document.changeSelection(after);
        }

        @Override
        public String getPresentationName() {
            return after == null ? "Deselect" : "Select";
        }
    }

    /** A layer moved from one index to another. */
    static final class Move extends AbstractUndoableEdit {
        private static final long serialVersionUID = 1L;
        private final transient Document document;
        private final int from;
        private final int to;

        Move(Document document, int from, int to) {
            this.document = document;
            this.from = from;
            this.to = to;
        }

        @Override
        public void undo() {
            super.undo();
            document.move(to, from);
        }

        @Override
        public void redo() {
            super.redo();
            document.move(from, to);
        }

        @Override
        public String getPresentationName() {
            return "Move Layer";
        }
    }

    /** A layer shown or hidden. */
    static final class Visibility extends AbstractUndoableEdit {
        private static final long serialVersionUID = 1L;
        private final transient Document document;
        private final transient Layer layer;
        private final boolean visible;

        Visibility(Document document, Layer layer, boolean visible) {
            this.document = document;
            this.layer = layer;
            this.visible = visible;
        }

        @Override
        public void undo() {
            super.undo();
            document.changeVisibility(layer, !visible);
        }

        @Override
        public void redo() {
            super.redo();
            document.changeVisibility(layer, visible);
        }

        @Override
        public String getPresentationName() {
            return (visible ? "Show" : "Hide") + " Layer \u201c" + layer.name() + "\u201d";
        }
    }

    /** A layer's opacity changed; absorbs the next opacity change of the same layer (a dragged slider). */
    static final class Opacity extends AbstractUndoableEdit {
        private static final long serialVersionUID = 1L;
        private final transient Document document;
        private final transient Layer layer;
        private final float before;
        private float after;

        Opacity(Document document, Layer layer, float before, float after) {
            this.document = document;
            this.layer = layer;
            this.before = before;
            this.after = after;
        }

        @Override
        public boolean addEdit(UndoableEdit next) {
            if (next instanceof Opacity o && o.layer == layer && canUndo()) {
                after = o.after;
                o.die();
                return true;
            }
            return false;
        }

        @Override
        public void undo() {
            super.undo();
            document.changeOpacity(layer, before);
        }

        @Override
        public void redo() {
            super.redo();
            document.changeOpacity(layer, after);
        }

        @Override
        public String getPresentationName() {
            return "Layer Opacity";
        }
    }
}
