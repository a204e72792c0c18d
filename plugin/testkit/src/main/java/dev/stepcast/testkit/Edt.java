package dev.stepcast.testkit;

import java.awt.EventQueue;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import org.assertj.swing.edt.GuiActionRunner;

/**
 * Runs test code on the event dispatch thread through {@code GuiActionRunner.execute}, waiting for it, and flushes the
 * event queue.
 *
 * <p><b>Threads:</b> call from the test thread (calling from the EDT runs the code directly).
 */
public final class Edt {

    private Edt() {
    }

    /** Something to run on the EDT that may throw. */
    @FunctionalInterface
    public interface Task {
        /** Runs on the EDT. */
        void run() throws Exception;
    }

    /** Runs {@code query} on the EDT and returns its result; an exception it throws is rethrown on this thread. */
    public static <T> T query(Callable<T> query) {
        return GuiActionRunner.execute(query);
    }

    /** Runs {@code task} on the EDT and waits for it; an exception it throws is rethrown on this thread. */
    public static void run(Task task) {
        GuiActionRunner.execute(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Waits until every event posted to the system event queue before this call has been dispatched (one empty
     * {@code invokeAndWait}); events those events post may still be pending.
     */
    public static void flush() {
        if (EventQueue.isDispatchThread()) {
            return;
        }
        try {
            EventQueue.invokeAndWait(() -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing the event queue", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("an empty task failed on the EDT", e.getCause());
        }
    }
}
