package dev.stepcast.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where ONNX Runtime runs the model. {@link #AUTO} takes the best one this ONNX Runtime build offers, in the order
 * CUDA, DirectML, CoreML, CPU. A GPU provider that fails to start falls back to {@link #CPU}; the
 * {@link ProviderReport} says why.
 */
public enum ExecutionProvider {
    AUTO("auto", "Automatic"),
    CPU("cpu", "CPU"),
    CUDA("cuda", "CUDA"),
    DIRECTML("directml", "DirectML"),
    COREML("coreml", "CoreML");

    private final String cliName;
    private final String displayName;

    ExecutionProvider(String cliName, String displayName) {
        this.cliName = cliName;
        this.displayName = displayName;
    }

    /** The command-line name, e.g. "cuda". */
    public String cliName() {
        return cliName;
    }

    /** The name shown to users, e.g. "DirectML". */
    public String displayName() {
        return displayName;
    }

    /** Finds a provider by CLI name, display name or enum name, ignoring case ("dml" is accepted for DirectML). */
    public static Optional<ExecutionProvider> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("dml")) {
            return Optional.of(DIRECTML);
        }
        return Arrays.stream(values())
                .filter(p -> p.cliName.equals(n) || p.displayName.toLowerCase(Locale.ROOT).equals(n)
                        || p.name().toLowerCase(Locale.ROOT).equals(n))
                .findFirst();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
