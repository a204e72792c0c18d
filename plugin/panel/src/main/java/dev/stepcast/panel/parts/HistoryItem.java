package dev.stepcast.panel.parts;

import dev.stepcast.panel.history.HistoryEntry;
import java.awt.image.BufferedImage;

/**
 * A result in the history strip: the stored entry and its thumbnail (at most {@link #THUMB} pixels on the long side).
 *
 * <p>Immutable (the thumbnail is never drawn into after creation).
 *
 * @param entry     the stored entry
 * @param thumbnail its thumbnail
 */
public record HistoryItem(HistoryEntry entry, BufferedImage thumbnail) {

    /** Thumbnail size in pixels (long side). */
    public static final int THUMB = 72;

    /** The same item with the entry replaced (e.g. marked applied). */
    public HistoryItem with(HistoryEntry newEntry) {
        return new HistoryItem(newEntry, thumbnail);
    }

    /** A short description: prompt, seed and whether it was applied. */
    public String describe() {
        var p = entry.generationParameters();
        String prompt = p.prompt().isBlank() ? "(no prompt)" : p.prompt();
        return prompt + " — seed " + p.seed() + (entry.applied() ? " — applied" : "");
    }
}
