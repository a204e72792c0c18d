package dev.stepcast.engine.onnx;

import dev.stepcast.engine.ExecutionProvider;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns ONNX Runtime's text for an accelerator that would not start into one line a user can act on: the missing
 * shared library (CUDA runtime, cuBLAS, cuDNN… with the major version ORT needs), no NVIDIA driver or GPU, or a GPU
 * the build does not support, and what to install. It never blames the model file: a provider failure is about the
 * machine. The full ORT text goes to the log, not into this line.
 *
 * <pre>{@code
 * String line = ProviderFailure.explain(ExecutionProvider.CUDA, e.getMessage());
 * // "CUDA 12 cuBLAS (libcublasLt.so.12) is missing: install the CUDA 12 runtime libraries and cuDNN 9 …"
 * }</pre>
 *
 * <p><b>Threads:</b> stateless; thread-safe.
 */
public final class ProviderFailure {

    /** What the CUDA build of ONNX Runtime in use needs (README "CPU or GPU"). */
    static final String CUDA_INSTALL = "install an NVIDIA driver for CUDA 12, the CUDA 12 runtime libraries (cudart,"
            + " cuBLAS, cuFFT, cuRAND) and cuDNN 9 on the library path (see README, \"CPU or GPU\")";

    private static final Pattern SO = Pattern.compile("(lib[A-Za-z0-9_]+)\\.so(?:\\.(\\d+))?[.\\d]*:"
            + " cannot open shared object file");
    private static final Pattern DLL = Pattern.compile("([A-Za-z0-9_]+?)(64_(\\d+))?\\.dll", Pattern.CASE_INSENSITIVE);

    private ProviderFailure() {
    }

    /** One line saying why {@code provider} did not start, from ORT's {@code message} (may be null). */
    public static String explain(ExecutionProvider provider, String message) {
        String text = message == null ? "" : message;
        String known = machineProblem(provider, text);
        return known != null ? known : provider.displayName() + " could not start (" + SessionOpener.firstLine(text)
                + ")";
    }

    /**
     * Whether {@code message} names a problem of the machine (a missing library or driver, no GPU, an unsupported
     * GPU) that stays for the life of the process; otherwise the failure may have been this model's or this
     * moment's (e.g. the GPU's memory), and the provider is worth trying again.
     */
    static boolean namesTheMachine(ExecutionProvider provider, String message) {
        return machineProblem(provider, message == null ? "" : message) != null;
    }

    private static String machineProblem(ExecutionProvider provider, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String name = provider.displayName();
        Matcher so = SO.matcher(text);
        if (so.find()) {
            String lib = so.group(1);
            String major = so.group(2);
            return library(lib, major) + " (" + lib + ".so" + (major == null ? "" : "." + major) + ") is missing, so "
                    + name + " could not start: " + install(provider);
        }
        if (lower.contains("no cuda-capable device") || lower.contains("cudaerrornodevice")) {
            return name + " could not start: no NVIDIA GPU was found (nvidia-smi lists none)";
        }
        if (lower.contains("driver version is insufficient") || lower.contains("cudaerrorinsufficientdriver")) {
            return name + " could not start: the NVIDIA driver is too old for CUDA 12; update the driver";
        }
        if (lower.contains("no kernel image is available") || lower.contains("cudaerrornokernelimagefordevice")
                || lower.contains("unsupported gpu") || lower.contains("compute capability")) {
            return name + " could not start: this GPU is not supported by the CUDA build of ONNX Runtime (its compute"
                    + " capability is too old)";
        }
        if (lower.contains("libcuda.so") || lower.contains("nvcuda.dll")) {
            return "The NVIDIA driver (libcuda) is missing, so " + name + " could not start: " + install(provider);
        }
        if (lower.contains("loadlibrary failed with error 126") || lower.contains("error 126")) {
            Matcher dll = DLL.matcher(text);
            String which = dll.find() && !dll.group(1).toLowerCase(Locale.ROOT).startsWith("onnxruntime")
                    ? " (" + dll.group() + ")" : "";
            return "A DLL that " + name + " needs is missing" + which + ", so it could not start: " + install(provider);
        }
        if (lower.contains("failed to load shared library") || lower.contains("failed to load library")) {
            return name + " could not start: a library it needs is missing (the log names it); " + install(provider);
        }
        return null;
    }

    /** "CUDA 12 cuBLAS", "cuDNN 9", … for a library's base name and major version. */
    static String library(String lib, String major) {
        String v = major == null ? "" : " " + major;
        String base = lib.toLowerCase(Locale.ROOT);
        if (base.startsWith("libcublas")) {
            return "CUDA" + v + " cuBLAS";
        }
        if (base.startsWith("libcudart")) {
            return "CUDA" + v + " runtime (cudart)";
        }
        if (base.startsWith("libcudnn")) {
            return "cuDNN" + v;
        }
        if (base.startsWith("libcufft")) {
            return "CUDA cuFFT" + (major == null ? "" : " (version " + major + ")");
        }
        if (base.startsWith("libcurand")) {
            return "CUDA cuRAND" + (major == null ? "" : " (version " + major + ")");
        }
        if (base.startsWith("libcuda")) {
            return "The NVIDIA driver (libcuda" + v + ")";
        }
        if (base.startsWith("libnvinfer")) {
            return "TensorRT" + v;
        }
        return "The library " + lib;
    }

    private static String install(ExecutionProvider provider) {
        return provider == ExecutionProvider.CUDA ? CUDA_INSTALL
                : "install what the " + provider.displayName() + " provider of ONNX Runtime needs";
    }
}
