package dev.stepcast.panel.png;

import dev.stepcast.engine.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Writes PNGs with an A1111-compatible {@code parameters} text chunk and reads that chunk back (reading through
 * ImageIO's native PNG metadata format, {@code javax_imageio_png_1.0}). Latin-1 text goes into a {@code tEXt} chunk as A1111
 * does; text with other characters into an uncompressed {@code iTXt} chunk (UTF-8), which A1111 also reads.
 *
 * <p>Stateless; any thread (never the EDT for large images: encoding takes a while).
 */
public final class PngParameters {

    /** The chunk keyword A1111 uses. */
    public static final String KEYWORD = "parameters";
    private static final String FORMAT = "javax_imageio_png_1.0";
    /** The 8-byte signature and the 25-byte IHDR chunk (length, type, 13 bytes of data, CRC). */
    private static final int AFTER_IHDR = 8 + 25;

    private PngParameters() {
    }

    /**
     * Writes {@code image} as a PNG to {@code file} with {@code parameters} in its text chunk. Written to a temporary
     * file beside it, then moved into place, so a failed write never leaves half a file.
     */
    public static void write(BufferedImage image, String parameters, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(image, parameters, out));
    }

    /** Writes {@code image} as a PNG to {@code out} with {@code parameters} in its text chunk; does not close it. */
    public static void write(BufferedImage image, String parameters, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        TextAfterHeader stream = new TextAfterHeader(out, parameters);
        // in memory: ImageIO.createImageOutputStream would spool through a temporary file in java.io.tmpdir
        try (ImageOutputStream ios = new javax.imageio.stream.MemoryCacheImageOutputStream(stream)) {
            writer.setOutput(ios);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        if (!stream.inserted) {
            throw new IOException("ImageIO wrote no PNG header");
        }
    }

    /**
     * Passes ImageIO's PNG through and puts the text chunk in after the signature and IHDR (the first 33 bytes, which
     * it checks), so the picture is never held whole a second time.
     */
    private static final class TextAfterHeader extends java.io.FilterOutputStream {
        private final byte[] header = new byte[AFTER_IHDR];
        private final String text;
        private int headerBytes;
        private boolean inserted;

        TextAfterHeader(OutputStream out, String text) {
            super(out);
            this.text = text;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!inserted) {
                int take = Math.min(len, AFTER_IHDR - headerBytes);
                System.arraycopy(b, off, header, headerBytes, take);
                headerBytes += take;
                off += take;
                len -= take;
                if (headerBytes < AFTER_IHDR) {
                    return;
                }
                if (header[12] != 'I' || header[13] != 'H' || header[14] != 'D' || header[15] != 'R') {
                    throw new IOException("ImageIO wrote a PNG without its IHDR chunk first");
                }
                out.write(header);
                writeTextChunk(out, text);
                inserted = true;
            }
            if (len > 0) {
                out.write(b, off, len);
            }
        }
    }

    /**
     * The chunk itself, written right after IHDR (the PNG specification lets text chunks sit anywhere between IHDR and
     * IEND): {@code tEXt} when Latin-1 can hold the text (keyword, NUL, text), else an uncompressed {@code iTXt}
     * (keyword, NUL, compression flag 0, method 0, empty language tag and translated keyword each NUL-terminated,
     * UTF-8 text). Building it by hand instead of through ImageIO's metadata tree keeps the DOM classes out of a cold
     * {@code generate} (~25 ms measured on this project's machine).
     */
    private static void writeTextChunk(OutputStream out, String text) throws IOException {
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream(text.length() + 32);
        data.write(KEYWORD.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        String type;
        if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            type = "tEXt";
            data.write(text.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            type = "iTXt";
            data.write(new byte[] {0, 0, 0, 0}); // not compressed, method 0, no language tag, no translated keyword
            data.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] body = data.toByteArray();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(body);
        java.io.DataOutputStream chunk = new java.io.DataOutputStream(out);
        chunk.writeInt(body.length);
        chunk.write(typeBytes);
        chunk.write(body);
        chunk.writeInt((int) crc.getValue());
        chunk.flush();
    }

    /** The {@code parameters} text of a PNG file, or empty if it has none (or is not a PNG ImageIO can read). */
    public static Optional<String> read(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("Cannot read " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, false);
                    IIOMetadata metadata = reader.getImageMetadata(0);
                    if (metadata != null && FORMAT.equals(metadata.getNativeMetadataFormatName())) {
                        return find(metadata.getAsTree(FORMAT));
                    }
                } finally {
                    reader.dispose();
                }
            }
            return Optional.empty();
        }
    }


    private static Optional<String> find(Node root) {
        for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
            String valueAttribute = switch (chunk.getNodeName()) {
                case "tEXt" -> "value";
                case "zTXt", "iTXt" -> "text";
                default -> null;
            };
            if (valueAttribute == null) {
                continue;
            }
            for (Node entry = chunk.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
                IIOMetadataNode e = (IIOMetadataNode) entry;
                if (KEYWORD.equals(e.getAttribute("keyword"))) {
                    return Optional.of(e.getAttribute(valueAttribute));
                }
            }
        }
        return Optional.empty();
    }
}
