package dev.stepcast.cli.bench;

import dev.stepcast.engine.io.JsonMappers;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stepcast.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The bench's results: the machine, the synthetic set's measured cost ratios, the bare-loop comparison and one
 * summary per scenario; written as JSON and as a readable table.
 *
 * @param machine        CPU, cores, OS, JVM
 * @param provider       the execution provider that ran the model
 * @param paintMode      "window" (Xvfb or a real display) or "offscreen" (headless)
 * @param steps          steps per run
 * @param size           image size in pixels (square)
 * @param runs           repetitions per scenario (after one warm-up round)
 * @param model          the cost knobs
 * @param unetStepMillis median pipeline time per denoising step with previews off
 * @param approximateMillis median cost of one approximate preview
 * @param tinyMillis     median cost of one tiny decode
 * @param vaeMillis      median cost of one full VAE decode
 * @param tinyPerStep    tiny decode / UNet step
 * @param vaePerStep     full VAE decode / UNet step
 * @param bareStepMillis median per-step time of the bare loop of the same UNet ORT calls
 * @param pipelineStepMillis median per-step time of the engine pipeline (no listener), alternated with the bare loop
 * @param javaOverhead   pipeline step / bare step − 1 (wall time)
 * @param javaCpuOverhead the same in process CPU time
 * @param loadAverage    the machine's load average before → after (other processes compete on a shared machine)
 * @param scenarios      one summary per scenario
 *
 * <p><b>Threads:</b> immutable.
 */
record BenchReport(String machine, String provider, String paintMode, int steps, int size, int runs, BenchModel model,
                   double unetStepMillis, double approximateMillis, double tinyMillis, double vaeMillis,
                   double tinyPerStep, double vaePerStep, double bareStepMillis, double pipelineStepMillis,
                   double javaOverhead, double javaCpuOverhead, String loadAverage, List<ScenarioSummary> scenarios) {

    String toJson() throws IOException {
        return JsonMappers.create().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
    }

    void writeJson(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    void printTable(PrintStream out) {
        out.printf(Locale.ROOT, "Stepcast bench — %s; provider %s; previews painted %s%n", machine, provider, paintMode);
        out.printf(Locale.ROOT, "%d steps at %dx%d, guidance 7.5 (UNet batch 2), medians of %d runs per scenario%n",
                steps, size, size, runs);
        out.printf(Locale.ROOT, "Synthetic set: UNet step %.1f ms (SwingWorker path, previews off); approximate %.3f ms; tiny decoder %.1f ms (%.2f× a"
                + " step); full VAE %.1f ms (%.2f× a step)%n", unetStepMillis, approximateMillis, tinyMillis,
                tinyPerStep, vaeMillis, vaePerStep);
        out.printf(Locale.ROOT, "Bare UNet loop %.2f ms/step vs pipeline %.2f ms/step: Java-side overhead %+.2f %% wall,"
                + " %+.2f %% CPU time%n", bareStepMillis, pipelineStepMillis, javaOverhead * 100, javaCpuOverhead * 100);
        out.printf(Locale.ROOT, "Load average (1/5/15 min) before → after: %s%n", loadAverage);
        out.println();
        out.printf(Locale.ROOT, "%-28s %9s %9s %9s %9s %9s %9s %10s %10s %9s%n", "scenario", "wall×off", "cpu×off",
                "wall ms",
                "lat p50", "lat p95", "dec→paint", "EDT stall", "EDT max", "decodes");
        for (ScenarioSummary s : scenarios) {
            out.printf(Locale.ROOT, "%-28s %9.3f %9.3f %9.1f %9s %9s %9s %10.1f %10.1f %9s%n", s.name(),
                    s.wallRatio(), s.cpuRatio(), s.wallMillis(), ms(s.latencyP50Millis()), ms(s.latencyP95Millis()),
                    ms(s.decodeToPaintP50Millis()), s.edtStallMedianMillis(),
                    s.edtStallMaxMillis(), decodes(s));
        }
        out.println("(lat = step end → preview painted; EDT stall = longest lateness of a 2 ms invokeLater heartbeat;"
                + " decodes = median / ceil(steps/N) expected;"
                + " cpu = process CPU time, insensitive to other processes)");
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String decodes(ScenarioSummary s) {
        String dropped = s.droppedMedian() > 0 ? String.format(Locale.ROOT, " (%.0f dropped)", s.droppedMedian()) : "";
        return String.format(Locale.ROOT, "%.0f/%d%s", s.decodesMedian(), s.decodesExpected(), dropped);
    }
}
