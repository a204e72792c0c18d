package dev.stepcast.host;

import java.util.EventListener;

/**
 * Told when the host becomes active or inactive (see {@link EditorHost#isActive()}).
 *
 * <p><b>Threads:</b> called on the event dispatch thread.
 */
@FunctionalInterface
public interface HostActivityListener extends EventListener {

    /** The host became active ({@code true}) or inactive ({@code false}). */
    void hostActivityChanged(boolean active);
}
