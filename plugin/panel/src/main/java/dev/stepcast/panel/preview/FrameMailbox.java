package dev.stepcast.panel.preview;

/**
 * A single-slot, latest-wins mailbox between the sampling thread (and the EDT on reactivation) and the preview
 * decoder thread. {@link #offer} never blocks and replaces a frame not yet taken — a stale frame is dropped, never
 * queued — so the sampling loop never waits for a decode, and the decoder always works on the newest step.
 *
 * <p><b>Threads:</b> thread-safe; {@link #offer} from any thread, {@link #take} from the one decoder thread.
 */
public final class FrameMailbox {

    private PreviewFrame pending;
    private boolean closed;
    private int dropped;

    /**
     * Puts {@code frame} in the slot, dropping the pending one if any. Ignored after {@link #close()}.
     *
     * @return the dropped stale frame, or {@code null}
     */
    public synchronized PreviewFrame offer(PreviewFrame frame) {
        if (closed) {
            return null;
        }
        PreviewFrame stale = pending;
        if (stale != null) {
            dropped++;
        }
        pending = frame;
        notifyAll();
        return stale;
    }

    /** Takes the pending frame, waiting for one; {@code null} once closed (a pending frame is then discarded). */
    public synchronized PreviewFrame take() throws InterruptedException {
        while (pending == null && !closed) {
            wait();
        }
        return poll();
    }

    /** Takes the pending frame without waiting, or {@code null}; {@code null} once closed. */
    public synchronized PreviewFrame poll() {
        if (closed) {
            pending = null;
            return null;
        }
        PreviewFrame frame = pending;
        pending = null;
        return frame;
    }

    /** Ends the mailbox: pending and future frames are discarded, a waiting {@link #take} returns {@code null}. */
    public synchronized void close() {
        closed = true;
        pending = null;
        notifyAll();
    }

    /** How many stale frames were replaced before being decoded. */
    public synchronized int droppedCount() {
        return dropped;
    }
}
