package dev.stepcast.panel;

import dev.stepcast.testkit.Waits;
import java.time.Duration;

/**
 * Tests: a closed panel (or standalone window) finishes its file work after close, off the EDT — the last settings
 * write on "stepcast-settings", history files on "stepcast-files" — by design, so the EDT never waits. A test that
 * writes into the same folder next, or whose temporary folder JUnit deletes next, waits for that work first;
 * otherwise the write can land in the middle ("Failed to delete temp directory … plugin-data/stepcast").
 *
 * <p><b>Threads:</b> call from the test thread, never the EDT.
 */
public final class FileThreads {

    private FileThreads() {
    }

    /** Waits (up to 30 s) until no panel file thread is alive. */
    public static void awaitDone() {
        Waits.untilOffEdt("the closed panel's file work is done", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().startsWith("stepcast-settings")
                        || t.getName().startsWith("stepcast-files"))), Duration.ofSeconds(30));
    }
}
