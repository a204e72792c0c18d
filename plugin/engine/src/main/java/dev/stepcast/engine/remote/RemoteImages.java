package dev.stepcast.engine.remote;

import dev.stepcast.engine.EncodedImage;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Images on the wire: base64 (with or without a {@code data:} prefix) to {@link EncodedImage}, the format told by
 * the bytes' magic numbers; the final result decoded to TYPE_INT_RGB; an init image encoded as PNG.
 *
 * <p><b>Threads:</b> stateless; any thread.
 */
public final class RemoteImages {

    private RemoteImages() {
    }

    /** Decodes base64 text as servers send it ({@code data:image/png;base64,…} or bare). */
    public static EncodedImage fromBase64(URI from, String text) throws RemoteException {
        String t = text.strip();
        int comma = t.startsWith("data:") ? t.indexOf(',') : -1;
        if (comma >= 0) {
            t = t.substring(comma + 1);
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new RemoteException(from, from + " sent an image that is not valid base64", e);
        }
        return of(from, bytes);
    }

    /** Wraps bytes, telling the format by their magic numbers. */
    public static EncodedImage of(URI from, byte[] bytes) throws RemoteException {
        EncodedImage.Format f = format(bytes);
        if (f == null) {
            throw new RemoteException(from, from + " sent an image that is neither PNG, JPEG nor WebP ("
                    + bytes.length + " bytes)");
        }
        return new EncodedImage(f, bytes);
    }

    /** The container of {@code bytes}, or {@code null} when unknown. */
    public static EncodedImage.Format format(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return EncodedImage.Format.PNG;
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return EncodedImage.Format.JPEG;
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W'
                && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return EncodedImage.Format.WEBP;
        }
        return null;
    }

    /** Decodes a finished image (not a preview) to TYPE_INT_RGB. */
    public static BufferedImage decode(URI from, EncodedImage image) throws RemoteException {
        BufferedImage read;
        try {
            read = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        } catch (IOException e) {
            throw new RemoteException(from, from + " sent a corrupt " + image.format() + " image", e);
        }
        if (read == null) {
            throw new RemoteException(from, from + " sent a " + image.format() + " image Java cannot read");
        }
        if (read.getType() == BufferedImage.TYPE_INT_RGB) {
            return read;
        }
        BufferedImage rgb = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(read, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** PNG bytes of {@code image} (an init image to upload). */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding in memory failed", e);
        }
        return out.toByteArray();
    }

    /** Base64 PNG of {@code image}, bare. */
    public static String pngBase64(BufferedImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }
}
