package dev.stepcast.engine.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * A direct, native-order buffer that float data goes through on its way into (or out of) ONNX Runtime, as float32
 * or float16. Allocated once per run and reused for every step: ORT wraps a direct buffer without copying it, so a
 * tensor made by {@link #tensor} is only a small native header over this memory.
 *
 * <p><b>Threads:</b> not thread-safe; one generation uses it on its own thread.
 */
public final class FloatStaging {

    private final OrtEnvironment env;
    private final OnnxJavaType type;
    private final ByteBuffer bytes;
    private final int capacity;

    /**
     * @param type     {@link OnnxJavaType#FLOAT} or {@link OnnxJavaType#FLOAT16}
     * @param capacity elements
     */
    public FloatStaging(OrtEnvironment env, OnnxJavaType type, int capacity) {
        if (type != OnnxJavaType.FLOAT && type != OnnxJavaType.FLOAT16) {
            throw new IllegalArgumentException("not a float type: " + type);
        }
        this.env = env;
        this.type = type;
        this.capacity = capacity;
        int width = type == OnnxJavaType.FLOAT ? Float.BYTES : Short.BYTES;
        this.bytes = ByteBuffer.allocateDirect(capacity * width).order(ByteOrder.nativeOrder());
    }

    public OnnxJavaType type() {
        return type;
    }

    public int capacity() {
        return capacity;
    }

    /** Writes {@code count} floats of {@code src} from {@code offset} to element {@code at} (rounded for fp16). */
    public void write(int at, float[] src, int offset, int count) {
        if (type == OnnxJavaType.FLOAT) {
            floats(at, count).put(src, offset, count);
        } else {
            ShortBuffer out = shorts(at, count);
            for (int i = 0; i < count; i++) {
                out.put(Fp16Conversions.floatToFp16(src[offset + i]));
            }
        }
    }

    /** Reads {@code count} elements from element {@code at} into {@code dst} from {@code offset} (fp16 widened). */
    public void read(int at, float[] dst, int offset, int count) {
        if (type == OnnxJavaType.FLOAT) {
            floats(at, count).get(dst, offset, count);
        } else {
            ShortBuffer in = shorts(at, count);
            for (int i = 0; i < count; i++) {
                dst[offset + i] = Fp16Conversions.fp16ToFloat(in.get());
            }
        }
    }

    /** A tensor of {@code shape} over the start of this buffer (no copy). Close it after the run. */
    public TrackedTensor tensor(long[] shape) throws OrtException {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        if (n > capacity) {
            throw new IllegalArgumentException("shape needs " + n + " elements, staging holds " + capacity);
        }
        OnnxTensor t = type == OnnxJavaType.FLOAT
                ? OnnxTensor.createTensor(env, floats(0, n), shape)
                : OnnxTensor.createTensor(env, slice(0, n * Short.BYTES), shape, OnnxJavaType.FLOAT16);
        return TrackedTensor.of(t);
    }

    private FloatBuffer floats(int at, int count) {
        return slice(at * Float.BYTES, count * Float.BYTES).asFloatBuffer();
    }

    private ShortBuffer shorts(int at, int count) {
        return slice(at * Short.BYTES, count * Short.BYTES).asShortBuffer();
    }

    private ByteBuffer slice(int byteOffset, int byteCount) {
        return bytes.duplicate().clear().position(byteOffset).limit(byteOffset + byteCount).slice()
                .order(ByteOrder.nativeOrder());
    }
}
