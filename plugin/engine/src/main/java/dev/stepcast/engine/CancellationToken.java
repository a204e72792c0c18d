package dev.stepcast.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop a generation. The sampling loop checks it between steps, and the engine registers a hook that
 * terminates the ONNX Runtime call in progress ({@code RunOptions.setTerminate}), so a run ends within the current step.
 *
 * <p><b>Threads:</b> thread-safe. {@link #cancel()} is typically called on the EDT while the run is on a worker thread;
 * however many threads cancel at once, and however registration and cancel interleave, each hook runs exactly once.
 */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Once> hooks = new CopyOnWriteArrayList<>();

    /** Requests cancellation; runs the registered hooks once. Idempotent. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            hooks.forEach(Once::run);
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link GenerationCancelledException} if cancelled. */
    public void throwIfCancelled() throws GenerationCancelledException {
        if (cancelled.get()) {
            throw new GenerationCancelledException();
        }
    }

    /**
     * Registers a hook run on {@link #cancel()} (at once if already cancelled). Returns a handle that unregisters it.
     * The hook runs on the thread that calls {@link #cancel()}.
     */
    public Registration onCancel(Runnable hook) {
        Once once = new Once(hook);
        hooks.add(once);
        if (cancelled.get()) {
            once.run(); // cancel() may be running the hooks right now: Once keeps it to one run
        }
        return () -> hooks.remove(once);
    }

    /** A hook that runs at most once, whichever thread gets to it first. */
    private static final class Once {
        private final Runnable hook;
        private final AtomicBoolean ran = new AtomicBoolean();

        Once(Runnable hook) {
            this.hook = hook;
        }

        void run() {
            if (ran.compareAndSet(false, true)) {
                hook.run();
            }
        }
    }

    /** A registered hook; closing it unregisters the hook (closing never throws). */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
