package dev.stepcast.cli;

import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny reader/writer of NumPy {@code .npy} files holding float32 little-endian C-order arrays (what
 * {@code numpy.save(f, latents.astype("<f4"))} writes), for latents {@code [1, C, H, W]} on the command line.
 * Writes format version 1.0 with the header padded to a multiple of 64 bytes, as NumPy does.
 *
 * <p><b>Threads:</b> stateless.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Thrown for a file that is not a float32 C-order .npy; the message names the file and what was found. */
    public static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;

        FormatException(Path file, String problem) {
            super(file + ": " + problem);
        }
    }

    /** Writes {@code tensor} as a float32 little-endian .npy file (a temporary file moved into place). */
    public static void write(Path file, FloatTensor tensor) throws IOException {
        StringBuilder shape = new StringBuilder();
        long[] dims = tensor.shape();
        for (int i = 0; i < dims.length; i++) {
            shape.append(dims[i]).append(dims.length == 1 || i < dims.length - 1 ? ", " : "");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape.toString().trim() + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + tensor.size() * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.US_ASCII));
        out.asFloatBuffer().put(tensor.buffer());
        AtomicFiles.write(file, out.array());
    }

    /** Reads a float32 little-endian C-order .npy file. */
    public static FloatTensor read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 10) {
            throw new FormatException(file, "not a .npy file (too short)");
        }
        for (byte b : MAGIC) {
            if (in.get() != b) {
                throw new FormatException(file, "not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = in.get();
        in.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : in.getInt();
        if (headerLength > in.remaining()) {
            throw new FormatException(file, "truncated .npy header");
        }
        byte[] headerBytes = new byte[headerLength];
        in.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file, "descr");
        if (!descr.equals("<f4") && !descr.equals("=f4")) {
            throw new FormatException(file, "expected float32 little-endian data ('<f4'), found '" + descr + "'");
        }
        if (group(FORTRAN, header, file, "fortran_order").equals("True")) {
            throw new FormatException(file, "expected C order, found fortran_order True");
        }
        long[] shape = shape(group(SHAPE, header, file, "shape"), file);
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count * Float.BYTES != in.remaining()) {
            throw new FormatException(file, "shape " + java.util.Arrays.toString(shape) + " needs " + count
                    + " floats, the file holds " + in.remaining() / Float.BYTES);
        }
        float[] values = new float[(int) count];
        in.asFloatBuffer().get(values);
        return FloatTensor.wrap(values, shape);
    }

    private static String group(Pattern p, String header, Path file, String key) throws FormatException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new FormatException(file, "the .npy header has no '" + key + "'");
        }
        return m.group(1);
    }

    private static long[] shape(String text, Path file) throws FormatException {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT).replace("L", "");
            if (!p.isEmpty()) {
                try {
                    dims.add(Long.parseLong(p));
                } catch (NumberFormatException e) {
                    throw new FormatException(file, "bad shape (" + text + ")");
                }
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
