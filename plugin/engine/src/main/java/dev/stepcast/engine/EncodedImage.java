package dev.stepcast.engine;

import java.util.Objects;

/**
 * An image as a server sent it (a JPEG or PNG preview, or a result), not decoded yet. Decoding is the receiver's
 * work, off the sampling thread and off the EDT.
 *
 * @param format the container, as the server said it
 * @param bytes  the encoded bytes; owned by this record (never modified after construction)
 */
public record EncodedImage(Format format, byte[] bytes) {

    /** The containers servers send. */
    public enum Format { JPEG, PNG, WEBP }

    public EncodedImage {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(bytes, "bytes");
    }
}
