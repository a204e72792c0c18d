package dev.stepcast.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The engine's own small float tensor: a shape and a buffer in row-major (NCHW for images and latents) order.
 * Callers of the engine see this type, never ONNX Runtime's.
 *
 * <p>A tensor handed to a {@link StepListener} is a view valid only during the call; {@link #copy()} it to keep it.
 *
 * <p><b>Threads:</b> not synchronized. A tensor may be handed from one thread to another (e.g. a copy given to a
 * decoder thread) as long as only one thread uses it at a time and the hand-off is a safe publication.
 */
public final class FloatTensor {

    private final long[] shape;
    private final FloatBuffer data;

    private FloatTensor(long[] shape, FloatBuffer data) {
        long n = elementCount(shape);
        if (n != data.remaining()) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " floats, buffer has " + data.remaining());
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** A zero-filled tensor in a direct buffer of native byte order (what ONNX Runtime reads without a copy). */
    public static FloatTensor allocateDirect(long... shape) {
        long n = elementCount(shape);
        if (n > Integer.MAX_VALUE / Float.BYTES) {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        FloatBuffer buffer = ByteBuffer.allocateDirect((int) n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        return new FloatTensor(shape, buffer);
    }

    /** A tensor over {@code values} without copying them. */
    public static FloatTensor wrap(float[] values, long... shape) {
        return new FloatTensor(shape, FloatBuffer.wrap(values));
    }

    /** A tensor over the remaining floats of {@code buffer} without copying them (position 0 of the view = first). */
    public static FloatTensor wrap(FloatBuffer buffer, long... shape) {
        return new FloatTensor(shape, buffer.slice());
    }

    /** The shape, e.g. {@code [1, 4, 64, 64]} for SD latents of a 512×512 image. */
    public long[] shape() {
        return shape.clone();
    }

    /** The size of dimension {@code axis}. */
    public int dim(int axis) {
        return (int) shape[axis];
    }

    /** The rank (number of dimensions). */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return data.limit();
    }

    /** The element at flat row-major index {@code index}. */
    public float get(int index) {
        return data.get(index);
    }

    /** Sets the element at flat row-major index {@code index}. */
    public void set(int index, float value) {
        data.put(index, value);
    }

    /** A view of the data (shares it; its own position and limit, positioned at 0). */
    public FloatBuffer buffer() {
        return data.duplicate().rewind();
    }

    /** Whether the data lives in a direct buffer. */
    public boolean isDirect() {
        return data.isDirect();
    }

    /** The data copied into a new array. */
    public float[] toArray() {
        float[] out = new float[size()];
        buffer().get(out);
        return out;
    }

    /** Copies the data into {@code target}, which must hold {@link #size()} floats. */
    public void copyTo(float[] target) {
        buffer().get(target, 0, size());
    }

    /** Copies {@code source} (exactly {@link #size()} floats) into this tensor. */
    public void copyFrom(float[] source) {
        if (source.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " floats, got " + source.length);
        }
        buffer().put(source);
    }

    /** A deep copy on the heap that stays valid after the step that produced this tensor. */
    public FloatTensor copy() {
        return wrap(toArray(), shape);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }

    private static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }
}
