package dev.stepcast.engine.bench;

import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.StableDiffusionModel;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.scheduler.SchedulerKind;
import dev.stepcast.engine.synthetic.SyntheticModelWriter;
import dev.stepcast.engine.synthetic.SyntheticOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Per-step time of the full pipeline against {@link BareUnetLoop} on the same model and size: medians of several
 * alternating runs in one JVM, after one warm-up of each. {@code main} measures synthetic models of three kinds.
 *
 * <p><b>Threads:</b> runs on the caller's thread.
 */
public final class OverheadBenchmark {

    /**
     * Medians over the runs, in seconds per denoising step.
     *
     * @param pipelineSecondsPerStep the pipeline's denoising loop (scheduler, guidance, listener, copies included)
     * @param bareSecondsPerStep     the bare UNet calls
     * @param runs                   runs of each
     */
    public record Measurement(double pipelineSecondsPerStep, double bareSecondsPerStep, int runs) {

        /** Java-side overhead per step, in milliseconds. */
        public double overheadMillisPerStep() {
            return (pipelineSecondsPerStep - bareSecondsPerStep) * 1000;
        }
    }

    private OverheadBenchmark() {
    }

    /** Measures {@code model} at {@code width × height}, {@code steps} Euler steps, guidance 7.5. */
    public static Measurement measure(StableDiffusionModel model, int width, int height, int steps, int runs)
            throws ModelException, GenerationCancelledException {
        GenerationRequest request = GenerationRequest.txt2img("a lighthouse at dusk", "blurry", width, height, steps,
                7.5f, 1).withScheduler(SchedulerKind.EULER);
        model.generate(request, StepListener.NONE, new CancellationToken());
        BareUnetLoop.run(model, width, height, steps, true);
        double[] pipeline = new double[runs];
        double[] bare = new double[runs];
        for (int i = 0; i < runs; i++) {
            GenerationResult r = model.generate(request.withSeed(i), event -> { }, new CancellationToken());
            pipeline[i] = r.secondsPerStep();
            bare[i] = BareUnetLoop.run(model, width, height, steps, true).secondsPerStep();
        }
        return new Measurement(median(pipeline), median(bare), runs);
    }

    /** Writes two synthetic models (light and UNet-heavy) to a temp folder and prints their measurements. */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path dir = Files.createTempDirectory("stepcast-overhead");
        try {
            report("light UNet (no extra layers), 512x512, 20 steps", dir.resolve("light"),
                    SyntheticOptions.defaults(), runs);
            report("light fp16 UNet (no extra layers), 512x512, 20 steps", dir.resolve("light16"),
                    SyntheticOptions.defaults().withFp16(true), runs);
            report("heavy UNet (12 extra 3x3 conv layers, 32 ch), 512x512, 20 steps", dir.resolve("heavy"),
                    SyntheticOptions.defaults().withCost(0, 12, 0, 0, 32), runs);
        } finally {
            deleteTree(dir);
        }
    }

    private static void report(String name, Path folder, SyntheticOptions options, int runs) throws Exception {
        SyntheticModelWriter.write(folder, options);
        try (StableDiffusionModel model = StableDiffusionModel.load(folder, ExecutionProvider.AUTO)) {
            Measurement m = measure(model, 512, 512, 20, runs);
            System.out.printf(Locale.ROOT, "%s on %s: pipeline %.3f ms/step, bare UNet loop %.3f ms/step,"
                            + " overhead %.3f ms/step (medians of %d runs)%n", name, model.provider().summary(),
                    m.pipelineSecondsPerStep() * 1000, m.bareSecondsPerStep() * 1000, m.overheadMillisPerStep(),
                    m.runs());
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
