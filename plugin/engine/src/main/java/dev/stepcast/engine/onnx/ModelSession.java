package dev.stepcast.engine.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.ModelException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One ONNX Runtime session of a model component (text encoder, UNet, VAE…), with its inputs and outputs read from
 * the session. Counted by {@link NativeResources}.
 *
 * <p><b>Threads:</b> {@link #run} may be called from several threads at once (ORT sessions allow concurrent runs);
 * {@link #close()} only when no run is in progress.
 */
public final class ModelSession implements AutoCloseable {

    private final OrtSession session;
    private final Path file;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelSession(OrtSession session, Path file) throws ModelException {
        NativeResources.SESSIONS.incrementAndGet();
        this.session = session;
        this.file = file;
        try {
            this.inputs = specs(session.getInputInfo(), file);
            this.outputs = specs(session.getOutputInfo(), file);
        } catch (OrtException e) {
            close();
            throw new ModelException(file + ": cannot read the model's inputs and outputs: " + e.getMessage(), file, e);
        } catch (ModelException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens {@code file} with {@code options} as a counted session (the preview package opens its tiny decoder this
     * way, with one thread). The caller closes it.
     */
    public static ModelSession open(Path file, OrtSession.SessionOptions options) throws OrtException, ModelException {
        return new ModelSession(OrtEnvironments.get().createSession(file.toString(), options), file);
    }

    /** The model's custom metadata (ONNX {@code metadata_props}). */
    public Map<String, String> customMetadata() throws OrtException {
        return session.getMetadata().getCustomMetadata();
    }

    /** The ONNX file this session was loaded from. */
    public Path file() {
        return file;
    }

    /** Inputs in the model's order. */
    public Map<String, TensorSpec> inputs() {
        return inputs;
    }

    /** Outputs in the model's order. */
    public Map<String, TensorSpec> outputs() {
        return outputs;
    }

    public Optional<TensorSpec> input(String name) {
        return Optional.ofNullable(inputs.get(name));
    }

    public Optional<TensorSpec> output(String name) {
        return Optional.ofNullable(outputs.get(name));
    }

    /** Runs the session; {@code pinned} outputs (may be empty) are written into the caller's tensors. */
    public TrackedResult run(Map<String, ? extends OnnxTensorLike> in, Map<String, ? extends OnnxValue> pinned,
                             OrtSession.RunOptions options) throws OrtException {
        Set<String> requested = new LinkedHashSet<>(outputs.keySet());
        requested.removeAll(pinned.keySet());
        OrtSession.Result result = options == null
                ? session.run(in, requested, pinned)
                : session.run(in, requested, pinned, options);
        return new TrackedResult(result);
    }

    /** Runs the session for the named outputs only (e.g. two of an SDXL text encoder's thirty-odd outputs). */
    public TrackedResult run(Map<String, ? extends OnnxTensorLike> in, Set<String> wanted,
                             OrtSession.RunOptions options) throws OrtException {
        OrtSession.Result result = options == null
                ? session.run(in, wanted)
                : session.run(in, wanted, options);
        return new TrackedResult(result);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                session.close();
            } catch (OrtException e) {
                System.getLogger(ModelSession.class.getName())
                        .log(System.Logger.Level.WARNING, "closing session of " + file, e);
            }
            NativeResources.SESSIONS.decrementAndGet();
        }
    }

    private static Map<String, TensorSpec> specs(Map<String, NodeInfo> infos, Path file) throws ModelException {
        Map<String, TensorSpec> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
            out.put(e.getKey(), TensorSpec.of(e.getKey(), e.getValue(), file));
        }
        return Collections.unmodifiableMap(out);
    }
}
