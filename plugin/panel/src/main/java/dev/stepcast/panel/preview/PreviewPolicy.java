package dev.stepcast.panel.preview;

import java.util.function.Supplier;

/**
 * Decides, step by step, which steps get a preview: every N steps (steps 1, 1+N, 1+2N, …), only while the user can
 * see it (host active and panel showing) unless "keep previews refreshing when inactive" is on, and never the same
 * step twice (the step latch). While previews are paused it holds a copy of the latest step's x0, so that when the
 * host becomes active again that step is decoded at once instead of waiting for the next due step.
 *
 * <p>Settings read: {@link PreviewSettings#interval()}, {@link PreviewSettings#keepWhenInactive()}.
 *
 * <p><b>Threads:</b> thread-safe (all state under this object's lock, held only for a few field updates and, while
 * paused, one x0 copy): {@link #onStep} on the sampling thread, {@link #onActivityChanged} on the EDT.
 */
public final class PreviewPolicy {

    /** What the sampling thread does with a step. */
    public enum Decision {
        /** Decode this step now (inline or through the mailbox); it is latched as decoded. */
        DECODE,
        /** Not a preview step, or already decoded. */
        SKIP,
        /** Previews are paused: a copy of this step was kept for a decode on reactivation. */
        HELD
    }

    private final int interval;
    private final boolean keepWhenInactive;
    private boolean active;
    private int latestStep;
    private int lastDecodedStep;
    private PreviewFrame held;

    public PreviewPolicy(PreviewSettings settings, boolean initiallyActive) {
        this.interval = settings.interval();
        this.keepWhenInactive = settings.keepWhenInactive();
        this.active = initiallyActive;
    }

    /** Whether {@code step} is one of the interval's steps: 1, 1+N, 1+2N, … */
    public boolean isDue(int step) {
        return (step - 1) % interval == 0;
    }

    /**
     * Called by the sampling thread after each step.
     *
     * @param step    the step just finished, 1-based
     * @param capture makes a {@link PreviewFrame} copy of this step; called only when the step must be held
     */
    public synchronized Decision onStep(int step, Supplier<PreviewFrame> capture) {
        latestStep = step;
        if (!previewsAllowed()) {
            held = capture.get();
            return Decision.HELD;
        }
        held = null;
        if (isDue(step) && step > lastDecodedStep) {
            lastDecodedStep = step;
            return Decision.DECODE;
        }
        return Decision.SKIP;
    }

    /**
     * Called on the EDT when the activity signal changes.
     *
     * @return the held frame of the current step when previews resume and that step was not decoded yet (the caller
     *         hands it to the decoder at once; it is latched as decoded), else {@code null}
     */
    public synchronized PreviewFrame onActivityChanged(boolean nowActive) {
        boolean wasAllowed = previewsAllowed();
        active = nowActive;
        if (wasAllowed || !previewsAllowed() || held == null) {
            return null;
        }
        PreviewFrame frame = held;
        held = null;
        if (frame.step() <= lastDecodedStep || frame.step() != latestStep) {
            return null;
        }
        lastDecodedStep = frame.step();
        return frame;
    }

    /**
     * Whether a preview of {@code step} would be used now: due at this step, the user sees it or the keep-refreshing
     * option is on, and the step was not decoded yet. A remote run answers the server's
     * {@link dev.stepcast.engine.StepListener#wantsPreview} with this, before it makes the server encode a preview.
     */
    public synchronized boolean wants(int step) {
        return previewsAllowed() && isDue(step) && step > lastDecodedStep;
    }

    /** Whether previews may be decoded now: the user sees them, or the keep-refreshing option is on. */
    public synchronized boolean previewsAllowed() {
        return active || keepWhenInactive;
    }

    /** The last step latched as decoded (0 if none). */
    public synchronized int lastDecodedStep() {
        return lastDecodedStep;
    }

    /** The number of previews a run of {@code steps} steps makes while allowed throughout: ceil(steps / N). */
    public int expectedPreviews(int steps) {
        return (steps + interval - 1) / interval;
    }
}
