package dev.stepcast.panel;

import dev.stepcast.engine.GenerationResult;
import dev.stepcast.panel.history.HistoryEntry;
import dev.stepcast.panel.history.HistoryStore;
import dev.stepcast.panel.parts.HistoryItem;
import dev.stepcast.panel.parts.HistoryStrip;
import dev.stepcast.panel.parts.MessageBox;
import dev.stepcast.panel.png.A1111Format;
import dev.stepcast.panel.preview.Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The history as the panel sees it: opens the {@link HistoryStore} in the background and fills the strip, stores each
 * finished image (PNG with its A1111 parameters) and adds it to the strip, and applies a new size cap (the strip drops
 * what the store deleted).
 *
 * <p>Settings read: the history cap, given by the caller ({@link #open}, {@link #setCapBytes}).
 *
 * <p><b>Threads:</b> EDT only; file work runs on the panel's {@link Background} thread.
 */
final class HistoryController {

    private static final System.Logger LOG = System.getLogger(HistoryController.class.getName());

    /** The store once opened, and the strip's items read from it. */
    private record Opened(HistoryStore store, List<HistoryItem> items) {
    }

    /** A stored result's strip item, and the ids the store still holds after the cap was applied. */
    private record Stored(HistoryItem item, Set<String> remaining) {
    }

    private final Path folder;
    private final Background background;
    private final HistoryStrip strip;
    private final MessageBox messages;
    private HistoryStore store;

    HistoryController(Path folder, Background background, HistoryStrip strip, MessageBox messages) {
        this.folder = folder;
        this.background = background;
        this.strip = strip;
        this.messages = messages;
    }

    /** The store, or {@code null} until it is open. */
    HistoryStore store() {
        return store;
    }

    /** Opens the store in the background with a cap of {@code capBytes} and shows its entries. */
    void open(long capBytes) {
        background.submit(() -> {
            HistoryStore opened = new HistoryStore(folder, capBytes);
            List<HistoryItem> items = new ArrayList<>();
            for (HistoryEntry entry : opened.entries()) {
                try {
                    items.add(new HistoryItem(entry, Images.thumbnail(opened.readImage(entry), HistoryItem.THUMB)));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Skipping unreadable history image " + entry.fileName(), e);
                }
            }
            return new Opened(opened, items);
        }, opened -> {
            store = opened.store();
            strip.setItems(opened.items());
        }, e -> messages.showError("The history in " + folder + " could not be opened: " + e.getMessage()));
    }

    /** Applies a new cap; the strip keeps only what the store kept. */
    void setCapBytes(long capBytes) {
        HistoryStore s = store;
        if (s == null) {
            return;
        }
        background.submit(() -> {
            s.setCapBytes(capBytes);
            return ids(s);
        }, strip::retain, e -> messages.showError(e.getMessage()));
    }

    /** A finished image: into the history (PNG with parameters), then the strip. */
    void store(GenerationController.Job job, GenerationResult result) {
        store(job, result.image());
    }

    /** A finished image (e.g. an inpainting's repainted layer) into the history, with the job's region. */
    void store(GenerationController.Job job, BufferedImage image) {
        HistoryStore s = store;
        if (s == null) {
            messages.showError("The result could not be kept: the history is not open.");
            return;
        }
        String text = A1111Format.format(job.parameters());
        background.submit(() -> {
            HistoryEntry entry = s.add(image, text, job.plan().historyRegion());
            return new Stored(new HistoryItem(entry, Images.thumbnail(image, HistoryItem.THUMB)), ids(s));
        }, stored -> {
            strip.addFirst(stored.item());
            strip.retain(stored.remaining());
        }, e -> messages.showError("The result could not be saved in the history: " + e.getMessage()));
    }

    private static Set<String> ids(HistoryStore s) {
        return s.entries().stream().map(HistoryEntry::id).collect(Collectors.toSet());
    }
}
