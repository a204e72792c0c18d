package dev.stepcast.cli.bench;

import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.panel.preview.PreviewMethod;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario {@code runs} times through the real SwingWorker path, interleaved (each repetition runs all
 * scenarios, in a rotated order, so slow drift of a shared machine hits them alike), after one warm-up round.
 *
 * <p><b>Threads:</b> the bench thread (never the EDT).
 */
final class BenchRunner {

    /** The scenarios the issue asks for; ratios are against {@link Scenario#OFF} of the same repetition. */
    static List<Scenario> scenarios(int fullInterval, int inactiveInterval) {
        return List.of(
                Scenario.OFF,
                Scenario.of("approximate every step", PreviewMethod.APPROXIMATE, 1, true, false),
                Scenario.of("tiny decoder every step", PreviewMethod.TINY_DECODER, 1, true, false),
                Scenario.of("full VAE every " + fullInterval + " steps", PreviewMethod.FULL, fullInterval, true, false),
                Scenario.of("inactive host, option off", PreviewMethod.APPROXIMATE, inactiveInterval, false, false),
                Scenario.of("inactive host, option on", PreviewMethod.APPROXIMATE, inactiveInterval, false, true));
    }

    private final StableDiffusionModel model;
    private final GenerationRequest request;
    private final PrintStream log;

    BenchRunner(StableDiffusionModel model, GenerationRequest request, PrintStream log) {
        this.model = model;
        this.request = request;
        this.log = log;
    }

    /** Measures every scenario: one warm-up round, then {@code runs} rotated rounds. */
    Map<Scenario, List<RunMeasure>> run(SwingRun swing, List<Scenario> scenarios, int runs) throws Exception {
        for (Scenario scenario : scenarios) {
            swing.run(request, scenario); // warm-up: JIT, ORT arenas, decoder sessions
        }
        Map<Scenario, List<RunMeasure>> measured = new LinkedHashMap<>();
        scenarios.forEach(s -> measured.put(s, new ArrayList<>()));
        for (int rep = 0; rep < runs; rep++) {
            for (int k = 0; k < scenarios.size(); k++) {
                Scenario scenario = scenarios.get((k + rep) % scenarios.size());
                RunMeasure m = swing.run(request, scenario);
                measured.get(scenario).add(m);
                log.printf("  run %d/%d  %-28s %7.1f ms  decodes %2d%n", rep + 1, runs, scenario.name(),
                        m.totalNanos() / 1e6, m.decodes());
            }
        }
        return measured;
    }

    static List<ScenarioSummary> summarise(Map<Scenario, List<RunMeasure>> measured) {
        List<RunMeasure> off = measured.get(Scenario.OFF);
        List<ScenarioSummary> out = new ArrayList<>();
        measured.forEach((scenario, runs) -> out.add(ScenarioSummary.of(scenario, runs, off)));
        return out;
    }
}
