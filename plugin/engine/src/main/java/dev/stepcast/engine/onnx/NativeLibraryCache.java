package dev.stepcast.engine.onnx;

import dev.stepcast.engine.CacheFolder;
import dev.stepcast.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps ONNX Runtime's native libraries unpacked in the user cache, so a process that owns its JVM (the CLI, the
 * standalone window) loads them straight from disk instead of having ONNX Runtime unpack them from the jar again.
 *
 * <p>By default ONNX Runtime's Java loader copies {@code libonnxruntime} (22 MB on linux-x64) and its JNI library out
 * of the jar into a new temporary folder on every start, loads them from there, and leaves the empty folder behind
 * ({@code /tmp/onnxruntime-java…}, one per run). Measured on this project's machine, creating the environment then
 * costs 0.17–0.27 s in a fresh JVM against 0.07–0.14 s when the libraries are already on disk. This class copies the
 * platform's libraries (with any provider libraries the jar carries, e.g. CUDA's) once into
 * {@code <cache>/stepcast/native/onnxruntime-<platform>-<size>-<time>/} — of the jar holding them, so another ONNX
 * Runtime version gets its own folder — and points ONNX Runtime's documented
 * {@code onnxruntime.native.path} property at it. The folder is written under a temporary name and renamed into
 * place, so a crash or two first runs at once never leave a half-copied library in use.
 *
 * <p>Only for processes that own their JVM: a native library can be loaded by one class loader at a time, and a
 * host that reloads the plugin in a new class loader needs ONNX Runtime's fresh copy per loader, so the plugin
 * never calls this. Every failure (no such resource, a read-only cache) leaves ONNX Runtime's own loading in place
 * and is logged, never reported: it only costs the time it always cost.
 *
 * <p><b>Threads:</b> {@link #enable()} from {@code main}; the work runs once, under this class's lock, on the first
 * thread that asks for the ONNX Runtime environment (the warm-up thread), and any other thread asking meanwhile
 * waits for it, so ONNX Runtime never loads before the property is set.
 */
public final class NativeLibraryCache {

    /** ONNX Runtime's own property: the folder holding all its native libraries. */
    static final String NATIVE_PATH = "onnxruntime.native.path";
    private static final System.Logger LOG = System.getLogger(NativeLibraryCache.class.getName());
    private static final String MAIN_LIBRARY = "onnxruntime";
    private static final List<String> LIBRARIES = List.of(MAIN_LIBRARY, "onnxruntime4j_jni",
            "onnxruntime_providers_shared", "onnxruntime_providers_cuda", "onnxruntime_providers_tensorrt",
            "onnxruntime_providers_dnnl", "onnxruntime_providers_openvino", "onnxruntime_providers_rocm");
    private static final String COMPLETE = "complete";

    private NativeLibraryCache() {
    }

    private static volatile boolean enabled;
    private static boolean done;

    /**
     * Asks for the cached libraries in this process: the next {@link OrtEnvironments#get()} — normally on the
     * warm-up thread — unpacks them if needed and sets the property before ONNX Runtime loads. Cheap; call it first
     * thing in {@code main}.
     */
    public static void enable() {
        enabled = true;
    }

    /** Called by {@link OrtEnvironments#get()} before ONNX Runtime loads: does the work once, if enabled. */
    static synchronized void installIfEnabled() {
        if (enabled && !done) {
            done = true;
            install();
        }
    }

    /** Sets {@code onnxruntime.native.path} to the cached libraries, unpacking them first if needed. */
    static void install() {
        if (System.getProperty(NATIVE_PATH) != null) {
            return; // the user chose a folder
        }
        try {
            folder(CacheFolder.stepcast().resolve("native")).ifPresent(
                    dir -> System.setProperty(NATIVE_PATH, dir.toString()));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ONNX Runtime's libraries stay with its own loader: " + e, e);
        }
    }

    /**
     * The folder under {@code root} that holds this jar's ONNX Runtime libraries, written now if missing; empty when
     * the jar carries none for this platform.
     */
    public static Optional<Path> folder(Path root) throws IOException {
        String platform = platform();
        String prefix = "/ai/onnxruntime/native/" + platform + "/";
        URL main = NativeLibraryCache.class.getResource(prefix + System.mapLibraryName(MAIN_LIBRARY));
        if (main == null) {
            return Optional.empty();
        }
        Path dir = root.resolve("onnxruntime-" + platform + "-" + fingerprint(main));
        if (Files.isRegularFile(dir.resolve(COMPLETE))) {
            return Optional.of(dir);
        }
        Files.createDirectories(root);
        removeStalePartials(root);
        Path temp = Files.createTempDirectory(root, dir.getFileName() + ".partial-");
        try {
            for (String library : LIBRARIES) {
                String name = System.mapLibraryName(library);
                URL url = NativeLibraryCache.class.getResource(prefix + name);
                if (url != null) {
                    try (InputStream in = url.openStream()) {
                        Files.copy(in, temp.resolve(name));
                    }
                }
            }
            Files.writeString(temp.resolve(COMPLETE), platform + "\n", StandardCharsets.UTF_8);
            if (Files.exists(dir) && !Files.isRegularFile(dir.resolve(COMPLETE))) {
                deleteTree(dir); // not written by this class (a marker-less leftover): replace it whole
            }
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // "already exists" or "Directory not empty" when another process won the rename: use its copy
                if (!Files.isRegularFile(dir.resolve(COMPLETE))) {
                    throw e;
                }
            }
        } finally {
            deleteTree(temp);
        }
        removeOtherVersions(root, dir);
        return Optional.of(dir);
    }

    /**
     * Folders another Stepcast (an older jar) unpacked for this platform: one per version would pile up 22 MB each.
     * A process still using one keeps its loaded files (a failed delete, e.g. a library loaded on Windows, is left
     * for later); an older Stepcast started again unpacks its own once more.
     */
    private static void removeOtherVersions(Path root, Path keep) {
        String prefix = "onnxruntime-" + platform() + "-";
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> !p.equals(keep))
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !p.getFileName().toString().contains(".partial-"))
                    .toList().forEach(NativeLibraryCache::deleteTree);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list " + root, e);
        }
    }

    /** ONNX Runtime's name for this platform's resource folder ({@code linux-x64}, {@code osx-aarch64}, …). */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.contains("mac") || os.contains("darwin") ? "osx"
                : os.startsWith("windows") ? "win" : os.contains("linux") ? "linux" : os.replace(' ', '_');
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    /**
     * The size and time of the jar (or file) holding the libraries: another ONNX Runtime version or a rebuilt jar
     * gets its own folder. Read from the file system, not the jar: no need to open a 50 MB jar to know its version.
     */
    private static String fingerprint(URL url) throws IOException {
        String spec = url.toString();
        try {
            Path file = spec.startsWith("jar:")
                    ? Path.of(new java.net.URI(spec.substring(4, spec.indexOf("!/"))))
                    : Path.of(url.toURI());
            return Long.toHexString(Files.size(file)) + "-" + Long.toHexString(
                    Files.getLastModifiedTime(file).toMillis());
        } catch (java.net.URISyntaxException | IllegalArgumentException | IndexOutOfBoundsException
                 | java.nio.file.FileSystemNotFoundException e) {
            throw new IOException("cannot fingerprint " + url, e);
        }
    }

    /** Folders left by a copy that was killed (older than ten minutes: a running copy takes well under that). */
    private static void removeStalePartials(Path root) {
        long cutoff = System.currentTimeMillis() - 10 * 60_000L;
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> p.getFileName().toString().contains(".partial-")).filter(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() < cutoff;
                } catch (IOException e) {
                    return false;
                }
            }).toList().forEach(NativeLibraryCache::deleteTree);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list " + root, e);
        }
    }

    private static void deleteTree(Path dir) {
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete " + dir, e);
        }
    }
}
