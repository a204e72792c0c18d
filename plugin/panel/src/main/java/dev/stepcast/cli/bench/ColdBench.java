package dev.stepcast.cli.bench;

import dev.stepcast.engine.CacheFolder;
import dev.stepcast.engine.bench.ColdFloor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code stepcast bench cold}: one cold {@code generate} (a new JVM, model loaded from disk, one picture, PNG
 * written, exit) against the floor — {@link ColdFloor}, a minimal Java program making the same ONNX Runtime calls on
 * the same files — run interleaved {@code runs} times (the order alternates each round, after one unmeasured round
 * that warms the page cache and writes Stepcast's tokenizer cache). Prints each process's wall time, the medians and
 * the median of the per-round ratios.
 *
 * <p><b>Threads:</b> the bench thread; the measured programs run in child processes one at a time.
 */
final class ColdBench {

    private ColdBench() {
    }

    /** The measured numbers: milliseconds per run of each program, and per-round ratios. */
    record Result(List<Double> floorMillis, List<Double> stepcastMillis, List<Double> ratios) {
        double ratio() {
            return Stats.median(ratios);
        }
    }

    static Result run(Path model, int size, int steps, int runs, Path workDir, PrintStream out)
            throws IOException, InterruptedException {
        List<String> cache = List.of("-D" + CacheFolder.PROPERTY + "=" + workDir.resolve("cache"));
        List<String> floorArgs = List.of(model.toString(), Integer.toString(size), Integer.toString(steps),
                workDir.resolve("floor.png").toString());
        List<String> stepcastArgs = List.of("generate", "--model", model.toString(), "--prompt",
                "a lighthouse on a cliff at dusk", "--negative", "blurry", "--steps", Integer.toString(steps),
                "--width", Integer.toString(size), "--height", Integer.toString(size), "--scheduler", "lms",
                "--guidance", "7.5", "--provider", "cpu", "--out", workDir.resolve("stepcast.png").toString());
        List<Double> floor = new ArrayList<>();
        List<Double> stepcast = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round <= runs; round++) {
            boolean floorFirst = round % 2 == 0;
            double f = 0;
            double s = 0;
            for (int i = 0; i < 2; i++) {
                if ((i == 0) == floorFirst) {
                    f = ChildProcess.run(cache, ColdFloor.class.getName(), floorArgs, workDir).wallNanos() / 1e6;
                } else {
                    s = ChildProcess.run(cache, "dev.stepcast.cli.StepcastCommand", stepcastArgs, workDir)
                            .wallNanos() / 1e6;
                }
            }
            if (round > 0) {
                floor.add(f);
                stepcast.add(s);
                ratios.add(s / f);
                out.printf(Locale.ROOT, "  round %d: floor %.0f ms, stepcast %.0f ms, ×%.3f%n", round, f, s, s / f);
            }
        }
        return new Result(floor, stepcast, ratios);
    }

    static void print(Result r, int size, int steps, PrintStream out) {
        out.printf(Locale.ROOT, "cold generate %d×%d, %d LMS steps, CFG 7.5: floor median %.0f ms, Stepcast median"
                        + " %.0f ms, Stepcast/floor median of rounds ×%.3f (goal ≤ 1.15)%n", size, size, steps,
                Stats.median(r.floorMillis()), Stats.median(r.stepcastMillis()), r.ratio());
    }
}
