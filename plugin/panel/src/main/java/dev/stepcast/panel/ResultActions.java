package dev.stepcast.panel;

import dev.stepcast.host.EditorHost;
import dev.stepcast.panel.history.HistoryEntry;
import dev.stepcast.panel.history.HistoryStore;
import dev.stepcast.panel.parts.HistoryItem;
import dev.stepcast.panel.parts.HistoryStrip;
import dev.stepcast.panel.parts.MessageBox;
import dev.stepcast.panel.png.GenerationParameters;
import dev.stepcast.panel.parts.PreviewArea;
import dev.stepcast.panel.preview.Images;
import java.awt.Component;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JFileChooser;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * What the history strip's buttons do: apply a result to the host as a new layer named "prompt (seed)" at its region
 * (scaled to the region when it was made at another size) and mark it applied; save its PNG (with the parameters
 * chunk) elsewhere; reuse its parameters in the form; copy its parameters text; discard it (undoable with Ctrl+Z or the message's Undo
 * link: the file is kept until the session ends). File work runs on the
 * panel's {@link Background} thread; the host is called on the EDT.
 *
 * <p><b>Threads:</b> EDT only (file work is handed to {@link Background}).
 */
final class ResultActions implements HistoryStrip.Actions {

    /** Longest prompt part of a layer name, in characters. */
    static final int NAME_PROMPT_CHARS = 48;

    private final EditorHost host;
    private final Background background;
    private final Supplier<HistoryStore> history;
    private final HistoryStrip strip;
    private final PreviewArea preview;
    private final FormBinding form;
    private final MessageBox messages;
    private final Component parent;
    private final Runnable afterRestore;
    /** Discarded results, newest last: out of the strip, their files kept until the session ends. */
    private final Deque<Discarded> discarded = new ArrayDeque<>();
    private final Action undoDiscard = new AbstractAction("Undo") {
        private static final long serialVersionUID = 1L;

        @Override
        public void actionPerformed(java.awt.event.ActionEvent e) {
            undoDiscard();
        }
    };

    /** A discarded result and where it was in the strip. */
    private record Discarded(HistoryItem item, int index) {
    }

    ResultActions(EditorHost host, Background background, Supplier<HistoryStore> history, HistoryStrip strip,
                  PreviewArea preview, FormBinding form, MessageBox messages, Component parent,
                  Runnable afterRestore) {
        this.host = host;
        this.background = background;
        this.history = history;
        this.strip = strip;
        this.preview = preview;
        this.form = form;
        this.messages = messages;
        this.parent = parent;
        this.afterRestore = afterRestore;
        undoDiscard.putValue(Action.SHORT_DESCRIPTION, "Bring the discarded result back (Ctrl+Z)");
        undoDiscard.setEnabled(false);
    }

    /** Undoes the last discard (Ctrl+Z, the message's Undo link); enabled only while there is one to undo. */
    Action undoDiscardAction() {
        return undoDiscard;
    }

    /** The layer name for a result: the prompt's first line, shortened, and the seed: "a red fox (42)". */
    static String layerName(GenerationParameters p) {
        String prompt = p.prompt().strip().lines().findFirst().orElse("").strip();
        if (prompt.isEmpty()) {
            prompt = "Stepcast";
        } else if (prompt.length() > NAME_PROMPT_CHARS) {
            prompt = prompt.substring(0, NAME_PROMPT_CHARS - 1).strip() + "…";
        }
        return prompt + " (" + p.seed() + ")";
    }

    @Override
    public void apply(HistoryItem item) {
        HistoryStore store = history.get();
        HistoryEntry entry = item.entry();
        background.submit(() -> fitted(store.readImage(entry), entry.region()), image -> {
            Rectangle r = entry.region() == null ? null : entry.region().toRectangle();
            host.addLayer(image, layerName(entry.generationParameters()), r == null ? 0 : r.x, r == null ? 0 : r.y);
            background.submit(() -> store.markApplied(entry), e -> strip.replace(item.with(e)), this::failed);
        }, this::failed);
    }

    private static BufferedImage fitted(BufferedImage image, HistoryEntry.Region region) {
        return region == null ? image : Images.scale(image, region.width(), region.height());
    }

