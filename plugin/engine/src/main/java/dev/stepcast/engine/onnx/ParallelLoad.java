package dev.stepcast.engine.onnx;

import dev.stepcast.engine.ModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loads the parts of a model on threads of their own and keeps track of every session opened, so that a failure
 * anywhere closes all of them (no session outlives a failed load).
 *
 * <p><b>Threads:</b> created and driven by one loading thread; tasks run on short-lived daemon threads
 * ("stepcast-model-load"); the bookkeeping is synchronised.
 */
final class ParallelLoad {

    /** Work that may fail with a message for the user. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws ModelException;
    }

    /** A started part; {@link #join()} waits for it and rethrows its {@link ModelException}. */
    static final class Task<T> {
        private final CompletableFuture<T> future;

        private Task(CompletableFuture<T> future) {
            this.future = future;
        }

        T join() throws ModelException {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof ModelException m) {
                    throw m;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
    }

    private final List<CompletableFuture<?>> started = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Starts {@code work} on its own thread; a session it returns is remembered for {@link #closeAll()}. */
    <T> Task<T> start(Work<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                T value = work.run();
                if (value instanceof AutoCloseable c) {
                    opened(c);
                }
                future.complete(value);
            } catch (ModelException | RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "stepcast-model-load");
        thread.setDaemon(true);
        synchronized (this) {
            started.add(future);
        }
        thread.start();
        return new Task<>(future);
    }

    /** Remembers a session opened on the loading thread itself. */
    synchronized void opened(AutoCloseable session) {
        opened.add(session);
    }

    /** After a failure: waits for every started task, then closes every session opened so far. */
    void closeAll() {
        List<CompletableFuture<?>> all;
        synchronized (this) {
            all = List.copyOf(started);
        }
        for (CompletableFuture<?> f : all) {
            try {
                f.join();
            } catch (CompletionException e) {
                // its failure is reported by whoever joins it; here we only wait for it to end
            }
        }
        synchronized (this) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a session does not fail in practice; the load's own failure is what the user sees
                }
            }
            opened.clear();
        }
    }
}
