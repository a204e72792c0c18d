package dev.stepcast.icons;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes the app icon as raster files rendered from the SVGs at build time (the icons module runs {@link #main} in
 * {@code process-classes}, so no generated binary is committed): {@code stepcast-<size>.png} for each of
 * {@link StepcastIcons#APP_IMAGE_SIZES}, {@code stepcast.png} (256 px, jpackage on Linux), {@code stepcast.ico}
 * (jpackage on Windows; PNG-compressed entries, supported since Windows Vista) and {@code stepcast.icns} (jpackage
 * on macOS; PNG entries {@code icp4}…{@code ic09}).
 *
 * <p>Thread: any; not shared.
 */
public final class AppIconFiles {

    /** ICNS PNG element types by pixel size (Apple Icon Image format). */
    private static final Map<Integer, String> ICNS_TYPES = new LinkedHashMap<>();

    static {
        ICNS_TYPES.put(16, "icp4");
        ICNS_TYPES.put(32, "icp5");
        ICNS_TYPES.put(64, "icp6");
        ICNS_TYPES.put(128, "ic07");
        ICNS_TYPES.put(256, "ic08");
        ICNS_TYPES.put(512, "ic09");
    }

    private static final int[] ICO_SIZES = {16, 24, 32, 48, 64, 128, 256};

    private AppIconFiles() {
    }

    /** Usage: {@code AppIconFiles <output folder>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: AppIconFiles <output folder>");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        writeAll(Path.of(args[0]));
    }

    /** Writes every raster app icon file into {@code folder} (created if missing). */
    public static void writeAll(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int size : StepcastIcons.APP_IMAGE_SIZES) {
            Files.write(folder.resolve("stepcast-" + size + ".png"), png(size));
        }
        Files.write(folder.resolve("stepcast.png"), png(256));
        Files.write(folder.resolve("stepcast.ico"), ico());
        Files.write(folder.resolve("stepcast.icns"), icns());
    }

    /** The app icon at {@code size} px as PNG bytes. */
    static byte[] png(int size) {
        BufferedImage image = StepcastIcons.renderAppIcon(size);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A Windows ICO: ICONDIR, one 16-byte ICONDIRENTRY per size (little-endian), then the PNG images. */
    static byte[] ico() throws IOException {
        byte[][] images = new byte[ICO_SIZES.length][];
        for (int i = 0; i < ICO_SIZES.length; i++) {
            images[i] = png(ICO_SIZES[i]);
        }
        int headerSize = 6 + 16 * ICO_SIZES.length;
        ByteBuffer header = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) ICO_SIZES.length);
        int offset = headerSize;
        for (int i = 0; i < ICO_SIZES.length; i++) {
            int size = ICO_SIZES[i];
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)); // 0 means 256
            header.put((byte) 0).put((byte) 0);                // no palette, reserved
            header.putShort((short) 1).putShort((short) 32);   // colour planes, bits per pixel
            header.putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] image : images) {
            out.write(image);
        }
        return out.toByteArray();
    }

    /** A macOS ICNS: "icns" + total length, then per element a type, its length (incl. 8-byte header), PNG data. */
    static byte[] icns() throws IOException {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(elements); // big-endian, as ICNS wants
        for (Map.Entry<Integer, String> entry : ICNS_TYPES.entrySet()) {
            byte[] image = png(entry.getKey());
            data.write(entry.getValue().getBytes(StandardCharsets.US_ASCII));
            data.writeInt(image.length + 8);
            data.write(image);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(out);
        header.write("icns".getBytes(StandardCharsets.US_ASCII));
        header.writeInt(elements.size() + 8);
        elements.writeTo(out);
        return out.toByteArray();
    }
}
