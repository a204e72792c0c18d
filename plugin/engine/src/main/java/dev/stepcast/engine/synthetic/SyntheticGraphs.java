package dev.stepcast.engine.synthetic;

import dev.stepcast.engine.onnx.GraphBuilder;
import dev.stepcast.engine.synthetic.SyntheticOptions.TimestepInput;
import dev.stepcast.engine.synthetic.SyntheticOptions.VaeEncoderOutput;

/**
 * The SD-shaped ONNX graphs {@link SyntheticModelWriter} writes. They compute simple, exactly known functions, so a
 * test can recompute every number the pipeline should produce (all internal math in float32):
 * <ul>
 * <li>text encoder: {@code h[b, s, d] = input_ids[b, s] · ID_SCALE · (d + 1) / D} ({@code last_hidden_state}),
 *     plus {@code pooler_output} = mean over s;</li>
 * <li>UNet: {@code ε = SAMPLE_GAIN · sample + TIMESTEP_GAIN · t / 1000 + TEXT_GAIN · mean(h[b]) +
 *     GUIDANCE_GAIN · mean(timestep_cond[b])} (the last term only for LCM UNets);</li>
 * <li>VAE decoder: {@code image[r] = Σ_c DECODER[r][c] · z[c]}, upsampled 8× nearest;</li>
 * <li>VAE encoder: the 8×8 average of each RGB channel into latent channels 0–2 (others 0); the
 *     {@code latent_parameters} form appends a log-variance of −3;</li>
 * <li>tiny decoder (TAESD-format): the VAE decoder's image mapped to [0, 1] ({@code x/2 + 0.5}).</li>
 * </ul>
 * The UNet keeps its gains in {@code unet/weights.pb} (ONNX external data), so it loads only by path.
 * Extra "cost" layers (3×3 convolutions or matrix products) add {@code 0 × mean(…)} to the result: real compute,
 * unchanged numbers.
 *
 * <p><b>Threads:</b> stateless.
 */
public final class SyntheticGraphs {

    public static final float ID_SCALE = 1f / 49408f;
    public static final float SAMPLE_GAIN = 0.1f;
    public static final float TIMESTEP_GAIN = 0.05f;
    public static final float TEXT_GAIN = 0.5f;
    public static final float GUIDANCE_GAIN = 0.01f;
    public static final float LOGVAR = -3f;
    /** The UNet's external weights file, beside {@code unet/model.onnx}. */
    public static final String UNET_WEIGHTS = "weights.pb";

    private static final int F32 = GraphBuilder.FLOAT;

    private SyntheticGraphs() {
    }

    /** The decoder's latent→RGB weights {@code [3][C]}: identity on channels 0–2, 0.1 from channel 3. */
    public static float[][] decoderMatrix(int channels) {
        float[][] m = new float[3][channels];
        for (int r = 0; r < 3; r++) {
            m[r][r] = 1f;
            m[r][3 % channels] += channels > 3 ? 0.1f : 0f;
        }
        return m;
    }

    static GraphBuilder textEncoder(SyntheticOptions o) {
        int d = o.hiddenSize();
        GraphBuilder g = new GraphBuilder("text_encoder");
        g.input("input_ids", o.int64Ids() ? GraphBuilder.INT64 : GraphBuilder.INT32, "batch", "sequence");
        float[] w = new float[d];
        for (int i = 0; i < d; i++) {
            w[i] = ID_SCALE * (i + 1) / d;
        }
        g.initializer("id_weights", w, d);
        g.initializer("axis2", new long[] {2}, 1);
        g.op("Cast", "ids_f", new String[] {"input_ids"}, "to", F32);
        g.op("Unsqueeze", "ids_u", new String[] {"ids_f", "axis2"});
        String h = g.op("Mul", "hidden", new String[] {"ids_u", "id_weights"});
        h = addCost(g, h, matMulCost(g, h, d, o.textEncoderCost(), o.costWidth()));
        g.op("ReduceMean", "pooled", new String[] {h}, "axes", new long[] {1}, "keepdims", 0);
        output(g, o, h, "last_hidden_state", "batch", "sequence", d);
        output(g, o, "pooled", "pooler_output", "batch", d);
        return g;
    }

    static GraphBuilder unet(SyntheticOptions o) {
        return unet(o, 0);
    }

