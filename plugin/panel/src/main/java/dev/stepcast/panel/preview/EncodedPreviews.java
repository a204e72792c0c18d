package dev.stepcast.panel.preview;

import dev.stepcast.engine.EncodedImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decodes a server's preview (JPEG or PNG bytes) with ImageIO.
 *
 * <p><b>Threads:</b> stateless; called on the preview decoder thread, never on the EDT or the sampling thread.
 */
public final class EncodedPreviews {

    private EncodedPreviews() {
    }

    /**
     * The decoded image.
     *
     * @throws IOException when the bytes are not an image ImageIO can read (WEBP has no reader in the JDK)
     */
    public static BufferedImage decode(EncodedImage image) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        if (decoded == null) {
            throw new IOException("no image reader for the server's " + image.format() + " preview ("
                    + image.bytes().length + " bytes)");
        }
        return decoded;
    }
}
