package dev.stepcast.hoststub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The open documents and which one is active (the one the canvas shows, the layer list edits and plugins read).
 *
 * <p><b>Threads:</b> event dispatch thread only; listeners are called there.
 */
final class Workspace {

    private final List<Document> documents = new ArrayList<>();
    private final List<Consumer<Optional<Document>>> activeListeners = new ArrayList<>();
    private final List<Consumer<Document>> openListeners = new ArrayList<>();
    private final List<Consumer<Document>> closeListeners = new ArrayList<>();
    private Document active;

    /** The open documents in the order they were opened; unmodifiable. */
    List<Document> documents() {
        return Collections.unmodifiableList(documents);
    }

    /** The active document, or empty when none is open. */
    Optional<Document> active() {
        return Optional.ofNullable(active);
    }

    /** Adds {@code document} and makes it active. */
    void open(Document document) {
        documents.add(document);
        openListeners.forEach(l -> l.accept(document));
        setActive(document);
    }

    /** Closes {@code document}; the last remaining document (if any) becomes active. */
    void close(Document document) {
        if (documents.remove(document)) {
            closeListeners.forEach(l -> l.accept(document));
            if (active == document) {
                setActive(documents.isEmpty() ? null : documents.get(documents.size() - 1));
            }
        }
    }

    /** Makes {@code document} (open, or {@code null} for none) the active document. */
    void setActive(Document document) {
        if (document != null && !documents.contains(document)) {
            throw new IllegalArgumentException(document + " is not open");
        }
        if (document != active) {
            active = document;
            Optional<Document> now = active();
            activeListeners.forEach(l -> l.accept(now));
        }
    }

    /** Told when the active document changes (empty: none). */
    void onActiveChanged(Consumer<Optional<Document>> listener) {
        activeListeners.add(listener);
    }

    /** Told when a document is opened, before it becomes active. */
    void onOpened(Consumer<Document> listener) {
        openListeners.add(listener);
    }

    /** Told when a document is closed. */
    void onClosed(Consumer<Document> listener) {
        closeListeners.add(listener);
    }
}
