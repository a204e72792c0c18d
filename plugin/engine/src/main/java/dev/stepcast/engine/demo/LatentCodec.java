package dev.stepcast.engine.demo;

import java.awt.image.BufferedImage;

/**
 * The demo model's latent space: 4 channels at 1/8 of the image resolution, like Stable Diffusion's.
 *
 * <p>Encoding (training only, in Java): the image in [-1, 1] is area-averaged over the pixels of each latent cell,
 * then mapped linearly to channel 0 = luma, 1 = warm–cool (R − B), 2 = green–magenta (G − (R + B)/2), each scaled so
 * the renders' latents have a spread near 1 like SD's scaled latents; channel 3 = local contrast (standard deviation
 * of the luma inside the cell), which the decoder turns into fine grain texture (stars, foliage, sand, sparkle).
 * Latents here are always the UNet-scaled ones; the VAE decoder graph receives them divided by
 * {@link #SCALING_FACTOR}, as every SD pipeline does.
 *
 * <p>Decoding at latent resolution is the exact linear map {@link #rgbMatrix()} + bias 0 (written to
 * {@code latent_rgb.json}); the decoder graph applies the same map after a smooth cubic upsampling and adds the
 * zero-mean grain of channel 3.
 *
 * <p><b>Threads:</b> stateless; safe to share.
 */
final class LatentCodec {

    /** Latent cells per image side unit: a latent cell covers 8×8 image pixels. */
    static final int DOWNSCALE = 8;
    static final int CHANNELS = 4;
    /** {@code vae_decoder/config.json} scaling factor (SD1.x's value, so SD-minded tools see familiar numbers). */
    static final float SCALING_FACTOR = 0.18215f;

    static final double LUMA_SCALE = 1.6;
    static final double WARM_SCALE = 2.0;
    static final double GREEN_SCALE = 3.0;
    static final double GRAIN_SCALE = 6.0;
    /** How much of the encoded local contrast the decoder puts back as grain (below 1: softer pictures). */
    static final double GRAIN_STRENGTH = 0.35;

    private LatentCodec() {
    }

    /**
     * Encodes a square render whose side is a multiple of {@code latentSize} into {@code [4, latentSize,
     * latentSize]} row-major latents (UNet-scaled).
     */
    static float[] encode(BufferedImage image, int latentSize) {
        int block = image.getWidth() / latentSize;
        int plane = latentSize * latentSize;
        float[] latents = new float[CHANNELS * plane];
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        double n = block * block;
        for (int ly = 0; ly < latentSize; ly++) {
            for (int lx = 0; lx < latentSize; lx++) {
                double r = 0;
                double g = 0;
                double b = 0;
                double yy = 0;
                for (int y = ly * block; y < (ly + 1) * block; y++) {
                    for (int x = lx * block; x < (lx + 1) * block; x++) {
                        int p = rgb[y * image.getWidth() + x];
                        double pr = ((p >> 16) & 255) / 127.5 - 1;
                        double pg = ((p >> 8) & 255) / 127.5 - 1;
                        double pb = (p & 255) / 127.5 - 1;
                        double luma = 0.299 * pr + 0.587 * pg + 0.114 * pb;
                        r += pr;
                        g += pg;
                        b += pb;
                        yy += luma * luma;
                    }
                }
                r /= n;
                g /= n;
                b /= n;
                double luma = 0.299 * r + 0.587 * g + 0.114 * b;
                double contrast = Math.sqrt(Math.max(0, yy / n - luma * luma));
                int i = ly * latentSize + lx;
                latents[i] = (float) (LUMA_SCALE * luma);
                latents[plane + i] = (float) (WARM_SCALE * (r - b));
                latents[2 * plane + i] = (float) (GREEN_SCALE * (g - 0.5 * (r + b)));
                latents[3 * plane + i] = (float) (GRAIN_SCALE * contrast);
            }
        }
        return latents;
    }

    /**
     * The exact latent → RGB map at latent resolution: {@code rgb[k] = Σ_c matrix[c][k] · latent[c]} in [-1, 1]
     * (rows per latent channel, as {@code latent_rgb.json} stores it). Channel 3 (grain) has a zero row: its texture
     * averages to zero over a latent cell.
     */
    static double[][] rgbMatrix() {
        // Inverse of the encoder's 3×3 colour map [luma; R−B; G−(R+B)/2] with its scales.
        double[][] a = {
            {LUMA_SCALE * 0.299, LUMA_SCALE * 0.587, LUMA_SCALE * 0.114},
            {WARM_SCALE, 0, -WARM_SCALE},
            {-0.5 * GREEN_SCALE, GREEN_SCALE, -0.5 * GREEN_SCALE},
        };
        double[][] inv = invert3(a);
        double[][] rows = new double[CHANNELS][3];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 3; k++) {
                rows[c][k] = inv[k][c];
            }
        }
        return rows;
    }

    private static double[][] invert3(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2];
        double d = m[1][0], e = m[1][1], f = m[1][2];
        double g = m[2][0], h = m[2][1], i = m[2][2];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[][] {
            {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
            {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
            {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det},
        };
    }
}
