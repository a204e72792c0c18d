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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLIP text encoder: token ids ({@code input_ids}, int32 or int64, {@code [1, 77]}) to the last hidden state
 * {@code [1, 77, hidden]} (float32 or float16, read as float). Long prompts come as several 77-token chunks; their
 * embeddings are concatenated along the sequence axis, as A1111 does.
 *
 * <p>SDXL's encoders ({@link #penultimate}) give the <em>penultimate</em> hidden state instead, as diffusers'
 * {@code encode_prompt} takes {@code hidden_states[-2]}: optimum's SDXL export outputs every layer as
 * {@code hidden_states.0 … hidden_states.N}, so the one read is {@code hidden_states.(N−1)}. The second encoder also
 * gives its pooled, projected output {@code text_embeds} {@code [1, projection]} (taken from the first chunk, as
 * A1111 does for long prompts).
 *
 * <p><b>Threads:</b> safe to call from several threads (each call makes its own tensors).
 */
public final class TextEncoder {

    private final OrtEnvironment env;
    private final ModelSession session;
    private final TensorSpec inputIds;
    private static final Pattern HIDDEN_STATE = Pattern.compile("hidden_states\\.(\\d+)");

    private final String output;
    private final long hiddenSize;
    private final String pooledOutput;
    private final long pooledSize;

    /** A text encoder read for its last hidden state (SD 1.x/2.x). */
    public TextEncoder(OrtEnvironment env, ModelSession session) throws ModelException {
        this(env, session, false, false);
    }

    /**
     * An SDXL text encoder: its penultimate hidden state ({@code hidden_states.(N−1)}) and, when {@code pooled}, its
     * pooled projection {@code text_embeds}. A session without those outputs is refused naming what it has.
     */
    public static TextEncoder penultimate(OrtEnvironment env, ModelSession session, boolean pooled)
            throws ModelException {
        return new TextEncoder(env, session, true, pooled);
    }

    private TextEncoder(OrtEnvironment env, ModelSession session, boolean penultimate, boolean pooled)
            throws ModelException {
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
        TensorSpec out = penultimate ? penultimateOutput(session)
                : session.output("last_hidden_state").orElseGet(() -> session.outputs().values().stream()
                        .filter(o -> o.rank() == 3).findFirst().orElse(null));
        if (out == null || !out.isFloating() || out.rank() != 3) {
            throw new ModelException(session.file() + ": expected a float output 'last_hidden_state' [batch, sequence,"
                    + " hidden], found " + session.outputs().values(), session.file());
        }
        this.output = out.name();
        this.hiddenSize = out.dim(2);
        TensorSpec pool = pooled ? session.output("text_embeds").orElse(null) : null;
        if (pooled && (pool == null || pool.rank() != 2 || !pool.isFloating())) {
            throw new ModelException(session.file() + ": expected the pooled projection output 'text_embeds' (float"
                    + " [batch, projection], as CLIPTextModelWithProjection exports it), found "
                    + session.outputs().values(), session.file());
        }
        this.pooledOutput = pool == null ? null : pool.name();
        this.pooledSize = pool == null ? 0 : pool.dim(1);
    }

    /** {@code hidden_states.(N−1)} of {@code hidden_states.0 … N}, or a {@link ModelException} naming the outputs. */
    private static TensorSpec penultimateOutput(ModelSession session) throws ModelException {
        int last = -1;
        for (String name : session.outputs().keySet()) {
            Matcher m = HIDDEN_STATE.matcher(name);
            if (m.matches()) {
                last = Math.max(last, Integer.parseInt(m.group(1)));
            }
        }
        TensorSpec spec = last >= 1 ? session.outputs().get("hidden_states." + (last - 1)) : null;
        if (spec == null) {
            throw new ModelException(session.file() + ": an SDXL text encoder must output its hidden states"
                    + " (hidden_states.0 … hidden_states.N, as optimum's stable-diffusion-xl export writes) so the"
                    + " penultimate one can be used; found " + session.outputs().keySet(), session.file());
        }
        return spec;
    }

    /** The output read as the token embeddings (e.g. "last_hidden_state" or "hidden_states.31"). */
    public String outputName() {
        return output;
    }

    /** The width of the pooled projection {@code text_embeds} (-1 if dynamic, 0 when not read). */
    public long pooledSize() {
        return pooledSize;
    }

    /** The embedding width, or -1 if the export left it dynamic. */
    public long hiddenSize() {
        return hiddenSize;
    }

    public ModelSession session() {
        return session;
    }

    /**
     * The embeddings of one prompt: {@code hidden} {@code [1, 77·chunks, width]} flat and, for an encoder read with
     * its pooled output, {@code pooled} {@code [1, projection]} of the first chunk ({@code null} otherwise).
     */
    public record Embedding(float[] hidden, float[] pooled) {
    }

    /** Embeds {@code chunks} (each exactly 77 ids) into {@code [1, 77·chunks, hidden]}, flat. */
    public float[] encode(int[][] chunks, OrtSession.RunOptions options) throws OrtException {
        return encodeWithPooled(chunks, options).hidden();
    }

    /** Embeds {@code chunks} as {@link #encode} does, with the pooled output of the first chunk when read. */
    public Embedding encodeWithPooled(int[][] chunks, OrtSession.RunOptions options) throws OrtException {
        float[][] parts = new float[chunks.length][];
        float[][] pooled = new float[1][];
        int total = 0;
        for (int c = 0; c < chunks.length; c++) {
            parts[c] = encodeChunk(chunks[c], options, c == 0 ? pooled : null);
            total += parts[c].length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return new Embedding(out, pooled[0]);
    }

    private float[] encodeChunk(int[] ids, OrtSession.RunOptions options, float[][] pooledOut) throws OrtException {
        long[] shape = {1, ids.length};
        try (TrackedTensor idTensor = idsTensor(ids, shape);
             TrackedTensor mask = session.input("attention_mask").isPresent() ? ones(shape) : null) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("input_ids", idTensor.ort());
            if (mask != null) {
                in.put("attention_mask", mask.ort());
            }
            Set<String> wanted = new LinkedHashSet<>();
            wanted.add(output);
            if (pooledOutput != null) {
                wanted.add(pooledOutput);
            }
            try (TrackedResult result = session.run(in, wanted, options)) {
                FloatBuffer hidden = result.floats(output);
                float[] values = new float[hidden.remaining()];
                hidden.get(values);
                if (pooledOutput != null && pooledOut != null) {
                    FloatBuffer p = result.floats(pooledOutput);
                    pooledOut[0] = new float[p.remaining()];
                    p.get(pooledOut[0]);
                }
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
