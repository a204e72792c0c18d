package dev.stepcast.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link OnnxTensor} counted by {@link NativeResources}. Close it (try-with-resources); closing twice is harmless.
 * Closing frees the native tensor, never the Java buffer it may wrap (staging buffers are reused across steps).
 *
 * <p><b>Threads:</b> one thread uses it; {@link #close()} is safe from any thread.
 */
public final class TrackedTensor implements AutoCloseable {

    private final OnnxTensor tensor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TrackedTensor(OnnxTensor tensor) {
        this.tensor = tensor;
        NativeResources.TENSORS.incrementAndGet();
    }

    /** Takes ownership of {@code tensor}. */
    public static TrackedTensor of(OnnxTensor tensor) {
        return new TrackedTensor(tensor);
    }

    /** The ORT tensor, for {@code session.run}. */
    public OnnxTensor ort() {
        return tensor;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            tensor.close();
            NativeResources.TENSORS.decrementAndGet();
        }
    }
}
