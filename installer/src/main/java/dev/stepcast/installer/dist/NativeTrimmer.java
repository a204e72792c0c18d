package dev.stepcast.installer.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
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
 * <p>The GPU flavour ({@code -Pcuda}) carries the CUDA provider of each platform (hundreds of MB each), so its
 * build also trims the run layout's jars in place: the installer module's {@code cuda} profile runs {@link #main}
 * on {@code target/app/stepcast.jar} and the host stub's preinstalled plugin.
 *
 * <p>Thread: any; no shared state.
 */
public final class NativeTrimmer {

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

    /**
     * Trims each jar named in {@code args} in place to this platform's natives (a temp file in the same folder,
     * moved over the jar). Usage: {@code NativeTrimmer <jar>...}.
     */
    public static void main(String[] args) throws IOException {
        String platform = currentPlatform();
        for (String arg : args) {
            Path jar = Path.of(arg);
            if (!Files.isRegularFile(jar)) {
                throw new IOException("Missing " + jar + ": build the run layout first (mvn package).");
            }
            long before = Files.size(jar);
            trimInPlace(jar, platform);
            System.out.printf("[trim] %s: %,d bytes -> %,d bytes for %s%n", jar, before, Files.size(jar), platform);
        }
    }

    /** Replaces {@code jar} by its copy with only {@code keepPlatform}'s natives, atomically. */
    static void trimInPlace(Path jar, String keepPlatform) throws IOException {
        Path folder = jar.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, jar.getFileName().toString(), ".tmp");
        try {
            trim(jar, temp, keepPlatform);
            if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(jar)); // not the temp file's 0600
            }
            Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
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