    /**
     * The UNet with {@code downStages} SD-shaped skip connections on top: the latents max-pooled by 2 that many times,
     * upsampled back (nearest) and concatenated with themselves on the channel axis, as a real UNet's decoder joins
     * its skip connections. Like SD's UNet (3 stages) it then runs only on latent sides that are multiples of
     * {@code 2^downStages} (other sizes fail in the Concat: "Non concat axis dimensions must match"); the result adds
     * 0 × the joined tensor, so the prediction is the plain synthetic UNet's.
     */
    static GraphBuilder unet(SyntheticOptions o, int downStages) {
        int c = o.latentChannels();
        Object batch = o.unetBatch() == 0 ? "batch" : (Object) o.unetBatch();
        GraphBuilder g = new GraphBuilder("unet");
        int ft = floatType(o);
        g.input("sample", ft, batch, c, "height", "width");
        TimestepInput ts = o.timestep();
        boolean intT = ts == TimestepInput.INT64_ONE || ts == TimestepInput.INT64_SCALAR;
        int tType = intT ? GraphBuilder.INT64 : ft;
        switch (ts) {
            case FLOAT_SCALAR, INT64_SCALAR -> g.scalarInput("timestep", tType);
            case FLOAT_ONE, INT64_ONE -> g.input("timestep", tType, 1);
            case FLOAT_BATCH -> g.input("timestep", tType, batch);
        }
        g.input("encoder_hidden_states", ft, batch, o.dynamicSequence() ? "sequence" : (Object) 77, o.hiddenSize());
        g.initializer("shape4", new long[] {-1, 1, 1, 1}, 4);
        g.initializer("axis3", new long[] {3}, 1);
        // The UNet's weights live in unet/weights.pb (external data), as diffusers' convert script writes them.
        g.externalInitializer("a", new float[] {SAMPLE_GAIN}, UNET_WEIGHTS);
        g.externalInitializer("b", new float[] {TIMESTEP_GAIN / 1000f}, UNET_WEIGHTS);
        g.externalInitializer("g", new float[] {TEXT_GAIN}, UNET_WEIGHTS);
        g.op("Cast", "x", new String[] {"sample"}, "to", F32);
        g.op("Mul", "ax", new String[] {"x", "a"});
        g.op("Cast", "t", new String[] {"timestep"}, "to", F32);
        g.op("Reshape", "t4", new String[] {"t", "shape4"});
        g.op("Mul", "bt", new String[] {"t4", "b"});
        g.op("Cast", "hs", new String[] {"encoder_hidden_states"}, "to", F32);
        g.op("ReduceMean", "hm", new String[] {"hs"}, "axes", new long[] {1, 2}, "keepdims", 1);
        g.op("Unsqueeze", "hm4", new String[] {"hm", "axis3"});
        g.op("Mul", "ge", new String[] {"hm4", "g"});
        g.op("Add", "s1", new String[] {"ax", "bt"});
        String eps = g.op("Add", "s2", new String[] {"s1", "ge"});
        if (o.lcm()) {
            g.input("timestep_cond", ft, batch, o.guidanceEmbedDim());
            g.initializer("dg", new float[] {GUIDANCE_GAIN});
            g.op("Cast", "tc", new String[] {"timestep_cond"}, "to", F32);
            g.op("ReduceMean", "tcm", new String[] {"tc"}, "axes", new long[] {1}, "keepdims", 1);
            g.op("Reshape", "tc4", new String[] {"tcm", "shape4"});
            g.op("Mul", "dtc", new String[] {"tc4", "dg"});
            eps = g.op("Add", "s3", new String[] {eps, "dtc"});
        }
        eps = addCost(g, eps, convCost(g, "x", c, o.unetCost(), o.costWidth(), "unet"));
        if (downStages > 0) {
            String down = "x";
            for (int i = 0; i < downStages; i++) {
                down = g.op("MaxPool", "down" + i, new String[] {down}, "kernel_shape", new long[] {2, 2}, "strides",
                        new long[] {2, 2});
            }
            float factor = 1 << downStages;
            g.initializer("up_scales", new float[] {1f, 1f, factor, factor}, 4);
            String up = g.op("Resize", "skip_up", new String[] {down, "", "up_scales"}, "mode", "nearest");
            g.op("Concat", "skip_join", new String[] {"x", up}, "axis", 1);
            g.op("ReduceMean", "skip_mean", new String[] {"skip_join"}, "axes", new long[] {1}, "keepdims", 1);
            g.initializer("skip_zero", new float[] {0f});
            g.op("Mul", "skip_zeroed", new String[] {"skip_mean", "skip_zero"});
            eps = g.op("Add", "skip_added", new String[] {eps, "skip_zeroed"});
        }
        output(g, o, eps, "out_sample", batch, c, "height", "width");
        return g;
    }

