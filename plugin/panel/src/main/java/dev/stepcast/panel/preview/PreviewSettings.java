package dev.stepcast.panel.preview;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The preview settings of one generation (a snapshot; the settings dialog owns the persistent copy).
 *
 * @param interval         "Show preview every N steps", 1–50; steps 1, 1+N, 1+2N, … are previewed, i.e.
 *                         {@code ceil(steps / N)} previews per run
 * @param method           how previews are made
 * @param keepWhenInactive "Keep previews refreshing when the editor window is inactive"; when {@code false}, no preview
 *                         is decoded while the host is inactive, and the current step is decoded on reactivation
 * @param tinyDecoder      a TAESD-format decoder chosen by the user, or {@code null} to use the model folder's own
 *
 * <p><b>Threads:</b> immutable.
 */
public record PreviewSettings(int interval, PreviewMethod method, boolean keepWhenInactive, Path tinyDecoder) {

    /** The smallest and largest allowed interval. */
    public static final int MIN_INTERVAL = 1;
    public static final int MAX_INTERVAL = 50;

    public PreviewSettings {
        if (interval < MIN_INTERVAL || interval > MAX_INTERVAL) {
            throw new IllegalArgumentException("preview interval " + interval + " is not in 1–50");
        }
        Objects.requireNonNull(method, "method");
    }

    /** The defaults: every step, Auto, paused while inactive, the model's own tiny decoder. */
    public static PreviewSettings defaults() {
        return new PreviewSettings(1, PreviewMethod.AUTO, false, null);
    }

    public PreviewSettings withInterval(int newInterval) {
        return new PreviewSettings(newInterval, method, keepWhenInactive, tinyDecoder);
    }

    public PreviewSettings withMethod(PreviewMethod newMethod) {
        return new PreviewSettings(interval, newMethod, keepWhenInactive, tinyDecoder);
    }

    public PreviewSettings withKeepWhenInactive(boolean keep) {
        return new PreviewSettings(interval, method, keep, tinyDecoder);
    }

    public PreviewSettings withTinyDecoder(Path file) {
        return new PreviewSettings(interval, method, keepWhenInactive, file);
    }
}