    @Override
    public void save(HistoryItem item) {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Save the result as PNG");
        chooser.setFileFilter(new FileNameExtensionFilter("PNG images", "png"));
        chooser.setSelectedFile(new File(safeFileName(layerName(item.entry().generationParameters())) + ".png"));
        if (chooser.showSaveDialog(parent) == JFileChooser.APPROVE_OPTION) {
            saveTo(item, withPng(chooser.getSelectedFile().toPath()));
        }
    }

    /** Copies the result's PNG to {@code target} (a temp file moved into place) and says where it went. */
    void saveTo(HistoryItem item, Path target) {
        HistoryStore store = history.get();
        background.submit(() -> {
            Path folder = target.toAbsolutePath().getParent();
            Path temp = Files.createTempFile(folder, ".stepcast-", ".png.tmp");
            try {
                Files.copy(store.file(item.entry()), temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target.toAbsolutePath();
        }, p -> messages.showInfo("Saved " + p.getFileName() + " in " + p.getParent(), null), this::failed);
    }

    static Path withPng(Path p) {
        return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? p
                : p.resolveSibling(p.getFileName() + ".png");
    }

    static String safeFileName(String s) {
        String cleaned = s.replaceAll("[\\\\/:*?\"<>|…]+", "").strip();
        return cleaned.isEmpty() ? "stepcast" : cleaned;
    }

    @Override
    public void reuse(HistoryItem item) {
        String note = form.restore(item.entry().generationParameters());
        afterRestore.run();
        if (note != null) {
            messages.showWarning(note);
        }
    }

    @Override
    public void copy(HistoryItem item) {
        Toolkit.getDefaultToolkit().getSystemClipboard()
                .setContents(new StringSelection(item.entry().parameters()), null);
    }

    @Override
    public void discard(HistoryItem item) {
        int index = strip.indexOf(item);
        if (index < 0) {
            return;
        }
        strip.remove(item);
        preview.clear();
        discarded.addLast(new Discarded(item, index));
        undoDiscard.setEnabled(true);
        messages.showInfo("Discarded \"" + item.describe() + "\". Ctrl+Z or Undo brings it back until Stepcast "
                + "closes.", undoDiscard);
    }

    /** Puts the last discarded result back where it was. */
    void undoDiscard() {
        Discarded last = discarded.pollLast();
        undoDiscard.setEnabled(!discarded.isEmpty());
        if (last == null) {
            return;
        }
        strip.insert(last.index(), last.item());
        messages.showInfo("Restored \"" + last.item().describe() + "\".", null);
    }

    /** Deletes the discarded results' files on the background thread (at the end of the session). */
    void deleteDiscarded() {
        HistoryStore store = history.get();
        List<HistoryItem> gone = discarded.stream().map(Discarded::item).toList();
        discarded.clear();
        undoDiscard.setEnabled(false);
        if (store == null || gone.isEmpty()) {
            return;
        }
        background.submit(() -> {
            for (HistoryItem item : gone) {
                store.remove(item.entry());
            }
            return null;
        }, x -> { }, this::failed);
    }

    /**
     * After a cancel: the view shows what Apply would apply — the selected result — or, when there is none, keeps the
     * cancelled preview with a caption saying so.
     */
    void afterCancel(int previewStep) {
        var selected = strip.selected();
        if (selected.isPresent()) {
            HistoryStore store = history.get();
            background.submit(() -> store.readImage(selected.get().entry()), preview::showResult, this::failed);
        } else if (!preview.isEmpty()) {
            preview.view().setCaption("Cancelled preview (step " + previewStep + ") — not kept, nothing to apply");
        }
    }

    @Override
    public void show(HistoryItem item) {
        if (preview.isShowingResult() || preview.isEmpty()) {
            HistoryStore store = history.get();
            background.submit(() -> store.readImage(item.entry()), preview::showResult, e -> { });
        }
    }

    private void failed(Exception e) {
        messages.showError(e.getMessage() == null ? "A history file could not be used: " + e.getClass().getSimpleName()
                : e.getMessage());
    }
}
