package dev.stepcast.engine.demo;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.GaussianNoise;
import dev.stepcast.engine.NoiseSource;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test-only sampler over plain ORT sessions of a written demo folder: its own CLIP-style tokenization of
 * lower-case words, Euler (diffusers' EulerDiscreteScheduler, "linspace" spacing, epsilon prediction) with
 * classifier-free guidance on a batch of 2, and the VAE decoder. Used to check the model independently of the
 * engine's pipeline. Not thread-safe.
 */
final class DemoPlainSampler implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession textEncoder;
    private final OrtSession unet;
    private final OrtSession decoder;
    private final DemoTokenizer tokenizer = new DemoTokenizer(DemoTextEncoder.keywords(SceneFamily.all()));

    DemoPlainSampler(Path folder) throws OrtException {
        textEncoder = env.createSession(folder.resolve("text_encoder/model.onnx").toString());
        unet = env.createSession(folder.resolve("unet/model.onnx").toString());
        decoder = env.createSession(folder.resolve("vae_decoder/model.onnx").toString());
    }

    OrtSession unet() {
        return unet;
    }

    /** BOS, the tokens of each word, EOS, padded with EOS to 77. */
    int[] tokenize(String prompt) {
        List<Integer> ids = new ArrayList<>();
        ids.add(DemoTokenizer.BOS);
        for (String word : prompt.toLowerCase().split("[^a-z]+")) {
            if (!word.isEmpty()) {
                for (String token : tokenizer.bpe(word)) {
                    ids.add(tokenizer.vocab().get(token));
                }
            }
        }
        ids.add(DemoTokenizer.EOS);
        int[] out = new int[77];
        java.util.Arrays.fill(out, DemoTokenizer.EOS);
        for (int i = 0; i < Math.min(77, ids.size()); i++) {
            out[i] = ids.get(i);
        }
        return out;
    }

    /** [batch, 77, 768] embeddings of the prompts. */
    float[] encode(String... prompts) throws OrtException {
        int[] ids = new int[prompts.length * 77];
        for (int i = 0; i < prompts.length; i++) {
            System.arraycopy(tokenize(prompts[i]), 0, ids, i * 77, 77);
        }
        try (OnnxTensor t = OnnxTensor.createTensor(env, IntBuffer.wrap(ids), new long[] {prompts.length, 77});
             OrtSession.Result r = textEncoder.run(Map.of("input_ids", t))) {
            return flat((OnnxTensor) r.get(0));
        }
    }

    /** One UNet call. */
    float[] epsilon(float[] sample, long[] shape, float timestep, float[] hidden) throws OrtException {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(sample), shape);
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {timestep}), new long[] {1});
             OnnxTensor h = OnnxTensor.createTensor(env, FloatBuffer.wrap(hidden),
                     new long[] {shape[0], hidden.length / shape[0] / DemoUnetGraph.HIDDEN, DemoUnetGraph.HIDDEN});
             OrtSession.Result r = unet.run(Map.of("sample", x, "timestep", t, "encoder_hidden_states", h))) {
            return flat((OnnxTensor) r.get(0));
        }
    }

    /** Euler, {@code steps} steps, CFG {@code guidance}; returns the final latents [1, 4, h/8, w/8]. */
    float[] generate(String prompt, long seed, int steps, float guidance, int width, int height) throws OrtException {
        int lh = height / 8;
        int lw = width / 8;
        int n = 4 * lh * lw;
        float[] hidden = encode("", prompt);
        double[] timesteps = new double[steps];
        double[] sigmas = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            timesteps[i] = 999.0 * (steps - 1 - i) / (steps - 1);
            sigmas[i] = TrainingSchedule.sigmaAt(timesteps[i]);
        }
        float[] x = new GaussianNoise(NoiseSource.DEFAULT, seed).next(n);
        for (int i = 0; i < n; i++) {
            x[i] *= (float) sigmas[0];
        }
        for (int s = 0; s < steps; s++) {
            double sigma = sigmas[s];
            float scale = (float) (1 / Math.sqrt(sigma * sigma + 1));
            float[] in = new float[2 * n];
            for (int i = 0; i < n; i++) {
                in[i] = x[i] * scale;
                in[n + i] = x[i] * scale;
            }
            float[] eps = epsilon(in, new long[] {2, 4, lh, lw}, (float) timesteps[s], hidden);
            float dt = (float) (sigmas[s + 1] - sigma);
            for (int i = 0; i < n; i++) {
                float e = eps[i] + guidance * (eps[n + i] - eps[i]);
                x[i] += dt * e;
            }
        }
        return x;
    }

    /** VAE-decodes UNet-scaled latents [1, 4, lh, lw] to an image. */
    BufferedImage decode(float[] latents, int lh, int lw) throws OrtException {
        float[] z = latents.clone();
        for (int i = 0; i < z.length; i++) {
            z[i] /= LatentCodec.SCALING_FACTOR;
        }
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[] {1, 4, lh, lw});
             OrtSession.Result r = decoder.run(Map.of("latent_sample", t))) {
            float[] rgb = flat((OnnxTensor) r.get(0));
            int h = lh * 8;
            int w = lw * 8;
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int p = y * w + xx;
                    image.setRGB(xx, y, (byte255(rgb[p]) << 16) | (byte255(rgb[h * w + p]) << 8) | byte255(rgb[2 * h * w + p]));
                }
            }
            return image;
        }
    }

    private static int byte255(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1) * 127.5f)));
    }

    private static float[] flat(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public void close() throws OrtException {
        textEncoder.close();
        unet.close();
        decoder.close();
    }
}
