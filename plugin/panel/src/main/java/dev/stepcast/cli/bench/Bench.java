package dev.stepcast.cli.bench;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.io.AtomicFiles;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.SchedulerKind;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The bench from start to end: write the synthetic set, load it, measure each previewer's cost and the bare UNet
 * loop, run the scenarios through the SwingWorker path, report.
 *
 * <p><b>Threads:</b> the calling (main) thread; never the EDT.
 */
public final class Bench {

    private final BenchSettings settings;
    private final PrintStream out;
    private final PrintStream log;

    public Bench(BenchSettings settings, PrintStream out, PrintStream log) {
        this.settings = settings;
        this.out = out;
        this.log = log;
    }

    /** Runs everything; returns the exit code (0, or 1 when the model could not run, with one line on stderr). */
    public int run(boolean printJson, Path jsonOut) throws Exception {
        Path dir = settings.workDir() != null ? settings.workDir() : Files.createTempDirectory("stepcast-bench-");
        try {
            BenchReport report = measure(settings.model().write(dir.resolve("synthetic-sd")));
            report.printTable(out);
            if (printJson) {
                out.println(report.toJson());
            }
            if (jsonOut != null) {
                report.writeJson(jsonOut);
            }
            return 0;
        } catch (ModelException e) {
            log.println("bench: " + e.getMessage());
            return 1;
        } finally {
            if (settings.workDir() == null) {
                AtomicFiles.deleteTree(dir);
            }
        }
    }

    private BenchReport measure(Path folder) throws Exception {
        int latent = settings.size() / 8;
        GenerationRequest request = GenerationRequest.txt2img("a lighthouse on a cliff at dusk", "",
                settings.size(), settings.size(), settings.steps(), 7.5f, 1234)
                .withScheduler(SchedulerKind.EULER); // exactly one UNet call per step (PNDM makes N + 1)
        String loadBefore = Machine.loadAverage();
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.CPU)) {
            log.println("bench: measuring previewer costs on " + folder);
            CostProfile costs = CostProfile.measure(model, model.info().tinyDecoder().orElseThrow(), latent);
            log.println("bench: pipeline vs bare UNet loop");
            BareLoop bare = BareLoop.measure(model, request, settings.runs());
            List<Scenario> scenarios = BenchRunner.scenarios(settings.fullInterval(), settings.inactiveInterval());
            Map<Scenario, List<RunMeasure>> measured;
            boolean windowed;
            try (SwingRun swing = new SwingRun(model)) {
                windowed = swing.windowed();
                measured = new BenchRunner(model, request, log).run(swing, scenarios, settings.runs());
            }
            List<Long> offSteps = measured.get(Scenario.OFF).stream()
                    .map(m -> m.denoiseNanos() / m.steps()).toList();
            double stepMillis = Stats.ms(Stats.median(offSteps));
            String loadAverage = loadBefore + " → " + Machine.loadAverage();
            return new BenchReport(Machine.describe(), model.provider().summary(), windowed ? "window" : "offscreen",
                    settings.steps(), settings.size(), settings.runs(), settings.model(),
                    Stats.round(stepMillis, 2), Stats.round(Stats.ms(costs.approximateNanos()), 4),
                    Stats.round(Stats.ms(costs.tinyNanos()), 2), Stats.round(Stats.ms(costs.vaeNanos()), 2),
                    Stats.round(Stats.ms(costs.tinyNanos()) / stepMillis, 3),
                    Stats.round(Stats.ms(costs.vaeNanos()) / stepMillis, 3),
                    Stats.round(bare.bareMillisPerStep(), 2), Stats.round(bare.pipelineMillisPerStep(), 2),
                    Stats.round(bare.overhead(), 4), Stats.round(bare.cpuOverhead(), 4), loadAverage,
                    BenchRunner.summarise(measured));
        }
    }
}
