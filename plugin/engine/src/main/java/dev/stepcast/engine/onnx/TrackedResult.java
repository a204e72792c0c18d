package dev.stepcast.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link OrtSession.Result} counted by {@link NativeResources}. Closing it frees the outputs it owns (pinned
 * outputs stay with their owner, as ORT does).
 *
 * <p><b>Threads:</b> one thread uses it.
 */
public final class TrackedResult implements AutoCloseable {

    private final OrtSession.Result result;
    private final AtomicBoolean closed = new AtomicBoolean();

    TrackedResult(OrtSession.Result result) {
        this.result = result;
        NativeResources.RESULTS.incrementAndGet();
    }

    /** The output named {@code name} as a tensor. */
    public OnnxTensor tensor(String name) {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
        return (OnnxTensor) value;
    }

    /** The output {@code name} as floats (float16/bfloat16 outputs are widened), a fresh heap buffer. */
    public FloatBuffer floats(String name) {
        return tensor(name).getFloatBuffer();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            result.close();
            NativeResources.RESULTS.decrementAndGet();
        }
    }
}
