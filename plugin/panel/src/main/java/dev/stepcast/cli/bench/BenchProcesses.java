package dev.stepcast.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The entry points of the process-level benches for {@code BenchCommand} ({@code bench cold}, {@code bench memory}).
 *
 * <p><b>Threads:</b> the bench thread.
 */
public final class BenchProcesses {

    private BenchProcesses() {
    }

    /** The folder to measure: {@code model}, or a tiny synthetic SD folder written into {@code workDir}. */
    public static Path model(Path model, Path tokenizer, Path workDir) throws IOException {
        return MeasuredModel.resolve(model, tokenizer, workDir);
    }

    /** Runs and prints {@code bench cold}. */
    public static void cold(Path model, int size, int steps, int runs, Path workDir, boolean jvmDefaults,
                            PrintStream out) throws IOException, InterruptedException {
        java.util.List<String> jvm = jvmDefaults ? java.util.List.of() : dev.stepcast.app.LauncherOptions.STANDALONE;
        ColdBench.print(ColdBench.run(model, size, steps, runs, workDir, jvm, out), size, steps, jvm, out);
    }

    /** Runs and prints {@code bench memory}. */
    public static void memory(Path model, int size, int steps, int generations, Path workDir, PrintStream out)
            throws IOException, InterruptedException {
        MemoryBench.print(MemoryBench.run(model, size, steps, generations, workDir), size, steps, generations, out);
    }
}
