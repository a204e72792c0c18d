package dev.stepcast.engine.onnx;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the native ONNX Runtime objects the engine holds open right now: tensors, run results and sessions. Every
 * one is created through {@link TrackedTensor}, {@link TrackedResult} or {@link ModelSession}, which count up on
 * creation and down on close, so tests can assert that nothing leaks (after a cancel, after many generations).
 *
 * <p><b>Threads:</b> thread-safe (atomic counters); the counts are process-wide.
 */
public final class NativeResources {

    static final AtomicInteger TENSORS = new AtomicInteger();
    static final AtomicInteger RESULTS = new AtomicInteger();
    static final AtomicInteger SESSIONS = new AtomicInteger();

    private NativeResources() {
    }

    /** Open {@code OnnxTensor}s created by the engine. */
    public static int openTensors() {
        return TENSORS.get();
    }

    /** Open {@code OrtSession.Result}s. */
    public static int openResults() {
        return RESULTS.get();
    }

    /** Open {@code OrtSession}s. */
    public static int openSessions() {
        return SESSIONS.get();
    }

    /** A one-line description for test failure messages. */
    public static String describe() {
        return "tensors=" + openTensors() + ", results=" + openResults() + ", sessions=" + openSessions();
    }
}
