package dev.stepcast.engine.demo;

import dev.stepcast.engine.onnx.GraphBuilder;

/**
 * The demo model's VAE encoder: {@code sample} [batch, 3, height, width] in [-1, 1] → {@code latent_sample}
 * [batch, 4, height/8, width/8], unscaled (pipelines multiply by the scaling factor, as for SD's VAE). It is
 * {@link LatentCodec#encode} as a graph: 8×8 average pooling, the linear colour map to luma / warm–cool /
 * green–magenta, and the local luma contrast (standard deviation inside each 8×8 cell) as channel 3.
 *
 * <p><b>Threads:</b> stateless; safe to call from several threads.
 */
final class DemoEncoderGraph {

    private DemoEncoderGraph() {
    }

    static GraphBuilder build() {
        float inv = 1f / LatentCodec.SCALING_FACTOR;
        int block = LatentCodec.DOWNSCALE;
        GraphBuilder g = new GraphBuilder("stepcast_demo_vae_encoder");
        g.input("sample", GraphBuilder.FLOAT, "batch", 3, "height", "width");
        g.output("latent_sample", GraphBuilder.FLOAT, "batch", LatentCodec.CHANNELS, "latent_height", "latent_width");
        g.initializer("colour_weight", colourWeights(inv), 3, 3, 1, 1);
        g.initializer("luma_weight", new float[] {0.299f, 0.587f, 0.114f}, 1, 3, 1, 1);
        g.initializer("block_scales", new float[] {1, 1, block, block}, 4);
        g.initializer("contrast_gain", new float[] {(float) LatentCodec.GRAIN_SCALE * inv}, 1);

        Object[] pool = {"kernel_shape", new long[] {block, block}, "strides", new long[] {block, block}};
        String mean = g.op("AveragePool", "cell_mean", new String[] {"sample"}, pool);
        String colour = g.op("Conv", "colour", new String[] {mean, "colour_weight"});
        String luma = g.op("Conv", "luma", new String[] {"sample", "luma_weight"});
        String lumaMean = g.op("AveragePool", "luma_mean", new String[] {luma}, pool);
        // variance as the mean of squared deviations (not E[x²] − E[x]², whose float32 cancellation the square root
        // would magnify in flat cells)
        String lumaMeanUp = g.op("Resize", "luma_mean_up", new String[] {lumaMean, "", "block_scales"},
                "mode", "nearest");
        String deviation = g.op("Sub", "luma_dev", new String[] {luma, lumaMeanUp});
        String variance = g.op("AveragePool", "luma_var", new String[] {
            g.op("Mul", "luma_dev_sq", new String[] {deviation, deviation})}, pool);
        String std = g.op("Sqrt", "luma_std", new String[] {variance});
        String contrast = g.op("Mul", "contrast", new String[] {std, "contrast_gain"});
        g.op("Concat", "latent_sample", new String[] {colour, contrast}, "axis", 1);
        return g;
    }

    /** The encoder's 3×3 map [luma; R − B; G − (R + B)/2] with its scales, divided by the scaling factor. */
    private static float[] colourWeights(float inv) {
        double l = LatentCodec.LUMA_SCALE;
        double w = LatentCodec.WARM_SCALE;
        double gr = LatentCodec.GREEN_SCALE;
        double[] rows = {
            l * 0.299, l * 0.587, l * 0.114,
            w, 0, -w,
            -0.5 * gr, gr, -0.5 * gr,
        };
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = (float) (rows[i] * inv);
        }
        return out;
    }
}
