package dev.stepcast.engine.onnx;

import dev.stepcast.engine.io.RgbImages;
import java.awt.image.BufferedImage;

/**
 * Images to and from the VAE's pixel tensors: {@code [1, 3, H, W]} planar RGB in [-1, 1].
 * Decoding follows diffusers: {@code (x / 2 + 0.5)} clamped to [0, 1], × 255, rounded.
 *
 * <p><b>Threads:</b> stateless; thread-safe (java.awt.image only, no Swing).
 */
public final class ImageConversion {

    private ImageConversion() {
    }

    /** {@code [1, 3, height, width]} in [-1, 1] → TYPE_INT_RGB image. */
    public static BufferedImage toImage(float[] chw, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        int[] row = new int[width];
        java.awt.image.WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            int at = y * width;
            for (int x = 0; x < width; x++, at++) {
                row[x] = (channel(chw[at]) << 16) | (channel(chw[plane + at]) << 8) | channel(chw[2 * plane + at]);
            }
            // the raster's bulk copy, a row at a time: setRGB converts every pixel through the colour model (~4×
            // slower at 512², cold), and a whole-image int[] would be 1 MiB of garbage per picture at 512²
            raster.setDataElements(0, y, width, 1, row);
        }
        return image;
    }

    /** An image (resized to {@code width × height} with bicubic filtering if needed) → {@code [1, 3, H, W]} in [-1, 1]. */
    public static float[] fromImage(BufferedImage source, int width, int height) {
        BufferedImage image = RgbImages.sized(source, width, height);
        int plane = width * height;
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            out[i] = ((rgb[i] >> 16) & 0xff) / 127.5f - 1f;
            out[plane + i] = ((rgb[i] >> 8) & 0xff) / 127.5f - 1f;
            out[2 * plane + i] = (rgb[i] & 0xff) / 127.5f - 1f;
        }
        return out;
    }

    private static int channel(float x) {
        float v = Math.min(1f, Math.max(0f, x / 2f + 0.5f));
        return Math.round(v * 255f);
    }
}
