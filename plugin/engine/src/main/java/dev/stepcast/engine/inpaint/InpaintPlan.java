package dev.stepcast.engine.inpaint;

import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.io.RgbImages;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * One inpainting job in pixels, before and after the model: the mask scaled to the source and blurred, the region the
 * model works on (the whole source, or the mask's bounding box plus padding grown to the model's aspect ratio, as
 * A1111's "inpaint at full resolution" crops it), the model's input image and mask at the model's size, and the
 * compositing of the model's output back into the source through the blurred mask.
 *
 * <p>The blurred mask is kept as bytes (0–255, like the mask picture a user sees); a source pixel whose mask byte is 0
 * is copied unchanged, so everything outside the mask and its blur band is the source's own, byte for byte.
 *
 * <p><b>Threads:</b> immutable after {@link #prepare}; thread-safe (java.awt.image only, no Swing).
 */
public final class InpaintPlan {

    private final BufferedImage source;
    private final int sourceWidth;
    private final int sourceHeight;
    private final byte[] softMask;
    private final Rectangle region;
    private final int width;
    private final int height;
    private final BufferedImage modelImage;
    private final float[] modelMask;

    private InpaintPlan(BufferedImage source, byte[] softMask, Rectangle region, int width, int height,
                        BufferedImage modelImage, float[] modelMask) {
        this.source = source;
        this.sourceWidth = source.getWidth();
        this.sourceHeight = source.getHeight();
        this.softMask = softMask;
        this.region = region;
        this.width = width;
        this.height = height;
        this.modelImage = modelImage;
        this.modelMask = modelMask;
    }

    /**
     * Plans inpainting {@code source} with {@code options} on a model working at {@code width × height}.
     *
     * @throws IllegalArgumentException if the mask repaints nothing ({@link #isEmptyMask})
     */
    public static InpaintPlan prepare(BufferedImage source, InpaintOptions options, int width, int height) {
        int w = source.getWidth();
        int h = source.getHeight();
        float[] levels = resample(levels(options.mask()), options.mask().getWidth(), options.mask().getHeight(), w, h);
        float[] blurred = options.maskBlur() > 0 ? blur(levels, w, h, options.maskBlur()) : levels;
        byte[] soft = new byte[w * h];
        for (int i = 0; i < soft.length; i++) {
            soft[i] = (byte) Math.round(Math.max(0f, Math.min(1f, blurred[i])) * 255f);
        }
        Rectangle bounds = bounds(soft, w, h);
        if (bounds == null) {
            throw new IllegalArgumentException("the mask is empty: nothing to repaint");
        }
        Rectangle region = options.area() == InpaintOptions.Area.WHOLE ? new Rectangle(0, 0, w, h)
                : cropRegion(bounds, options.padding(), w, h, width, height);
        BufferedImage crop = RgbImages.sized(source.getSubimage(region.x, region.y, region.width, region.height),
                width, height);
        float[] regionMask = new float[region.width * region.height];
        for (int y = 0; y < region.height; y++) {
            for (int x = 0; x < region.width; x++) {
                regionMask[y * region.width + x] = (soft[(region.y + y) * w + region.x + x] & 0xff) / 255f;
            }
        }
        float[] modelMask = resample(regionMask, region.width, region.height, width, height);
        if (options.maskedContent() == InpaintOptions.MaskedContent.FILL) {
            crop = Fill.fill(crop, modelMask);
        }
        return new InpaintPlan(source, soft, region, width, height, crop, modelMask);
    }

    /** Whether {@code mask} repaints nothing (every level 0). */
    public static boolean isEmptyMask(BufferedImage mask) {
        for (float v : levels(mask)) {
            if (v > 0f) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code mask} repaints everything (every level 255): inpainting is then image to image. */
    public static boolean isFullMask(BufferedImage mask) {
        for (float v : levels(mask)) {
            if (v < 1f) {
                return false;
            }
        }
        return true;
    }

    /** The region of the source the model works on, in source pixels. */
    public Rectangle region() {
        return new Rectangle(region);
    }

    /** The model's input image: the region resized to the model's size (filled inside the mask for "fill"). */
    public BufferedImage modelImage() {
        return modelImage;
    }

    /** The blurred mask at the model's size, row-major, in [0, 1]. */
    public float[] modelMask() {
        return modelMask.clone();
    }

    /**
     * The mask at latent resolution ({@code width/8 × height/8}), binarised: a latent is repainted when the mean of its
     * 8×8 pixels' mask is at least 0.5 (diffusers binarises at 0.5 and resizes to the latent size).
     */
    public float[] latentMask() {
        int lw = width / 8;
        int lh = height / 8;
        float[] out = new float[lw * lh];
        for (int y = 0; y < lh; y++) {
            for (int x = 0; x < lw; x++) {
                float sum = 0;
                for (int dy = 0; dy < 8; dy++) {
                    for (int dx = 0; dx < 8; dx++) {
                        sum += modelMask[(y * 8 + dy) * width + x * 8 + dx];
                    }
                }
                out[y * lw + x] = sum / 64f >= 0.5f ? 1f : 0f;
            }
        }
        return out;
    }

    /** The model's input in [-1, 1] planar RGB with every pixel whose mask is ≥ 0.5 set to 0 (diffusers' masked image). */
    public float[] maskedModelPixels(float[] chw) {
        float[] out = chw.clone();
        int plane = width * height;
        for (int i = 0; i < plane; i++) {
            if (modelMask[i] >= 0.5f) {
                out[i] = 0f;
                out[plane + i] = 0f;
                out[2 * plane + i] = 0f;
            }
        }
        return out;
    }

    /** The blurred mask at the source's size, TYPE_BYTE_GRAY (0 keep, 255 repaint). */
    public BufferedImage softMask() {
        BufferedImage out = new BufferedImage(sourceWidth, sourceHeight, BufferedImage.TYPE_BYTE_GRAY);
        out.getRaster().setDataElements(0, 0, sourceWidth, sourceHeight, softMask.clone());
        return out;
    }

    /** The model's working size. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * The picture as it will be: {@code decoded} (the model's output, any size: it is resized to the region) blended
     * into the source through the blurred mask. The result has the source's size; pixels whose mask byte is 0 are the
     * source's own. TYPE_INT_ARGB if the source has alpha (kept from the source), else TYPE_INT_RGB.
     */
    public BufferedImage composite(BufferedImage decoded) {
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(sourceWidth, sourceHeight,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] src = source.getRGB(0, 0, sourceWidth, sourceHeight, null, 0, sourceWidth);
        int[] gen = generatedInRegion(decoded);
        for (int y = 0; y < region.height; y++) {
            for (int x = 0; x < region.width; x++) {
                int i = (region.y + y) * sourceWidth + region.x + x;
                int m = softMask[i] & 0xff;
                if (m != 0) {
                    src[i] = (src[i] & 0xff000000) | (blend(src[i], gen[y * region.width + x], m) & 0xffffff);
                }
            }
        }
        out.setRGB(0, 0, sourceWidth, sourceHeight, src, 0, sourceWidth);
        return out;
    }

    /**
     * Only the repainted part, as a layer to lay over the source: the source's size, TYPE_INT_ARGB, the model's colours
     * with the blurred mask as alpha (fully transparent where nothing is repainted).
     */
    public BufferedImage maskedLayer(BufferedImage decoded) {
        BufferedImage out = new BufferedImage(sourceWidth, sourceHeight, BufferedImage.TYPE_INT_ARGB);
        int[] pixels = new int[sourceWidth * sourceHeight];
        int[] gen = generatedInRegion(decoded);
        for (int y = 0; y < region.height; y++) {
            for (int x = 0; x < region.width; x++) {
                int i = (region.y + y) * sourceWidth + region.x + x;
                int m = softMask[i] & 0xff;
                if (m != 0) {
                    pixels[i] = (m << 24) | (gen[y * region.width + x] & 0xffffff);
                }
            }
        }
        out.setRGB(0, 0, sourceWidth, sourceHeight, pixels, 0, sourceWidth);
        return out;
    }

    /** The bounding box of the blurred mask's non-zero pixels, in source pixels. */
    public Rectangle maskBounds() {
        return bounds(softMask, sourceWidth, sourceHeight);
    }

    /**
     * The repainted part of a finished {@link #composite} as a layer cropped to {@link #maskBounds()}: TYPE_INT_ARGB,
     * the blurred mask as alpha (transparent where nothing was repainted), colours such that the layer laid over the
     * source gives the composite back (within rounding): where the mask is soft the source's share is taken out again.
     */
    public BufferedImage layerFromComposite(BufferedImage composite) {
        Rectangle b = maskBounds();
        BufferedImage out = new BufferedImage(b.width, b.height, BufferedImage.TYPE_INT_ARGB);
        int[] src = source.getRGB(b.x, b.y, b.width, b.height, null, 0, b.width);
        int[] comp = composite.getRGB(b.x, b.y, b.width, b.height, null, 0, b.width);
        int[] pixels = new int[b.width * b.height];
        for (int y = 0; y < b.height; y++) {
            for (int x = 0; x < b.width; x++) {
                int i = y * b.width + x;
                int m = softMask[(b.y + y) * sourceWidth + b.x + x] & 0xff;
                if (m == 0) {
                    continue;
                }
                int rgb = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int c = (comp[i] >> shift) & 0xff;
                    int s = (src[i] >> shift) & 0xff;
                    int g = Math.round((c * 255f - s * (255 - m)) / m);
                    rgb |= Math.max(0, Math.min(255, g)) << shift;
                }
                pixels[i] = (m << 24) | rgb;
            }
        }
        out.setRGB(0, 0, b.width, b.height, pixels, 0, b.width);
        return out;
    }

    private int[] generatedInRegion(BufferedImage decoded) {
        BufferedImage scaled = RgbImages.sized(decoded, region.width, region.height);
        return scaled.getRGB(0, 0, region.width, region.height, null, 0, region.width);
    }

    private static int blend(int src, int gen, int m) {
        int out = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            int s = (src >> shift) & 0xff;
            int g = (gen >> shift) & 0xff;
            out |= ((s * (255 - m) + g * m + 127) / 255) << shift;
        }
        return out;
    }

    /** The mask's levels in [0, 1], row-major: a gray image's sample, otherwise luminance × alpha. */
    static float[] levels(BufferedImage mask) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        float[] out = new float[w * h];
        if (mask.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            Raster r = mask.getRaster();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = row[x] / 255f;
                }
            }
            return out;
        }
        int[] argb = mask.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            float lum = (0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff)) / 255f;
            out[i] = Math.min(1f, lum) * ((p >>> 24) / 255f);
        }
        return out;
    }

    /** Bilinear resampling of a single-channel image (pixel centres aligned); the same size is returned as is. */
    static float[] resample(float[] in, int w, int h, int nw, int nh) {
        if (w == nw && h == nh) {
            return in;
        }
        float[] out = new float[nw * nh];
        for (int y = 0; y < nh; y++) {
            float fy = Math.max(0f, Math.min(h - 1f, (y + 0.5f) * h / nh - 0.5f));
            int y0 = (int) fy;
            int y1 = Math.min(h - 1, y0 + 1);
            float ty = fy - y0;
            for (int x = 0; x < nw; x++) {
                float fx = Math.max(0f, Math.min(w - 1f, (x + 0.5f) * w / nw - 0.5f));
                int x0 = (int) fx;
                int x1 = Math.min(w - 1, x0 + 1);
                float tx = fx - x0;
                float top = in[y0 * w + x0] * (1 - tx) + in[y0 * w + x1] * tx;
                float bottom = in[y1 * w + x0] * (1 - tx) + in[y1 * w + x1] * tx;
                out[y * nw + x] = top * (1 - ty) + bottom * ty;
            }
        }
        return out;
    }

    /**
     * Separable Gaussian blur with standard deviation {@code sigma} pixels over a kernel of radius
     * {@code round(2.5·sigma)} (as A1111 sizes it), edges clamped. Beyond the radius of every non-zero value the
     * result is exactly 0.
     */
    static float[] blur(float[] in, int w, int h, float sigma) {
        int radius = Math.max(1, Math.round(2.5f * sigma));
        float[] kernel = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-(i * i) / (2.0 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        float[] tmp = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    float v = in[y * w + Math.max(0, Math.min(w - 1, x + k))];
                    if (v != 0f) {
                        acc += v * kernel[k + radius];
                    }
                }
                tmp[y * w + x] = acc;
            }
        }
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    float v = tmp[Math.max(0, Math.min(h - 1, y + k)) * w + x];
                    if (v != 0f) {
                        acc += v * kernel[k + radius];
                    }
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }

    /** The bounding box of the non-zero mask bytes, or {@code null} when all are 0. */
    private static Rectangle bounds(byte[] mask, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask[y * w + x] != 0) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /**
     * The mask's bounding box grown by {@code padding}, clipped to the image, then grown along its short side to the
     * model's aspect ratio (centred, shifted back inside at the image's borders, clipped when the image is too small).
     */
    static Rectangle cropRegion(Rectangle bounds, int padding, int w, int h, int modelWidth, int modelHeight) {
        int x0 = Math.max(0, bounds.x - padding);
        int y0 = Math.max(0, bounds.y - padding);
        int x1 = Math.min(w, bounds.x + bounds.width + padding);
        int y1 = Math.min(h, bounds.y + bounds.height + padding);
        double ratio = (double) modelWidth / modelHeight;
        if ((double) (x1 - x0) / (y1 - y0) > ratio) {
            int[] span = grow(y0, y1, (int) Math.round((x1 - x0) / ratio), h);
            y0 = span[0];
            y1 = span[1];
        } else {
            int[] span = grow(x0, x1, (int) Math.round((y1 - y0) * ratio), w);
            x0 = span[0];
            x1 = span[1];
        }
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    private static int[] grow(int a, int b, int desired, int limit) {
        int diff = Math.max(0, desired - (b - a));
        a -= diff / 2;
        b += diff - diff / 2;
        if (b > limit) {
            a -= b - limit;
            b = limit;
        }
        if (a < 0) {
            b = Math.min(limit, b - a);
            a = 0;
        }
        return new int[] {a, b};
    }
}
