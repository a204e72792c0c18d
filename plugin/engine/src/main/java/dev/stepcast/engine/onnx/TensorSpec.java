package dev.stepcast.engine.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import dev.stepcast.engine.ModelException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One input or output of an ONNX session as the session declares it: name, element type and shape, where a
 * dynamic dimension is {@code -1}.
 *
 * @param name  the tensor's name, e.g. "encoder_hidden_states"
 * @param type  the element type (FLOAT, FLOAT16, INT32, INT64, …)
 * @param shape the declared shape; rank 0 for a scalar; {@code -1} for a dynamic dimension
 */
public record TensorSpec(String name, OnnxJavaType type, long[] shape) {

    public TensorSpec {
        shape = shape.clone();
    }

    /** Reads a spec from a session's node info; anything but a tensor is a {@link ModelException}. */
    static TensorSpec of(String name, NodeInfo info, Path file) throws ModelException {
        if (!(info.getInfo() instanceof TensorInfo tensor)) {
            throw new ModelException(file + ": '" + name + "' is not a tensor (" + info.getInfo() + ")", file);
        }
        return new TensorSpec(name, tensor.type, tensor.getShape());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The declared size of {@code axis}, {@code -1} when dynamic. */
    public long dim(int axis) {
        return shape[axis];
    }

    public boolean isDynamic(int axis) {
        return shape[axis] < 0;
    }

    /** Whether the element type is float32 or float16 (what the engine feeds float data into). */
    public boolean isFloating() {
        return type == OnnxJavaType.FLOAT || type == OnnxJavaType.FLOAT16;
    }

    /** E.g. "float16[batch?, 4, ?, ?]" → written as "float16[-1, 4, -1, -1]". */
    public String describe() {
        return type.name().toLowerCase(Locale.ROOT) + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec s && s.name.equals(name) && s.type == type && Arrays.equals(s.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ": " + describe();
    }
}
