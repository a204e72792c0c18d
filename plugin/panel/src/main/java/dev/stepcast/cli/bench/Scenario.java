package dev.stepcast.cli.bench;

import dev.stepcast.panel.preview.PreviewMethod;
import dev.stepcast.panel.preview.PreviewSettings;

/**
 * One bench configuration: a preview setting and whether the host is active during the run.
 *
 * @param name     short name used in the JSON and the table
 * @param settings the preview settings
 * @param active   the activity signal for the whole run
 *
 * <p><b>Threads:</b> immutable.
 */
record Scenario(String name, PreviewSettings settings, boolean active) {

    static Scenario of(String name, PreviewMethod method, int interval, boolean active, boolean keepWhenInactive) {
        return new Scenario(name, new PreviewSettings(interval, method, keepWhenInactive, null), active);
    }

    /** The baseline every ratio is taken against: previews off, in the same repetition. */
    static final Scenario OFF = of("off", PreviewMethod.NONE, 1, true, false);
}
