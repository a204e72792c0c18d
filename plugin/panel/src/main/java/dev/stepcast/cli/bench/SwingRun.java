package dev.stepcast.cli.bench;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.panel.preview.ActivitySignal;
import dev.stepcast.panel.run.GenerationWorker;
import dev.stepcast.panel.preview.Progress;
import dev.stepcast.panel.preview.WorkerTrace;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.swing.JFrame;

/**
 * Runs one generation exactly as the panel does — a {@link GenerationWorker} created on the EDT, callbacks on the
 * EDT, previews shown in a {@link PaintTimingView} — and measures it. With a display the view sits in a real window
 * and paints through the RepaintManager; headless it is painted offscreen in the preview callback.
 *
 * <p><b>Threads:</b> {@link #run} on the bench thread (never the EDT); it drives the EDT with invokeLater.
 */
final class SwingRun implements AutoCloseable {

    private final StableDiffusionModel model;
    private final boolean headless = GraphicsEnvironment.isHeadless();
    private final PaintTimingView view;
    private final JFrame frame;
    private final EdtProbe probe = new EdtProbe();

    SwingRun(StableDiffusionModel model) throws Exception {
        this.model = model;
        this.view = onEdt(PaintTimingView::new);
        this.frame = headless ? null : onEdt(this::window);
    }

    /** A run without a local model: {@link #runRemote} only. */
    SwingRun() throws Exception {
        this(null);
    }

    private JFrame window() {
        JFrame f = new JFrame("Stepcast bench");
        view.setPreferredSize(new java.awt.Dimension(512, 512));
        f.add(view);
        f.pack();
        f.setVisible(true);
        return f;
    }

    /** Whether previews are painted in a window ({@code false}: offscreen, no display). */
    boolean windowed() {
        return !headless;
    }

    RunMeasure run(GenerationRequest request, Scenario scenario) throws Exception {
        Map<Integer, Long> stepEnds = new ConcurrentHashMap<>();
        Map<Integer, Long> decodedAt = new ConcurrentHashMap<>();
        AtomicInteger decodes = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        WorkerTrace trace = new WorkerTrace() {
            @Override
            public void stepEnded(int step, long nanos) {
                stepEnds.put(step, nanos);
            }

            @Override
            public void previewDecoded(int step, long stepEndNanos, long decodedNanos) {
                decodes.incrementAndGet();
                decodedAt.put(step, decodedNanos);
            }

            @Override
            public void frameDropped(int step) {
                dropped.incrementAndGet();
            }
        };
        CompletableFuture<GenerationResult> outcome = new CompletableFuture<>();
        onEdt(() -> {
            view.reset();
            return null;
        });
        probe.start();
        long cpuBefore = ProcessCpu.nanos();
        onEdt(() -> {
            ActivitySignal.Settable activity = ActivitySignal.settable(scenario.active());
            GenerationWorker worker = new GenerationWorker(model, request, scenario.settings(), activity,
                    callbacks(outcome));
            worker.setTrace(trace);
            worker.start();
            return worker;
        });
        GenerationResult result = outcome.get(10, TimeUnit.MINUTES);
        long cpu = cpuBefore < 0 ? -1 : ProcessCpu.nanos() - cpuBefore;
        onEdt(() -> null); // let pending paints of the last preview run
        long stall = probe.stop();
        List<Long> latencies = new ArrayList<>();
        List<Long> decodeToPaint = new ArrayList<>();
        view.paintedAt().forEach((step, painted) -> {
            Long end = stepEnds.get(step);
            Long decoded = decodedAt.get(step);
            if (end != null && decoded != null) {
                latencies.add(painted - end);
                decodeToPaint.add(painted - decoded);
            }
        });
        return new RunMeasure(result.totalNanos(), cpu, result.denoiseNanos(), result.stepsRun(), decodes.get(),
                dropped.get(), latencies, decodeToPaint, stall);
    }

    /**
     * Runs one generation on a remote {@code backend} through the real worker and returns, per painted preview,
     * server step end → first paint in nanoseconds (step ends from {@code serverStepEnds}, read after the run; same
     * JVM, so {@link System#nanoTime()} is shared), plus the number of previews painted.
     */
    RemoteMeasure runRemote(Backend backend, GenerationRequest request, Scenario scenario,
                            Supplier<Map<Integer, Long>> serverStepEnds) throws Exception {
        CompletableFuture<GenerationResult> outcome = new CompletableFuture<>();
        onEdt(() -> {
            view.reset();
            return null;
        });
        onEdt(() -> {
            GenerationWorker worker = new GenerationWorker(backend, request, scenario.settings(),
                    ActivitySignal.settable(scenario.active()), callbacks(outcome));
            worker.start();
            return worker;
        });
        GenerationResult result = outcome.get(10, TimeUnit.MINUTES);
        onEdt(() -> null); // let pending paints of the last preview run
        Map<Integer, Long> ends = serverStepEnds.get();
        List<Long> latencies = new ArrayList<>();
        view.paintedAt().forEach((step, painted) -> {
            Long end = ends.get(step);
            if (end != null) {
                latencies.add(painted - end);
            }
        });
        return new RemoteMeasure(result.stepsRun(), view.paintedAt().size(), latencies);
    }

    /** What one remote run measured: steps run, previews painted, server step end → paint per painted preview. */
    record RemoteMeasure(int steps, int painted, List<Long> latencyNanos) {
    }

    private GenerationWorker.Callbacks callbacks(CompletableFuture<GenerationResult> outcome) {
        return new GenerationWorker.Callbacks() {
            @Override
            public void progress(Progress progress) {
                // the panel would update a progress bar here; nothing to measure
            }

            @Override
            public void preview(BufferedImage image, int step) {
                view.showPreview(image, step);
                if (headless) {
                    view.paintOffscreen();
                }
            }

            @Override
            public void finished(GenerationResult result) {
                view.showResult(result.image());
                outcome.complete(result);
            }

            @Override
            public void cancelled() {
                outcome.completeExceptionally(new IllegalStateException("bench run cancelled"));
            }

            @Override
            public void failed(String userMessage) {
                outcome.completeExceptionally(new IllegalStateException(userMessage));
            }
        };
    }

    /** Disposes the window (later, on the EDT). */
    @Override
    public void close() {
        if (frame != null) {
            EventQueue.invokeLater(frame::dispose);
        }
    }

    private static <T> T onEdt(java.util.concurrent.Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        EventQueue.invokeLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(1, TimeUnit.MINUTES);
    }
}
