package dev.stepcast.cli.bench;

import dev.stepcast.app.LauncherOptions;
import dev.stepcast.engine.CacheFolder;
import dev.stepcast.engine.bench.ColdFloor;
import dev.stepcast.engine.onnx.NativeLibraryCache;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code stepcast bench cold}: one cold {@code generate} (a new JVM, model loaded from disk, one picture, PNG
 * written, exit) against the floor — {@link ColdFloor}, a minimal Java program making the same ONNX Runtime calls on
 * the same files — in two variants: ONNX Runtime loading its native libraries its own way (unpacking them from the
 * jar into a temporary folder at every start, as any program using its jar does), and ONNX Runtime loading the
 * libraries already unpacked on disk (what Stepcast's launcher does, so this floor is the strict one). All three run
 * with the same JVM options — by default the shipped standalone launcher's ({@link LauncherOptions#STANDALONE}),
 * or the JVM's defaults — interleaved
 * {@code runs} times, the order rotating each round, after one unmeasured round that warms the page cache and writes
 * Stepcast's tokenizer and native-library caches. Prints each process's wall time, the medians and the medians of the
 * per-round ratios.
 *
 * <p><b>Threads:</b> the bench thread; the measured programs run in child processes one at a time.
 */
final class ColdBench {

    private ColdBench() {
    }

    /**
     * The measured numbers, milliseconds per run: the floor with ONNX Runtime's own library loading, the floor
     * with the libraries unpacked on disk, Stepcast; and per-round ratios of Stepcast to each floor.
     */
    record Result(List<Double> floorMillis, List<Double> strictFloorMillis, List<Double> stepcastMillis,
                  List<Double> ratios, List<Double> strictRatios) {
        double ratio() {
            return Stats.median(ratios);
        }

        double strictRatio() {
            return Stats.median(strictRatios);
        }
    }

    /** With {@code jvmOptions} for all three programs (an empty list: the JVM's defaults). */
    static Result run(Path model, int size, int steps, int runs, Path workDir, List<String> jvmOptions,
                      PrintStream out) throws IOException, InterruptedException {
        Path cache = workDir.resolve("cache");
        List<String> jvm = new ArrayList<>(jvmOptions);
        jvm.add("-D" + CacheFolder.PROPERTY + "=" + cache);
        Path libraries = NativeLibraryCache.folder(cache.resolve("stepcast").resolve("native")).orElse(null);
        List<String> strictJvm = new ArrayList<>(jvm);
        if (libraries != null) {
            strictJvm.add("-Donnxruntime.native.path=" + libraries);
        }
        List<String> floorArgs = List.of(model.toString(), Integer.toString(size), Integer.toString(steps),
                workDir.resolve("floor.png").toString());
        List<String> stepcastArgs = List.of("generate", "--model", model.toString(), "--prompt",
                "a lighthouse on a cliff at dusk", "--negative", "blurry", "--steps", Integer.toString(steps),
                "--width", Integer.toString(size), "--height", Integer.toString(size), "--scheduler", "lms",
                "--guidance", "7.5", "--provider", "cpu", "--out", workDir.resolve("stepcast.png").toString());
        List<Double> floor = new ArrayList<>();
        List<Double> strict = new ArrayList<>();
        List<Double> stepcast = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> strictRatios = new ArrayList<>();
        for (int round = 0; round <= runs; round++) {
            double[] ms = new double[3];
            for (int i = 0; i < 3; i++) {
                int program = (i + round) % 3; // each program goes first, second and third in turn
                ms[program] = switch (program) {
                    case 0 -> ChildProcess.run(jvm, ColdFloor.class.getName(), floorArgs, workDir).wallNanos();
                    case 1 -> ChildProcess.run(strictJvm, ColdFloor.class.getName(), floorArgs, workDir)
                            .wallNanos();
                    default -> ChildProcess.run(jvm, "dev.stepcast.cli.StepcastCommand", stepcastArgs, workDir)
                            .wallNanos();
                } / 1e6;
            }
            if (round > 0) {
                floor.add(ms[0]);
                strict.add(ms[1]);
                stepcast.add(ms[2]);
                ratios.add(ms[2] / ms[0]);
                strictRatios.add(ms[2] / ms[1]);
                out.printf(Locale.ROOT, "  round %d: floor %.0f ms, floor with unpacked libraries %.0f ms, stepcast"
                        + " %.0f ms, ×%.3f / ×%.3f%n", round, ms[0], ms[1], ms[2], ms[2] / ms[0], ms[2] / ms[1]);
            }
        }
        return new Result(floor, strict, stepcast, ratios, strictRatios);
    }

    static void print(Result r, int size, int steps, List<String> jvmOptions, PrintStream out) {
        out.printf(Locale.ROOT, "cold generate %d×%d, %d LMS steps, CFG 7.5, JVM options: %s%n", size, size, steps,
                jvmOptions.isEmpty() ? "the JVM's defaults" : String.join(" ", jvmOptions));
        out.printf(Locale.ROOT, "  floor (ONNX Runtime unpacks its libraries)   median %.0f ms  Stepcast/floor ×%.3f"
                + " (goal ≤ 1.15)%n", Stats.median(r.floorMillis()), r.ratio());
        out.printf(Locale.ROOT, "  floor (libraries already unpacked, strict)  median %.0f ms  Stepcast/floor ×%.3f%n",
                Stats.median(r.strictFloorMillis()), r.strictRatio());
        out.printf(Locale.ROOT, "  stepcast generate                           median %.0f ms%n",
                Stats.median(r.stepcastMillis()));
    }
}
