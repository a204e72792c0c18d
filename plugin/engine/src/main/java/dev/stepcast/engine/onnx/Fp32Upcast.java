package dev.stepcast.engine.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.platform.Fp16Conversions;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An fp32 copy of an fp16 ONNX model, in memory: every float16 initializer, constant and tensor attribute widened to
 * float32, every {@code Cast(to=float16)} made a {@code Cast(to=float32)}, every float16 input, output and value info
 * declared float32; external data is read in. Used for SDXL's fp16 VAE, whose activations overflow float16 (non-finite
 * pixels), as diffusers' {@code force_upcast} runs that VAE in float32.
 *
 * <p><b>Threads:</b> stateless.
 */
final class Fp32Upcast {

    private static final int F16 = TensorProto.DataType.FLOAT16.getNumber();
    private static final int F32 = TensorProto.DataType.FLOAT.getNumber();

    private Fp32Upcast() {
    }

    /** The model at {@code onnx} with float16 widened to float32, serialised. */
    static byte[] upcast(Path onnx) throws IOException {
        ModelProto model;
        try (InputStream in = Files.newInputStream(onnx)) {
            model = ModelProto.parseFrom(in);
        }
        ModelProto.Builder b = model.toBuilder();
        b.setGraph(graph(model.getGraph(), onnx.toAbsolutePath().getParent()));
        return b.build().toByteArray();
    }

    private static GraphProto graph(GraphProto graph, Path dir) throws IOException {
        GraphProto.Builder g = graph.toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            g.setInitializer(i, tensor(inline(g.getInitializer(i), dir)));
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            g.setNode(i, node(g.getNode(i), dir));
        }
        for (int i = 0; i < g.getInputCount(); i++) {
            g.setInput(i, valueInfo(g.getInput(i)));
        }
        for (int i = 0; i < g.getOutputCount(); i++) {
            g.setOutput(i, valueInfo(g.getOutput(i)));
        }
        for (int i = 0; i < g.getValueInfoCount(); i++) {
            g.setValueInfo(i, valueInfo(g.getValueInfo(i)));
        }
        return g.build();
    }

    private static NodeProto node(NodeProto node, Path dir) throws IOException {
        NodeProto.Builder n = node.toBuilder();
        for (int i = 0; i < n.getAttributeCount(); i++) {
            AttributeProto a = n.getAttribute(i);
            AttributeProto.Builder ab = a.toBuilder();
            if (a.hasT()) {
                ab.setT(tensor(inline(a.getT(), dir)));
            }
            if (a.hasG()) {
                ab.setG(graph(a.getG(), dir));
            }
            if ((a.getName().equals("to") || a.getName().equals("dtype")) && a.getType() == AttributeProto.AttributeType.INT
                    && a.getI() == F16) {
                ab.setI(F32);
            }
            n.setAttribute(i, ab.build());
        }
        return n.build();
    }

    private static ValueInfoProto valueInfo(ValueInfoProto info) {
        if (!info.hasType() || !info.getType().hasTensorType() || info.getType().getTensorType().getElemType() != F16) {
            return info;
        }
        TypeProto.Tensor.Builder t = info.getType().getTensorType().toBuilder().setElemType(F32);
        return info.toBuilder().setType(info.getType().toBuilder().setTensorType(t)).build();
    }

    /** A tensor whose data lives in an external file, with the data read in (raw). */
    private static TensorProto inline(TensorProto t, Path dir) throws IOException {
        if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
            return t;
        }
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = Long.parseLong(e.getValue());
                case "length" -> length = Long.parseLong(e.getValue());
                default -> { }
            }
        }
        if (location == null) {
            throw new IOException("tensor '" + t.getName() + "' has external data without a location");
        }
        Path file = dir.resolve(location);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long n = length >= 0 ? length : raf.length() - offset;
            if (n > Integer.MAX_VALUE) {
                throw new IOException("tensor '" + t.getName() + "' in " + file + " is larger than 2 GB");
            }
            byte[] data = new byte[(int) n];
            raf.seek(offset);
            raf.readFully(data);
            return t.toBuilder().clearExternalData().setDataLocation(TensorProto.DataLocation.DEFAULT)
                    .setRawData(UnsafeByteOperations.unsafeWrap(data)).build(); // fresh, never written again: no copy
        }
    }

    /** A float16 tensor as float32 (raw data or int32_data holding the 16-bit patterns); others unchanged. */
    private static TensorProto tensor(TensorProto t) {
        if (t.getDataType() != F16) {
            return t;
        }
        short[] halves;
        if (!t.getRawData().isEmpty()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            halves = new short[raw.remaining() / 2];
            raw.asShortBuffer().get(halves);
        } else {
            halves = new short[t.getInt32DataCount()];
            for (int i = 0; i < halves.length; i++) {
                halves[i] = (short) t.getInt32Data(i);
            }
        }
        ByteBuffer out = ByteBuffer.allocate(halves.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (short h : halves) {
            out.putFloat(Fp16Conversions.fp16ToFloat(h));
        }
        return t.toBuilder().setDataType(F32).clearInt32Data()
                .setRawData(UnsafeByteOperations.unsafeWrap(out.array())).build(); // fresh, never written again
    }
}
