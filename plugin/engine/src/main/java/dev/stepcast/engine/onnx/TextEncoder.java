package dev.stepcast.engine.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The CLIP text encoder: token ids ({@code input_ids}, int32 or int64, {@code [1, 77]}) to the last hidden state
 * {@code [1, 77, hidden]} (float32 or float16, read as float). Long prompts come as several 77-token chunks; their
 * embeddings are concatenated along the sequence axis, as A1111 does.
 *
 * <p><b>Threads:</b> safe to call from several threads (each call makes its own tensors).
 */
public final class TextEncoder {

    private final OrtEnvironment env;
    private final ModelSession session;
    private final TensorSpec inputIds;
    private final String output;
    private final long hiddenSize;

    public TextEncoder(OrtEnvironment env, ModelSession session) throws ModelException {
        this.env = env;
        this.session = session;
        this.inputIds = session.input("input_ids").orElseThrow(() -> new ModelException(session.file()
                + ": missing text encoder input 'input_ids' (found " + session.inputs().keySet() + ")",
                session.file()));
        if (inputIds.rank() != 2 || !(inputIds.type() == OnnxJavaType.INT32 || inputIds.type() == OnnxJavaType.INT64)) {
            throw new ModelException(session.file() + ": input 'input_ids' is " + inputIds.describe()
                    + "; expected int32 or int64 [batch, sequence]", session.file());
        }
        for (TensorSpec in : session.inputs().values()) {
            if (!in.name().equals("input_ids") && !in.name().equals("attention_mask")) {
                throw new ModelException(session.file() + ": input '" + in.name() + "' (" + in.describe()
                        + ") is not one the engine understands (expected input_ids)", session.file());
            }
        }
        TensorSpec out = session.output("last_hidden_state").orElseGet(() -> session.outputs().values().stream()
                .filter(o -> o.rank() == 3).findFirst().orElse(null));
        if (out == null || !out.isFloating()) {
            throw new ModelException(session.file() + ": expected a float output 'last_hidden_state' [batch, sequence,"
                    + " hidden], found " + session.outputs().values(), session.file());
        }
        this.output = out.name();
        this.hiddenSize = out.dim(2);
    }

    /** The element type of {@code input_ids} (INT32 or INT64). */
    public OnnxJavaType idsType() {
        return inputIds.type();
    }

    /** The embedding width, or -1 if the export left it dynamic. */
    public long hiddenSize() {
        return hiddenSize;
    }

    public ModelSession session() {
        return session;
    }

    /** Embeds {@code chunks} (each exactly 77 ids) into {@code [1, 77·chunks, hidden]}, flat. */
    public float[] encode(int[][] chunks, OrtSession.RunOptions options) throws OrtException {
        float[][] parts = new float[chunks.length][];
        int total = 0;
        for (int c = 0; c < chunks.length; c++) {
            parts[c] = encodeChunk(chunks[c], options);
            total += parts[c].length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private float[] encodeChunk(int[] ids, OrtSession.RunOptions options) throws OrtException {
        long[] shape = {1, ids.length};
        try (TrackedTensor idTensor = idsTensor(ids, shape);
             TrackedTensor mask = session.input("attention_mask").isPresent() ? ones(shape) : null) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("input_ids", idTensor.ort());
            if (mask != null) {
                in.put("attention_mask", mask.ort());
            }
            try (TrackedResult result = session.run(in, Map.of(), options)) {
                FloatBuffer hidden = result.floats(output);
                float[] values = new float[hidden.remaining()];
                hidden.get(values);
                return values;
            }
        }
    }

    private TrackedTensor idsTensor(int[] ids, long[] shape) throws OrtException {
        ByteBuffer buf = ByteBuffer.allocateDirect(ids.length * Long.BYTES).order(ByteOrder.nativeOrder());
        if (inputIds.type() == OnnxJavaType.INT64) {
            for (int id : ids) {
                buf.putLong(id);
            }
            return TrackedTensor.of(OnnxTensor.createTensor(env, buf.flip().asLongBuffer(), shape));
        }
        for (int id : ids) {
            buf.putInt(id);
        }
        return TrackedTensor.of(OnnxTensor.createTensor(env, buf.flip().asIntBuffer(), shape));
    }

    private TrackedTensor ones(long[] shape) throws OrtException {
        int[] ones = new int[(int) shape[1]];
        java.util.Arrays.fill(ones, 1);
        return idsTensor(ones, shape);
    }
}
