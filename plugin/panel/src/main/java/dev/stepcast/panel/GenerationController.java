package dev.stepcast.panel;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.panel.parts.ActionBar;
import dev.stepcast.panel.parts.MessageBox;
import dev.stepcast.panel.png.GenerationParameters;
import dev.stepcast.panel.preview.ActivitySignal;
import dev.stepcast.panel.run.GenerationWorker;
import dev.stepcast.panel.preview.PreviewSettings;
import dev.stepcast.panel.parts.PreviewArea;
import dev.stepcast.panel.preview.Progress;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs a batch of generations one after another with the previews helper's {@link GenerationWorker} (the model runs
 * on the worker's own thread, never the EDT), and shows their progress, previews and results: progress in the
 * {@link ActionBar}, previews and the final image in the {@link PreviewArea}, failures in the {@link MessageBox}.
 * Each finished image goes to {@code onResult} (the panel stores it in the history). Cancel stops the running image
 * and drops the rest of the batch.
 *
 * <p>Settings read: the preview settings snapshot given at {@link #start} (interval, method, keep when inactive).
 *
 * <p><b>Threads:</b> EDT only.
 */
final class GenerationController {

    /**
     * One image to make.
     *
     * @param request    the engine request
     * @param parameters what the PNG will say
     * @param plan       where the result goes
     */
    record Job(GenerationRequest request, GenerationParameters parameters, RegionPlan plan) {
    }

    private final ActionBar actions;
    private final PreviewArea preview;
    private final MessageBox messages;
    private final ActivitySignal activity;
    private final BiConsumer<Job, GenerationResult> onResult;
    private final Runnable onIdle;
    private final Deque<Job> queue = new ArrayDeque<>();
    private final java.util.Set<String> noticesGiven = new java.util.HashSet<>();
    /** The panel's generation thread: one per plugin lifetime, shut down by {@link #close()}. */
    private final ExecutorService generationThread = GenerationWorker.newGenerationExecutor();
    private GenerationWorker worker;
    private int lastPreviewStep;
    private IntConsumer onCancelled = step -> { };
    private int batchSize;
    private int batchIndex;

    GenerationController(ActionBar actions, PreviewArea preview, MessageBox messages, ActivitySignal activity,
                         BiConsumer<Job, GenerationResult> onResult, Runnable onIdle) {
        this.actions = actions;
        this.preview = preview;
        this.messages = messages;
        this.activity = activity;
        this.onResult = onResult;
        this.onIdle = onIdle;
    }

    /**
     * Cancels the run (if any) and shuts the generation thread down: it ends once the cancelled run has returned, so
     * nothing of the plugin keeps running after it stops.
     */
    void close() {
        cancel();
        generationThread.shutdown();
    }

    /** Called on the EDT after a cancel, with the step of the preview left in the view (0 for none). */
    void setOnCancelled(IntConsumer callback) {
        onCancelled = callback;
    }

    /** Whether a generation runs. */
    boolean isRunning() {
        return worker != null;
    }

    /** Starts the batch; the model stays in use until the batch ends. */
    void start(Backend model, List<Job> jobs, Supplier<PreviewSettings> previewSettings) {
        if (isRunning() || jobs.isEmpty()) {
            return;
        }
        queue.clear();
        queue.addAll(jobs);
        batchSize = jobs.size();
        batchIndex = 0;
        messages.clear();
        actions.setRunning(true);
        next(model, previewSettings);
    }

    /** Shows {@code message} as a warning the first time this panel session sees it (after {@link #start}). */
    void noticeOnce(String message) {
        if (noticesGiven.add(message)) {
            messages.showWarning(message);
        }
    }

    /** Cancels the running image and the rest of the batch. */
    void cancel() {
        queue.clear();
        if (worker != null) {
            worker.cancelGeneration();
            actions.showStatus("Cancelling…", true);
        }
    }

    private void next(Backend model, Supplier<PreviewSettings> previewSettings) {
        Job job = queue.poll();
        if (job == null) {
            finish(batchSize > 1 ? "Done: " + batchSize + " images" : "Done");
            return;
        }
        batchIndex++;
        preview.startRun();
        lastPreviewStep = 0;
        worker = new GenerationWorker(model, generationThread, job.request(), previewSettings.get(),
                activity,
                new GenerationWorker.Callbacks() {
                    @Override
                    public void progress(Progress p) {
                        actions.showProgress(p.step(), p.total(), p.itPerSecond(), p.etaSeconds(), batchIndex,
                                batchSize);
                    }

                    @Override
                    public void preview(BufferedImage image, int step) {
                        preview.showPreview(image, step);
                        lastPreviewStep = step;
                    }

                    @Override
                    public void notice(String message) {
                        noticeOnce(message); // once per panel session, as a warning, not an error
                    }

                    @Override
                    public void finished(GenerationResult result) {
                        worker = null;
                        preview.showResult(result.image());
                        onResult.accept(job, result);
                        next(model, previewSettings);
                    }

                    @Override
                    public void cancelled() {
                        worker = null;
                        finish("Cancelled");
                        onCancelled.accept(lastPreviewStep);
                    }

                    @Override
                    public void failed(String userMessage) {
                        worker = null;
                        queue.clear();
                        messages.showError(userMessage);
                        finish("Failed");
                    }
                });
        if (job.plan().inpaint() != null) {
            worker.presentPreviewsWith(job.plan().inpaint()::composite);
        }
        worker.start();
    }

    private void finish(String status) {
        actions.setRunning(false);
        actions.showStatus(status, false);
        onIdle.run();
    }
}
