package dev.stepcast.engine.onnx;

import dev.stepcast.engine.ExecutionProvider;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the loader's own reason why an accelerator's provider library did not load. ONNX Runtime's exception says
 * only "OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library"; the missing dependency (e.g.
 * {@code libcublasLt.so.12: cannot open shared object file}) appears only in ORT's log line, which Stepcast keeps off
 * the terminal. So after such a failure this loads the provider library ORT extracted (in ORT's temp folder, or
 * {@code onnxruntime.native.path}) with {@link System#load} and returns the loader's error text, which names the
 * first missing library. Called only after the provider already failed, once per process.
 *
 * <p><b>Threads:</b> stateless; thread-safe.
 */
final class ProviderLibraryProbe {

    private static final System.Logger LOG = System.getLogger(ProviderLibraryProbe.class.getName());

    private ProviderLibraryProbe() {
    }

    /** The loader's text for {@code provider}'s library, or empty if it loads, is not found or is not CUDA. */
    static Optional<String> loaderError(ExecutionProvider provider) {
        if (provider != ExecutionProvider.CUDA) {
            return Optional.empty();
        }
        Optional<Path> library = extractedLibrary("onnxruntime_providers_cuda");
        if (library.isEmpty()) {
            return Optional.empty();
        }
        try {
            System.load(library.get().toString());
            return Optional.empty();
        } catch (UnsatisfiedLinkError e) {
            LOG.log(System.Logger.Level.INFO, "Loading " + library.get() + " failed: " + e.getMessage());
            return Optional.ofNullable(e.getMessage());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Where ORT put {@code name}'s native library for this process, if it is there. */
    static Optional<Path> extractedLibrary(String name) {
        String file = System.mapLibraryName(name);
        String property = System.getProperty("onnxruntime.native.path");
        if (property != null && Files.isRegularFile(Path.of(property, file))) {
            return Optional.of(Path.of(property, file));
        }
        try {
            Field field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            field.setAccessible(true);
            Object folder = field.get(null);
            if (folder instanceof Path path && Files.isRegularFile(path.resolve(file))) {
                return Optional.of(path.resolve(file));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ORT's native folder is not reachable: " + e);
        }
        return Optional.empty();
    }
}
