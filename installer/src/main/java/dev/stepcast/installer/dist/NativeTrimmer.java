package dev.stepcast.installer.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies the Stepcast plugin jar for one platform's package: drops ONNX Runtime's native libraries of the other
 * platforms ({@code ai/onnxruntime/native/<os>-<arch>/}) and the macOS debug symbols ({@code *.dSYM/}, never loaded
 * at run time). The portable jar in {@code target/app} keeps everything; packages are per platform anyway. Entry
 * order (manifest first) and everything else are kept as they are.
 *
 * <p>Thread: any; no shared state.
 */
final class NativeTrimmer {

    static final String ORT_NATIVE = "ai/onnxruntime/native/";

    private NativeTrimmer() {
    }

    /**
     * The ONNX Runtime folder name of the platform this JVM runs on, e.g. {@code linux-x64}, {@code osx-aarch64},
     * {@code win-x64} (as {@code ai.onnxruntime.OnnxRuntime} names them).
     */
    static String currentPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osName = os.contains("win") ? "win" : os.contains("mac") ? "osx" : "linux";
        String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("arm64") || arch.equals("aarch64") ? "aarch64" : arch;
        return osName + "-" + archName;
    }

    /** Writes {@code source} to {@code target} without other platforms' ORT natives and without dSYM folders. */
    static void trim(Path source, Path target, String keepPlatform) throws IOException {
        try (ZipFile in = new ZipFile(source.toFile()); OutputStream file = Files.newOutputStream(target);
             ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (keep(entry.getName(), keepPlatform)) {
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    static boolean keep(String name, String keepPlatform) {
        if (name.contains(".dSYM/")) {
            return false;
        }
        if (name.startsWith(ORT_NATIVE) && name.length() > ORT_NATIVE.length()) {
            String rest = name.substring(ORT_NATIVE.length());
            int slash = rest.indexOf('/');
            return slash < 0 || rest.substring(0, slash).equals(keepPlatform);
        }
        return true;
    }
}
