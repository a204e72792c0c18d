package dev.stepcast.panel.png;

import dev.stepcast.engine.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Writes PNGs with an A1111-compatible {@code parameters} text chunk and reads that chunk back, through ImageIO's
 * native PNG metadata format ({@code javax_imageio_png_1.0}). Latin-1 text goes into a {@code tEXt} chunk as A1111
 * does; text with other characters into an uncompressed {@code iTXt} chunk (UTF-8), which A1111 also reads.
 *
 * <p>Stateless; any thread (never the EDT for large images: encoding takes a while).
 */
public final class PngParameters {

    /** The chunk keyword A1111 uses. */
    public static final String KEYWORD = "parameters";
    private static final String FORMAT = "javax_imageio_png_1.0";

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
        // in memory: ImageIO.createImageOutputStream would spool through a temporary file in java.io.tmpdir
        try (ImageOutputStream ios = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    writer.getDefaultWriteParam());
            metadata.mergeTree(FORMAT, textTree(parameters));
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, metadata), writer.getDefaultWriteParam());
        } catch (IIOInvalidTreeException e) {
            throw new IOException("Could not add the parameters text to the PNG: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
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

    private static IIOMetadataNode textTree(String text) {
        IIOMetadataNode root = new IIOMetadataNode(FORMAT);
        if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            IIOMetadataNode tEXt = new IIOMetadataNode("tEXt");
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", KEYWORD);
            entry.setAttribute("value", text);
            tEXt.appendChild(entry);
            root.appendChild(tEXt);
        } else {
            IIOMetadataNode iTXt = new IIOMetadataNode("iTXt");
            IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
            entry.setAttribute("keyword", KEYWORD);
            entry.setAttribute("compressionFlag", "FALSE");
            entry.setAttribute("compressionMethod", "0");
            entry.setAttribute("languageTag", "");
            entry.setAttribute("translatedKeyword", "");
            entry.setAttribute("text", text);
            iTXt.appendChild(entry);
            root.appendChild(iTXt);
        }
        return root;
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
