package dev.stepcast.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A request to stop a generation. The sampling loop checks it between steps, and the engine registers a hook that
 * terminates the ONNX Runtime call in progress ({@code RunOptions.setTerminate}), so a run ends within the current step.
 *
 * <p><b>Threads:</b> thread-safe. {@link #cancel()} is typically called on the EDT while the run is on a worker thread.
 */
public final class CancellationToken {

    private volatile boolean cancelled;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    /** Requests cancellation; runs the registered hooks once. Idempotent. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        hooks.forEach(Runnable::run);
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link GenerationCancelledException} if cancelled. */
    public void throwIfCancelled() throws GenerationCancelledException {
        if (cancelled) {
            throw new GenerationCancelledException();
        }
    }

    /**
     * Registers a hook run on {@link #cancel()} (at once if already cancelled). Returns a handle that unregisters it.
     * The hook runs on the thread that calls {@link #cancel()}.
     */
    public Registration onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /** A registered hook; closing it unregisters the hook (closing never throws). */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
