package dev.stepcast.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens to a prompt longer than one 75-token CLIP chunk.
 * <ul>
 *   <li>{@link #CHUNK}: A1111's way — 75-token chunks (comma backtracking, {@code BREAK}), each encoded alone and
 *       concatenated along the sequence axis (needs a UNet with a dynamic sequence axis; otherwise truncated).</li>
 *   <li>{@link #TRUNCATE}: diffusers' way — one 77-token sequence, the rest dropped with a warning.</li>
 * </ul>
 *
 * <p>Immutable; any thread.
 */
public enum LongPrompt {
    CHUNK("chunk"),
    TRUNCATE("truncate");

    private final String id;

    LongPrompt(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<LongPrompt> byId(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (LongPrompt p : values()) {
            if (p.id.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
