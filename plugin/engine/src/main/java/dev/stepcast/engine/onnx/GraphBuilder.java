package dev.stepcast.engine.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small fluent builder of ONNX graphs over the ONNX protobuf classes that Tribuo's {@code tribuo-util-onnx} ships.
 * Used by the demo model writer and by tests that need SD-shaped graphs. Dimensions given as {@code String} are
 * symbolic (dynamic), as {@code Number} fixed.
 *
 * <pre>{@code
 * GraphBuilder g = new GraphBuilder("unet");
 * g.input("sample", GraphBuilder.FLOAT, "batch", 4, "h", "w");
 * g.initializer("w", new float[] {2f}, 1);
 * g.node("Mul", new String[] {"sample", "w"}, new String[] {"out_sample"});
 * g.output("out_sample", GraphBuilder.FLOAT, "batch", 4, "h", "w");
 * g.save(dir.resolve("model.onnx"));
 * }</pre>
 *
 * <p><b>Threads:</b> not thread-safe; build on one thread.
 */
public final class GraphBuilder {

    public static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();
    public static final int FLOAT16 = TensorProto.DataType.FLOAT16.getNumber();
    public static final int INT32 = TensorProto.DataType.INT32.getNumber();
    public static final int INT64 = TensorProto.DataType.INT64.getNumber();

    /** The opset the graphs are written for. */
    public static final int OPSET = 17;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, ByteArrayOutputStream> externalData = new LinkedHashMap<>();
    private int nodeCount;

    public GraphBuilder(String name) {
        graph.setName(name);
    }

    /** Declares a graph input of element type {@code elemType} (e.g. {@link #FLOAT}) and shape {@code dims}. */
    public GraphBuilder input(String name, int elemType, Object... dims) {
        graph.addInput(valueInfo(name, elemType, dims));
        return this;
    }

    /** Declares a rank-0 (scalar) graph input: an explicit empty shape, not an unknown one. */
    public GraphBuilder scalarInput(String name, int elemType) {
        graph.addInput(ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType)
                        .setShape(TensorShapeProto.newBuilder())))
                .build());
        return this;
    }

    /** Declares a graph output. Pass no dims for an output of unknown shape (rank unknown). */
    public GraphBuilder output(String name, int elemType, Object... dims) {
        graph.addOutput(valueInfo(name, elemType, dims));
        return this;
    }

    /** A float32 constant tensor. */
    public GraphBuilder initializer(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        graph.addInitializer(tensor(name, FLOAT, dims).setRawData(ByteString.copyFrom(bytes.array())));
        return this;
    }

    /**
     * A float32 constant stored as ONNX external data in the file {@code location} beside the model (as diffusers'
     * convert script stores the UNet's weights in {@code weights.pb}). {@link #save} writes that file too; such a
     * model loads only by path.
     */
    public GraphBuilder externalInitializer(String name, float[] values, String location, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        ByteArrayOutputStream file = externalData.computeIfAbsent(location, k -> new ByteArrayOutputStream());
        long offset = file.size();
        file.writeBytes(bytes.array());
        graph.addInitializer(tensor(name, FLOAT, dims)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location))
                .addExternalData(entry("offset", Long.toString(offset)))
                .addExternalData(entry("length", Long.toString(bytes.capacity()))));
        return this;
    }

    /** An int64 constant tensor (shapes, axes, indices). */
    public GraphBuilder initializer(String name, long[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        graph.addInitializer(tensor(name, INT64, dims).setRawData(ByteString.copyFrom(bytes.array())));
        return this;
    }

    /**
     * Adds a node. Attributes come in pairs {@code name, value}: value an {@code Integer}/{@code Long} (INT),
     * {@code Float} (FLOAT), {@code String} (STRING), {@code long[]} (INTS) or {@code float[]} (FLOATS).
     */
    public GraphBuilder node(String opType, String[] inputs, String[] outputs, Object... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setOpType(opType)
                .setName(opType + "_" + nodeCount++);
        for (String in : inputs) {
            node.addInput(in);
        }
        for (String out : outputs) {
            node.addOutput(out);
        }
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            node.addAttribute(attribute((String) attributes[i], attributes[i + 1]));
        }
        graph.addNode(node);
        return this;
    }

    /** Shorthand for a node with one output. Returns the output's name. */
    public String op(String opType, String output, String[] inputs, Object... attributes) {
        node(opType, inputs, new String[] {output}, attributes);
        return output;
    }

    /** The finished model (IR version 8, opset {@value #OPSET}). */
    public ModelProto build() {
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("stepcast")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build())
                .build();
    }

    /** The finished model as bytes. */
    public byte[] toBytes() {
        return build().toByteArray();
    }

    /** Writes the model to {@code file}, creating its folder. */
    public void save(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            build().writeTo(out);
        }
        for (Map.Entry<String, ByteArrayOutputStream> e : externalData.entrySet()) {
            Path data = file.getParent() == null ? Path.of(e.getKey()) : file.getParent().resolve(e.getKey());
            Files.write(data, e.getValue().toByteArray());
        }
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static TensorProto.Builder tensor(String name, int elemType, long[] dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(elemType);
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    private static ValueInfoProto valueInfo(String name, int elemType, Object[] dims) {
        TypeProto.Tensor.Builder tensorType = TypeProto.Tensor.newBuilder().setElemType(elemType);
        if (dims.length > 0 || elemType >= 0) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (Object d : dims) {
                TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
                if (d instanceof Number n) {
                    dim.setDimValue(n.longValue());
                } else {
                    dim.setDimParam(String.valueOf(d));
                }
                shape.addDim(dim);
            }
            if (dims.length > 0) {
                tensorType.setShape(shape);
            }
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(tensorType))
                .build();
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer || value instanceof Long) {
            a.setType(AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float f) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (value instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (value instanceof long[] ints) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long v : ints) {
                a.addInts(v);
            }
        } else if (value instanceof float[] floats) {
            a.setType(AttributeProto.AttributeType.FLOATS);
            for (float v : floats) {
                a.addFloats(v);
            }
        } else if (value instanceof TensorProto t) {
            a.setType(AttributeProto.AttributeType.TENSOR).setT(t);
        } else {
            throw new IllegalArgumentException("attribute " + name + ": unsupported value " + value);
        }
        return a.build();
    }
}