    static GraphBuilder vaeDecoder(SyntheticOptions o, boolean tiny) {
        int c = o.latentChannels();
        GraphBuilder g = new GraphBuilder(tiny ? "taesd_decoder" : "vae_decoder");
        g.input("latent_sample", floatType(o), "batch", c, "latent_height", "latent_width");
        float[][] m = decoderMatrix(c);
        float[] w = new float[3 * c];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(m[r], 0, w, r * c, c);
        }
        g.initializer("decoder_w", w, 3, c, 1, 1);
        g.initializer("scales", new float[] {1, 1, 8, 8}, 4);
        g.op("Cast", "z", new String[] {"latent_sample"}, "to", F32);
        g.op("Conv", "rgb", new String[] {"z", "decoder_w"});
        String image = g.op("Resize", "up", new String[] {"rgb", "", "scales"}, "mode", "nearest");
        if (tiny) {
            g.initializer("half", new float[] {0.5f});
            g.op("Mul", "halved", new String[] {image, "half"});
            image = g.op("Add", "unit", new String[] {"halved", "half"});
        }
        int cost = tiny ? o.tinyDecoderCost() : o.vaeDecoderCost();
        image = addCost(g, image, convCost(g, image, 3, cost, o.costWidth(), "dec"));
        output(g, o, image, "sample", "batch", 3, "height", "width");
        return g;
    }

    static GraphBuilder vaeEncoder(SyntheticOptions o) {
        int c = o.latentChannels();
        GraphBuilder g = new GraphBuilder("vae_encoder");
        g.input("sample", floatType(o), "batch", 3, "height", "width");
        float[] w = new float[c * 3];
        for (int r = 0; r < 3; r++) {
            w[r * 3 + r] = 1f;
        }
        g.initializer("encoder_w", w, c, 3, 1, 1);
        g.op("Cast", "x", new String[] {"sample"}, "to", F32);
        g.op("AveragePool", "pooled", new String[] {"x"}, "kernel_shape", new long[] {8, 8}, "strides", new long[] {8, 8});
        String mean = g.op("Conv", "mean", new String[] {"pooled", "encoder_w"});
        if (o.vaeEncoder() == VaeEncoderOutput.LATENT_PARAMETERS) {
            g.initializer("zero", new float[] {0f});
            g.initializer("logvar", new float[] {LOGVAR});
            g.op("Mul", "zeros", new String[] {mean, "zero"});
            g.op("Add", "lv", new String[] {"zeros", "logvar"});
            g.op("Concat", "params", new String[] {mean, "lv"}, "axis", 1);
            output(g, o, "params", "latent_parameters", "batch", 2 * c, "latent_height", "latent_width");
        } else {
            output(g, o, mean, "latent_sample", "batch", c, "latent_height", "latent_width");
        }
        return g;
    }

    private static int floatType(SyntheticOptions o) {
        return o.fp16() ? GraphBuilder.FLOAT16 : F32;
    }

    private static void output(GraphBuilder g, SyntheticOptions o, String value, String name, Object... dims) {
        g.op("Cast", name, new String[] {value}, "to", floatType(o));
        g.output(name, floatType(o), dims);
    }

    /** {@code value + 0 × cost} (a scalar), or {@code value} when there is no cost branch. */
    private static String addCost(GraphBuilder g, String value, String costScalar) {
        if (costScalar == null) {
            return value;
        }
        String zero = costScalar + "_zero";
        g.initializer(zero, new float[] {0f});
        g.op("Mul", costScalar + "_x0", new String[] {costScalar, zero});
        return g.op("Add", value + "_plus_cost", new String[] {value, costScalar + "_x0"});
    }

    /** {@code layers} 3×3 convolutions (ReLU between) on {@code input} [N, channels, H, W]; their mean, or null. */
    private static String convCost(GraphBuilder g, String input, int channels, int layers, int width, String prefix) {
        if (layers <= 0) {
            return null;
        }
        String x = input;
        int in = channels;
        for (int l = 0; l < layers; l++) {
            String w = prefix + "_cost_w" + l;
            g.initializer(w, weights(width * in * 9, l), width, in, 3, 3);
            x = g.op("Conv", prefix + "_cost_conv" + l, new String[] {x, w}, "pads", new long[] {1, 1, 1, 1});
            x = g.op("Relu", prefix + "_cost_relu" + l, new String[] {x});
            in = width;
        }
        return g.op("ReduceMean", prefix + "_cost", new String[] {x}, "keepdims", 0);
    }

    /** {@code layers} matrix products on {@code input} [B, S, dim]; their mean, or null. */
    private static String matMulCost(GraphBuilder g, String input, int dim, int layers, int width) {
        if (layers <= 0) {
            return null;
        }
        String x = input;
        int in = dim;
        for (int l = 0; l < layers; l++) {
            String w = "text_cost_w" + l;
            g.initializer(w, weights(in * width, l), in, width);
            x = g.op("MatMul", "text_cost_mm" + l, new String[] {x, w});
            in = width;
        }
        return g.op("ReduceMean", "text_cost", new String[] {x}, "keepdims", 0);
    }

    private static float[] weights(int n, int layer) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.05 * Math.sin(0.37 * i + layer));
        }
        return w;
    }
}
