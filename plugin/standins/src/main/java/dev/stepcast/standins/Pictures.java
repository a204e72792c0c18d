package dev.stepcast.standins;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The images stand-ins send: a small JPEG or PNG preview per step (its brightness follows the step, its hue the
 * job, so a test can tell whose preview it got) and the final image at the requested size.
 *
 * <p><b>Threads:</b> stateless; any thread.
 */
public final class Pictures {

    /** Side of a preview image. */
    public static final int PREVIEW_SIZE = 64;

    private Pictures() {
    }

    /** The preview of {@code step}/{@code total} of the job with hue {@code hue} (0…359), as JPEG or PNG bytes. */
    public static byte[] preview(int step, int total, int hue, String format) {
        BufferedImage img = new BufferedImage(PREVIEW_SIZE, PREVIEW_SIZE, BufferedImage.TYPE_INT_RGB);
        int rgb = java.awt.Color.HSBtoRGB(hue / 360f, 0.8f, 0.2f + 0.8f * step / Math.max(total, 1));
        for (int y = 0; y < PREVIEW_SIZE; y++) {
            for (int x = 0; x < PREVIEW_SIZE; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return encode(img, format);
    }

    /** The hue a preview was made with (from its centre pixel), 0…359. */
    public static int hueOf(BufferedImage preview) {
        int rgb = preview.getRGB(preview.getWidth() / 2, preview.getHeight() / 2);
        float[] hsb = java.awt.Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null);
        return Math.round(hsb[0] * 360) % 360;
    }

    /** A finished image {@code width × height}; {@code noisy} makes it incompressible (a very large answer). */
    public static byte[] result(int width, int height, long seed, boolean noisy, String format) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        int base = r.nextInt(0xffffff);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, noisy ? r.nextInt(0xffffff) : base ^ ((x * 255 / width) << 8) ^ (y * 255 / height));
            }
        }
        return encode(img, format);
    }

    /**
     * What A1111 returns for an inpainting, "only masked" included: the source scaled to {@code width × height}, with
     * the generated picture where the mask (scaled the same way) is white — the whole picture, never the crop.
     */
    public static byte[] inpainted(byte[] generated, byte[] source, byte[] mask, int width, int height) {
        BufferedImage gen = read(generated);
        BufferedImage src = scaled(read(source), width, height);
        BufferedImage m = scaled(read(mask), width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if ((m.getRGB(x, y) & 0xff) > 127) {
                    src.setRGB(x, y, gen.getRGB(x, y));
                }
            }
        }
        return encode(src, "png");
    }

    /** Decodes PNG or JPEG bytes. */
    public static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new IllegalArgumentException("not an image (" + bytes.length + " bytes)");
            }
            return img;
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static BufferedImage scaled(BufferedImage img, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
