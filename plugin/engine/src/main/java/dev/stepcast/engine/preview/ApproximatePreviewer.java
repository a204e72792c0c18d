package dev.stepcast.engine.preview;

import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.io.RgbImages;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The cheapest preview: a {@link LatentRgbMap} applied to every latent cell of x0, giving an image at latent
 * resolution ({@code w × h} cells, e.g. 64×64 for 512×512) that the view scales up smoothly. It costs about a dozen
 * multiply-adds per cell, so it runs inline on the sampling thread (the bench measures it; see the README).
 *
 * <p><b>Threads:</b> stateless apart from the immutable map; any thread, also concurrently.
 */
public final class ApproximatePreviewer implements LatentPreviewer {

    private final LatentRgbMap map;

    public ApproximatePreviewer(LatentRgbMap map) {
        this.map = map;
    }

    /** The map in use. */
    public LatentRgbMap map() {
        return map;
    }

    /**
     * @param x0 {@code [1, C, h, w]} (or {@code [C, h, w]}) in the UNet's scaling; C must equal the map's channels
     * @return an {@code w × h} TYPE_INT_RGB image; colours {@code clamp((rgb + 1) / 2)}
     */
    @Override
    public BufferedImage preview(FloatTensor x0) {
        int rank = x0.rank();
        if ((rank != 4 && rank != 3) || (rank == 4 && x0.dim(0) < 1)) {
            throw new IllegalArgumentException("expected latents [1, C, h, w], got " + x0);
        }
        int channels = x0.dim(rank - 3);
        int h = x0.dim(rank - 2);
        int w = x0.dim(rank - 1);
        if (channels != map.channels()) {
            throw new IllegalArgumentException("latents " + x0 + " have " + channels + " channels, the map reads "
                    + map.channels());
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        mapInto(x0.buffer(), channels, h * w, pixels);
        return image;
    }

    private void mapInto(FloatBuffer latents, int channels, int plane, int[] pixels) {
        float[] r = new float[plane];
        float[] g = new float[plane];
        float[] b = new float[plane];
        Arrays.fill(r, map.bias(0));
        Arrays.fill(g, map.bias(1));
        Arrays.fill(b, map.bias(2));
        // Channel-major accumulation: reads the NCHW buffer sequentially, one plane at a time.
        for (int c = 0; c < channels; c++) {
            float wr = map.weight(c, 0);
            float wg = map.weight(c, 1);
            float wb = map.weight(c, 2);
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                float v = latents.get(base + i);
                r[i] += v * wr;
                g[i] += v * wg;
                b[i] += v * wb;
            }
        }
        for (int i = 0; i < plane; i++) {
            pixels[i] = RgbImages.byteOf(r[i], -1f) << 16 | RgbImages.byteOf(g[i], -1f) << 8
                    | RgbImages.byteOf(b[i], -1f);
        }
    }

    @Override
    public String name() {
        return "approximate";
    }

    @Override
    public void close() {
        // nothing native
    }
}
