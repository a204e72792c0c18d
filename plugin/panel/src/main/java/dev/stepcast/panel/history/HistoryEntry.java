package dev.stepcast.panel.history;

import dev.stepcast.panel.png.A1111Format;
import dev.stepcast.panel.png.GenerationParameters;
import java.awt.Rectangle;
import java.util.Objects;

/**
 * One result in the history: its PNG file (with the {@code parameters} chunk), how it was made, where in the document
 * it belongs, and whether it was applied.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param id         a unique id, also the PNG's file name without ".png"
 * @param createdAtMillis when the result was made, milliseconds since the epoch
 * @param parameters the A1111 {@code parameters} text
 * @param region     the document region (document pixels) the result goes to when applied, or {@code null} for the
 *                   top-left corner at the image's own size
 * @param applied    whether the result was applied to a document
 * @param sizeBytes  the PNG file's size on disk
 */
public record HistoryEntry(String id, long createdAtMillis, String parameters, Region region, boolean applied,
                           long sizeBytes) {

    public HistoryEntry {
        Objects.requireNonNull(id, "id");
        parameters = parameters == null ? "" : parameters;
    }

    /** The PNG's file name in the history folder. */
    public String fileName() {
        return id + ".png";
    }

    /** The parsed parameters, or a bare set holding only the text as prompt if it is not A1111 text. */
    public GenerationParameters generationParameters() {
        return A1111Format.parse(parameters)
                .orElseGet(() -> new GenerationParameters(parameters, "", 0, null, 0, -1, 0, 0, null, null));
    }

    /** This entry marked applied. */
    public HistoryEntry asApplied() {
        return new HistoryEntry(id, createdAtMillis, parameters, region, true, sizeBytes);
    }

    /**
     * A rectangle in document pixels, as JSON-friendly record.
     *
     * @param x left edge
     * @param y top edge
     * @param width width, &gt; 0
     * @param height height, &gt; 0
     */
    public record Region(int x, int y, int width, int height) {

        public static Region of(Rectangle r) {
            return r == null ? null : new Region(r.x, r.y, r.width, r.height);
        }

        public Rectangle toRectangle() {
            return new Rectangle(x, y, width, height);
        }
    }
}
