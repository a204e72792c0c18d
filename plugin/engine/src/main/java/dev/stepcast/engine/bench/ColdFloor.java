package dev.stepcast.engine.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The cold-start floor that {@code stepcast bench cold} compares {@code generate} against: a minimal Java program
 * that opens the same ONNX files (text encoder, UNet, VAE decoder, one after another) and makes the same ONNX Runtime
 * calls for one guided text-to-image run — two text-encoder runs, one batch-2 UNet run per step, one VAE decode —
 * then writes a PNG. It uses nothing of Stepcast: no tokenizer (fixed ids), no scheduler (a fixed arithmetic
 * update), no previews, no settings, no logging. Its wall time from JVM start to exit is what any Java program needs
 * for those calls.
 *
 * <p>Inputs it understands: {@code input_ids} int32 or int64; {@code sample}/{@code encoder_hidden_states} float32;
 * {@code timestep} float32 or int64 of rank 0 or 1 (what fp32 exports have). Usage:
 * {@code java -cp stepcast.jar dev.stepcast.engine.bench.ColdFloor MODEL_DIR SIZE STEPS OUT.png}.
 *
 * <p><b>Threads:</b> one (main).
 */
public final class ColdFloor {

    private ColdFloor() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        OrtEnvironment env = dev.stepcast.engine.onnx.OrtEnvironments.get();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession text = env.createSession(model.resolve("text_encoder/model.onnx").toString(), options);
             OrtSession unet = env.createSession(model.resolve("unet/model.onnx").toString(), options);
             OrtSession vae = env.createSession(model.resolve("vae_decoder/model.onnx").toString(), options)) {
            float[] cond = encode(env, text, 1);
            float[] uncond = encode(env, text, 0);
            int h = size / 8;
            int w = size / 8;
            int latentSize = 4 * h * w;
            float[] latents = new float[latentSize];
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < latentSize; i++) {
                latents[i] = (float) random.nextGaussian();
            }
            int seq = cond.length / hidden(text);
            float[] hiddenStates = new float[2 * cond.length];
            System.arraycopy(uncond, 0, hiddenStates, 0, uncond.length);
            System.arraycopy(cond, 0, hiddenStates, uncond.length, cond.length);
            float[] batch = new float[2 * latentSize];
            for (int step = 0; step < steps; step++) {
                System.arraycopy(latents, 0, batch, 0, latentSize);
                System.arraycopy(latents, 0, batch, latentSize, latentSize);
                Map<String, OnnxTensor> in = new HashMap<>();
                try {
                    in.put("sample", OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), new long[] {2, 4, h, w}));
                    in.put("timestep", timestep(env, unet.getInputInfo().get("timestep"), 999f - step * 50f));
                    in.put("encoder_hidden_states", OnnxTensor.createTensor(env, FloatBuffer.wrap(hiddenStates),
                            new long[] {2, seq, hidden(text)}));
                    try (OrtSession.Result out = unet.run(in)) {
                        float[] noise = ((OnnxTensor) out.get(0)).getFloatBuffer().array();
                        for (int i = 0; i < latentSize; i++) {
                            float guided = noise[i] + 7.5f * (noise[latentSize + i] - noise[i]);
                            latents[i] -= 0.05f * guided;
                        }
                    }
                } finally {
                    in.values().forEach(OnnxTensor::close);
                }
            }
            float[] pixels;
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(latents), new long[] {1, 4, h, w});
                 OrtSession.Result out = vae.run(Map.of(vae.getInputNames().iterator().next(), in))) {
                pixels = ((OnnxTensor) out.get(0)).getFloatBuffer().array();
            }
            ImageIO.write(toImage(pixels, size, size), "png", new File(args[3]));
        }
    }

    private static int hidden(OrtSession text) throws ai.onnxruntime.OrtException {
        TensorInfo info = (TensorInfo) text.getOutputInfo().values().iterator().next().getInfo();
        return (int) info.getShape()[2];
    }

    private static float[] encode(OrtEnvironment env, OrtSession text, int token) throws Exception {
        NodeInfo input = text.getInputInfo().get("input_ids");
        boolean int64 = ((TensorInfo) input.getInfo()).type == OnnxJavaType.INT64;
        long[] shape = {1, 77};
        int[] ids = new int[77];
        ids[0] = 49406;
        java.util.Arrays.fill(ids, 1, 77, token == 0 ? 49407 : 320);
        ids[76] = 49407;
        try (OnnxTensor in = int64
                ? OnnxTensor.createTensor(env, LongBuffer.wrap(java.util.Arrays.stream(ids).asLongStream().toArray()),
                shape)
                : OnnxTensor.createTensor(env, IntBuffer.wrap(ids), shape);
             OrtSession.Result out = text.run(Map.of("input_ids", in))) {
            return ((OnnxTensor) out.get(0)).getFloatBuffer().array();
        }
    }

    private static OnnxTensor timestep(OrtEnvironment env, NodeInfo info, float t) throws Exception {
        TensorInfo tensor = (TensorInfo) info.getInfo();
        long[] shape = tensor.getShape().length == 0 ? new long[0] : new long[] {1};
        return tensor.type == OnnxJavaType.INT64
                ? OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {(long) t}), shape)
                : OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {t}), shape);
    }

    private static BufferedImage toImage(float[] chw, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            int r = channel(chw[i]);
            int g = channel(chw[plane + i]);
            int b = channel(chw[2 * plane + i]);
            rgb[i] = r << 16 | g << 8 | b;
        }
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round((v / 2f + 0.5f) * 255f)));
    }
}
