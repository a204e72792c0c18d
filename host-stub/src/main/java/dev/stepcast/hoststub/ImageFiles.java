package dev.stepcast.hoststub;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Reads and writes image files with ImageIO: opens whatever ImageIO reads (PNG, JPEG, GIF, BMP), saves PNG or JPEG
 * chosen by the file name's extension (JPEG has no alpha: transparent areas become white).
 *
 * <p><b>Threads:</b> any thread (no Swing).
 */
final class ImageFiles {

    private ImageFiles() {
    }

    /** A problem with an image file, with a message for the user that names the file. */
    static final class ImageFileException extends Exception {
        private static final long serialVersionUID = 1L;

        ImageFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads {@code file}; fails with a user-facing message when it is missing, unreadable or not an image. */
    static BufferedImage read(Path file) throws ImageFileException {
        if (!Files.isRegularFile(file)) {
            throw new ImageFileException("\u201c" + file + "\u201d does not exist or is not a file.", null);
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException("\u201c" + file.getFileName() + "\u201d could not be read as an image ("
                    + e.getMessage() + "). Open a PNG, JPEG, GIF or BMP file.", e);
        }
        if (image == null) {
            throw new ImageFileException("\u201c" + file.getFileName() + "\u201d is not an image this editor can "
                    + "open. Open a PNG, JPEG, GIF or BMP file.", null);
        }
        return image;
    }

    /** The format ImageIO writes for {@code file}: {@code "jpg"} for .jpg/.jpeg, else {@code "png"}. */
    static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpg" : "png";
    }

    /** {@code file} with ".png" appended unless it already ends in .png, .jpg or .jpeg. */
    static Path withImageExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean known = name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
        return known ? file : file.resolveSibling(file.getFileName() + ".png");
    }

    /** Writes {@code image} to {@code file} as PNG or JPEG (by extension), replacing it atomically when possible. */
    static void write(BufferedImage image, Path file) throws ImageFileException {
        String format = formatOf(file);
        BufferedImage out = format.equals("jpg") ? Images.toRgbOver(image, Color.WHITE) : image;
        try {
            AtomicFiles.write(file, stream -> {
                if (!ImageIO.write(out, format, stream)) {
                    throw new IOException("no ImageIO writer for " + format);
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException("\u201c" + file + "\u201d could not be saved (" + e.getMessage() + ").", e);
        }
    }
}
