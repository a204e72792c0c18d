package dev.stepcast.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.ProviderReport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which execution providers this ONNX Runtime build offers, the order to try them in, and the fallback to the CPU
 * when an accelerator fails to start. Preference for {@link ExecutionProvider#AUTO}: CUDA, DirectML, CoreML, CPU.
 *
 * <p><b>Threads:</b> thread-safe; the only state is the process-wide memory of failed providers (a concurrent map).
 */
public final class ExecutionProviders {

    /** The order AUTO tries accelerators in. */
    static final List<ExecutionProvider> PREFERENCE =
            List.of(ExecutionProvider.CUDA, ExecutionProvider.DIRECTML, ExecutionProvider.COREML, ExecutionProvider.CPU);

    private static final System.Logger LOG = System.getLogger(ExecutionProviders.class.getName());

    /** Why an accelerator did not start, remembered for the rest of the process (it is not tried again). */
    private static final Map<ExecutionProvider, String> FAILED = new ConcurrentHashMap<>();

    private ExecutionProviders() {
    }

    /** Something started on one provider (e.g. a session created with it); throws if the provider fails. */
    @FunctionalInterface
    public interface Attempt<T> {
        T start(ExecutionProvider provider) throws Exception;
    }

    /** What {@link #select} started and the report of how it got there. */
    public record Selection<T>(T value, ProviderReport report) {
    }

    /** The providers this ONNX Runtime build offers (always includes CPU). */
    public static Set<ExecutionProvider> available() {
        EnumSet<ExecutionProvider> out = EnumSet.of(ExecutionProvider.CPU);
        for (OrtProvider p : OrtEnvironment.getAvailableProviders()) {
            switch (p) {
                case CUDA -> out.add(ExecutionProvider.CUDA);
                case DIRECT_ML -> out.add(ExecutionProvider.DIRECTML);
                case CORE_ML -> out.add(ExecutionProvider.COREML);
                default -> { }
            }
        }
        return out;
    }

    /**
     * The providers to try for {@code requested}, best first, always ending with CPU. The list may start with a
     * provider that is not {@code available}; {@link #select} reports that one as missing.
     */
    public static List<ExecutionProvider> candidates(ExecutionProvider requested, Set<ExecutionProvider> available) {
        List<ExecutionProvider> out = new ArrayList<>();
        if (requested == ExecutionProvider.AUTO) {
            PREFERENCE.stream().filter(available::contains).forEach(out::add);
        } else {
            out.add(requested);
        }
        if (!out.contains(ExecutionProvider.CPU)) {
            out.add(ExecutionProvider.CPU);
        }
        return out;
    }

    /**
     * Starts {@code attempt} on the best candidate that works. A missing or failing accelerator is skipped and the
     * reason recorded; a failure on the CPU is thrown as is.
     */
    public static <T> Selection<T> select(ExecutionProvider requested, Set<ExecutionProvider> available,
                                          Attempt<T> attempt) throws Exception {
        List<String> reasons = new ArrayList<>();
        for (ExecutionProvider p : candidates(requested, available)) {
            if (p != ExecutionProvider.CPU && !available.contains(p)) {
                reasons.add(p.displayName() + " not available in this ONNX Runtime build (it offers "
                        + available.stream().map(ExecutionProvider::displayName).collect(Collectors.joining(", "))
                        + (p == ExecutionProvider.CUDA ? "; build with -Pcuda for onnxruntime_gpu)" : ")"));
                continue;
            }
            String remembered = FAILED.get(p);
            if (remembered != null) {
                reasons.add(remembered);
                continue;
            }
            try {
                T value = attempt.start(p);
                return new Selection<>(value, new ProviderReport(requested, p, String.join("; ", reasons)));
            } catch (Exception e) {
                if (p == ExecutionProvider.CPU) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, p.displayName() + " failed to start; trying the next provider", e);
                if (e instanceof ProviderStartException start) {
                    if (start.lasting()) {
                        FAILED.putIfAbsent(p, start.getMessage()); // the machine will not change in this process
                    }
                    reasons.add(start.getMessage());
                } else {
                    reasons.add(p.displayName() + " failed to start: " + SessionOpener.firstLine(e.getMessage()));
                }
            }
        }
        throw new IllegalStateException("no provider to try for " + requested);
    }

    /** Adds {@code provider} to {@code options} (CPU needs nothing: ORT always appends it last). */
    public static void configure(OrtSession.SessionOptions options, ExecutionProvider provider) throws OrtException {
        switch (provider) {
            case CUDA -> options.addCUDA(0);
            case DIRECTML -> {
                // DirectML needs sequential execution and no memory patterns (ORT's DML EP documentation).
                options.setMemoryPatternOptimization(false);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.addDirectML(0);
            }
            case COREML -> options.addCoreML();
            case CPU, AUTO -> { }
        }
    }
}
