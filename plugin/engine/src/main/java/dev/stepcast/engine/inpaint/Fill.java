package dev.stepcast.engine.inpaint;

import java.awt.image.BufferedImage;

/**
 * A1111's "fill" masked content, done our own way: every pixel under the mask takes the colour of the kept pixels
 * around it, by normalised box blurs from coarse to fine (the finest blur that reaches a pixel wins), blended with
 * the original by the mask's level.
 *
 * <p><b>Threads:</b> stateless.
 */
final class Fill {

    private static final int[] RADII = {128, 64, 32, 16, 8, 4, 2};

    private Fill() {
    }

    /** {@code image} with the area under {@code mask} (row-major, [0, 1], same size) filled from its surroundings. */
    static BufferedImage fill(BufferedImage image, float[] mask) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] known = new float[w * h];
        float[][] weighted = new float[3][w * h];
        double[] mean = new double[3];
        double count = 0;
        for (int i = 0; i < rgb.length; i++) {
            known[i] = mask[i] < 0.5f ? 1f : 0f;
            for (int c = 0; c < 3; c++) {
                float v = (rgb[i] >> (16 - 8 * c)) & 0xff;
                weighted[c][i] = v * known[i];
                mean[c] += v * known[i];
            }
            count += known[i];
        }
        float[][] fill = new float[3][w * h];
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(fill[c], count > 0 ? (float) (mean[c] / count) : 127.5f);
        }
        for (int radius : RADII) {
            float[] den = boxBlur(known, w, h, radius);
            float[][] num = new float[3][];
            for (int c = 0; c < 3; c++) {
                num[c] = boxBlur(weighted[c], w, h, radius);
            }
            for (int i = 0; i < den.length; i++) {
                if (den[i] > 1e-6f) {
                    for (int c = 0; c < 3; c++) {
                        fill[c][i] = num[c][i] / den[i];
                    }
                }
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] result = new int[w * h];
        for (int i = 0; i < result.length; i++) {
            float m = mask[i];
            int p = 0;
            for (int c = 0; c < 3; c++) {
                float v = ((rgb[i] >> (16 - 8 * c)) & 0xff) * (1 - m) + fill[c][i] * m;
                p |= Math.max(0, Math.min(255, Math.round(v))) << (16 - 8 * c);
            }
            result[i] = p;
        }
        out.setRGB(0, 0, w, h, result, 0, w);
        return out;
    }

    /** Mean over a (2r+1)² box, edges clipped (running sums: the cost does not grow with r). */
    private static float[] boxBlur(float[] in, int w, int h, int r) {
        float[] tmp = new float[in.length];
        for (int y = 0; y < h; y++) {
            double acc = 0;
            int row = y * w;
            for (int x = 0; x <= Math.min(w - 1, r); x++) {
                acc += in[row + x];
            }
            for (int x = 0; x < w; x++) {
                tmp[row + x] = (float) acc;
                int add = x + r + 1;
                int drop = x - r;
                if (add < w) {
                    acc += in[row + add];
                }
                if (drop >= 0) {
                    acc -= in[row + drop];
                }
            }
        }
        float[] out = new float[in.length];
        for (int x = 0; x < w; x++) {
            double acc = 0;
            for (int y = 0; y <= Math.min(h - 1, r); y++) {
                acc += tmp[y * w + x];
            }
            for (int y = 0; y < h; y++) {
                out[y * w + x] = (float) acc;
                int add = y + r + 1;
                int drop = y - r;
                if (add < h) {
                    acc += tmp[add * w + x];
                }
                if (drop >= 0) {
                    acc -= tmp[drop * w + x];
                }
            }
        }
        return out;
    }
}
