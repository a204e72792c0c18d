package dev.stepcast.engine.demo;

import dev.stepcast.engine.onnx.GraphBuilder;
import java.util.Random;

/**
 * The demo model's VAE decoder: {@code latent_sample} [batch, 4, height, width] (latents ÷ scaling factor, as
 * pipelines pass them) → {@code sample} [batch, 3, 8·height, 8·width] in [-1, 1] (not clipped, like SD's VAE).
 * A smooth bicubic upsampling of all four channels (no blocks, no seams), the exact linear colour map of
 * {@link LatentCodec#rgbMatrix()} as a 1×1 convolution, plus grain: channel 3 (local contrast) times a fixed,
 * seamlessly tiled, zero-mean texture, added equally to R, G and B.
 *
 * <p><b>Threads:</b> stateless; safe to call from several threads.
 */
final class DemoDecoderGraph {

    static final int GRAIN_TILE = 64;

    private DemoDecoderGraph() {
    }

    static GraphBuilder build() {
        int c = LatentCodec.CHANNELS;
        float sf = LatentCodec.SCALING_FACTOR;
        GraphBuilder g = new GraphBuilder("stepcast_demo_vae_decoder");
        g.input("latent_sample", GraphBuilder.FLOAT, "batch", c, "height", "width");
        g.output("sample", GraphBuilder.FLOAT, "batch", 3, "image_height", "image_width");
        double[][] rows = LatentCodec.rgbMatrix();
        float[] weights = new float[3 * c];
        for (int k = 0; k < 3; k++) {
            for (int ch = 0; ch < c; ch++) {
                weights[k * c + ch] = (float) (rows[ch][k] * sf); // input is latents / sf
            }
        }
        g.initializer("rgb_weight", weights, 3, c, 1, 1);
        g.initializer("rgb_bias", new float[3], 3);
        g.initializer("grain_tile", grainTile(), 1, 1, GRAIN_TILE, GRAIN_TILE);
        g.initializer("grain_gain", new float[] {(float) (sf * LatentCodec.GRAIN_STRENGTH / LatentCodec.GRAIN_SCALE)}, 1);
        g.initializer("i_0", new long[] {0}, 1);
        g.initializer("i_1", new long[] {1}, 1);
        g.initializer("i_2", new long[] {2}, 1);
        g.initializer("i_3", new long[] {3}, 1);
        g.initializer("i_4", new long[] {4}, 1);
        g.initializer("i_8", new long[] {8}, 1);
        g.initializer("axes_hw", new long[] {2, 3}, 2);
        g.initializer("zeros_hw", new long[] {0, 0}, 2);
        g.initializer("tile_lead", new long[] {1, 1}, 2);
        g.initializer("tile_round", new long[] {GRAIN_TILE - 1}, 1);
        g.initializer("tile_size", new long[] {GRAIN_TILE}, 1);

        String shape = g.op("Shape", "z_shape", new String[] {"latent_sample"});
        String lead = g.op("Slice", "z_lead", new String[] {shape, "i_0", "i_2"});
        String hw8 = g.op("Mul", "hw8", new String[] {g.op("Slice", "z_hw", new String[] {shape, "i_2", "i_4"}), "i_8"});
        String sizes = g.op("Concat", "up_sizes", new String[] {lead, hw8}, "axis", 0);
        String up = g.op("Resize", "up", new String[] {"latent_sample", "", "", sizes}, "mode", "cubic",
                "cubic_coeff_a", -0.5f, "coordinate_transformation_mode", "half_pixel");
        String rgb = g.op("Conv", "rgb", new String[] {up, "rgb_weight", "rgb_bias"});
        // grain: tile the texture over the image, crop, modulate by channel 3
        String repeats = g.op("Concat", "tile_repeats", new String[] {"tile_lead",
            g.op("Div", "tile_count", new String[] {g.op("Add", "hw8_round", new String[] {hw8, "tile_round"}),
                "tile_size"})}, "axis", 0);
        String tiled = g.op("Tile", "grain_tiled", new String[] {"grain_tile", repeats});
        String grain = g.op("Slice", "grain", new String[] {tiled, "zeros_hw", hw8, "axes_hw"});
        String contrast = g.op("Slice", "contrast", new String[] {up, "i_3", "i_4", "i_1"});
        String texture = g.op("Mul", "texture", new String[] {g.op("Mul", "contrast_grain",
            new String[] {contrast, grain}), "grain_gain"});
        g.op("Add", "sample", new String[] {rgb, texture});
        return g;
    }

    /**
     * A 64×64 periodic texture: white noise softened by a wrap-around 3×3 blur, with the mean of every 8×8 cell
     * removed (so it adds nothing at latent resolution) and unit standard deviation.
     */
    static float[] grainTile() {
        int n = GRAIN_TILE;
        Random random = new Random(20261125L);
        double[] noise = new double[n * n];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        double[] soft = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        s += noise[Math.floorMod(y + dy, n) * n + Math.floorMod(x + dx, n)] * (dx == 0 && dy == 0 ? 2 : 1);
                    }
                }
                soft[y * n + x] = s;
            }
        }
        int cell = LatentCodec.DOWNSCALE;
        for (int cy = 0; cy < n; cy += cell) {
            for (int cx = 0; cx < n; cx += cell) {
                double mean = 0;
                for (int y = cy; y < cy + cell; y++) {
                    for (int x = cx; x < cx + cell; x++) {
                        mean += soft[y * n + x];
                    }
                }
                mean /= cell * cell;
                for (int y = cy; y < cy + cell; y++) {
                    for (int x = cx; x < cx + cell; x++) {
                        soft[y * n + x] -= mean;
                    }
                }
            }
        }
        double var = 0;
        for (double v : soft) {
            var += v * v;
        }
        double scale = 1 / Math.sqrt(var / soft.length);
        float[] out = new float[n * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (soft[i] * scale);
        }
        return out;
    }
}
