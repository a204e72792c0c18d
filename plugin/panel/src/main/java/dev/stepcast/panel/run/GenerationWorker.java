package dev.stepcast.panel.run;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.onnx.LocalBackend;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.StepEvent;
import dev.stepcast.engine.StepListener;
import dev.stepcast.panel.preview.ActivitySignal;
import dev.stepcast.panel.preview.ServerPreviewHint;
import dev.stepcast.panel.preview.FrameMailbox;
import dev.stepcast.panel.preview.PreviewDecoder;
import dev.stepcast.panel.preview.PreviewFrame;
import dev.stepcast.panel.preview.PreviewMethod;
import dev.stepcast.panel.preview.PreviewPolicy;
import dev.stepcast.panel.preview.PreviewSettings;
import dev.stepcast.panel.preview.PreviewerSelection;
import dev.stepcast.panel.preview.Progress;
import dev.stepcast.panel.preview.StepUpdate;
import dev.stepcast.panel.preview.WorkerTrace;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;

/**
 * Runs one generation off the EDT through a {@link Backend} — this computer's engine ({@link LocalBackend}) or a
 * server — and streams progress and live previews to the panel.
 *
 * <p>Data flow: the engine calls the step listener on the generation thread after every step; it publishes
 * {@link Progress} every step and asks the {@link PreviewPolicy} whether to preview the step (every N steps, only
 * while the user can see it unless "keep refreshing" is on, never a step twice). The approximate map decodes inline
 * (microseconds); the tiny decoder and the full VAE go through a latest-wins {@link FrameMailbox} to a
 * {@link PreviewDecoder} thread, so the sampling loop never waits for a decode. {@link #process} keeps only the newest
 * progress and the newest preview of each batch. When the host becomes active again, the held current step goes to the
 * decoder thread at once. Nothing decodes on the EDT.
 *
 * <p>A remote run has no latents: the backend asks {@link StepListener#wantsPreview} (answered by the same
 * {@link PreviewPolicy}: previews on, due, host active or keep-refreshing on, not decoded yet) before it makes the
 * server encode a preview, and a step event carrying the server's JPEG/PNG goes through the same latest-wins mailbox
 * to the decoder thread (ImageIO), never decoded on the EDT or on the thread that reads the server. When previews are
 * wanted but the server sends none (ComfyUI without {@code --preview-method}, live previews off on an sdapi server),
 * {@link Callbacks#notice} says so once per run.
 *
 * <pre>{@code
 * GenerationWorker worker = new GenerationWorker(backend, request, settings, activity, callbacks); // EDT
 * worker.start();
 * ... worker.cancelGeneration();   // Esc
 * }</pre>
 *
 * <p><b>Threads:</b> touched by several threads. Construct, {@link #start}, {@link #cancelGeneration} and
 * {@link #setTrace} on the EDT; the generation runs on a daemon thread "stepcast-generation" (the executor given by
 * the owner — the panel's, one per plugin lifetime, shut down when the plugin stops — or a thread of its own that
 * ends with the run; never SwingWorker's shared pool, which would outlive the plugin); previews may be decoded on
 * "stepcast-preview-decoder"; a remote backend may call the step listener from its own reader thread (the listener
 * is thread-safe); every {@link Callbacks} method is called on the EDT.
 */
public class GenerationWorker extends SwingWorker<GenerationResult, StepUpdate> {

    private static final System.Logger LOG = System.getLogger(GenerationWorker.class.getName());

    /**
     * What the panel is told. <b>Threads:</b> every method is called on the EDT. After one of {@link #finished},
     * {@link #cancelled} or {@link #failed} nothing more is called.
     */
    public interface Callbacks {
        /** After every step (coalesced: the newest progress of a batch). */
        void progress(Progress progress);

        /** A new preview of {@code step} (the newest of a batch); the receiver may keep the image. */
        void preview(BufferedImage image, int step);

        /** The generation finished; {@code result.image()} replaces the preview. */
        void finished(GenerationResult result);

        /** The generation was cancelled; the worker is done and the model free for the next run. */
        void cancelled();

        /** The generation failed; {@code userMessage} is for the user (details are logged). */
        void failed(String userMessage);

        /**
         * A quiet remark for the user about this run, e.g. that the server sends no previews although they are
         * wanted; at most once per run, before {@link #finished}/{@link #cancelled}/{@link #failed}.
         */
        default void notice(String message) {
        }
    }

    /** Previews wanted at this many steps with none received, for at least {@link #NO_PREVIEW_NANOS}: say so. */
    static final int NO_PREVIEW_STEPS = 3;
    static final long NO_PREVIEW_NANOS = 2_000_000_000L;

    private final Backend backend;
    private final Executor executor;
    private final GenerationRequest request;
    private final PreviewSettings settings;
    private final ActivitySignal activity;
    private final Callbacks callbacks;
    private final CancellationToken token = new CancellationToken();
    private final PreviewPolicy policy;
    private final FrameMailbox mailbox = new FrameMailbox();
    private final Consumer<Boolean> activityListener = this::activityChanged;
    private volatile WorkerTrace trace = WorkerTrace.NONE;
    private volatile PreviewMethod methodInEffect = PreviewMethod.NONE;
    private volatile RemoteSink remoteSink;
    private volatile PreviewDecoder decoder; // generation thread starts it and stops (joins) it at the end of the run
    private volatile java.util.function.UnaryOperator<BufferedImage> present = java.util.function.UnaryOperator.identity();
    private boolean started;
    private boolean ended; // EDT: done() ran
    private boolean noticed; // EDT: the no-previews notice was given

    /** Creates a worker running {@code model} on this computer on a thread of its own; call on the EDT. */
    public GenerationWorker(StableDiffusionModel model, GenerationRequest request, PreviewSettings settings,
                            ActivitySignal activity, Callbacks callbacks) {
        this(new LocalBackend(model), request, settings, activity, callbacks);
    }

    /** Creates a worker running on a "stepcast-generation" thread of its own, which ends with the run; EDT. */
    public GenerationWorker(Backend backend, GenerationRequest request, PreviewSettings settings,
                            ActivitySignal activity, Callbacks callbacks) {
        this(backend, GenerationWorker::runOnOwnThread, request, settings, activity, callbacks);
    }

    /**
     * Creates a worker that runs on {@code executor} (the panel's generation thread, shut down when the plugin stops);
     * call on the EDT. It listens to {@code activity} until it is done. It does not close {@code backend}.
     */
    public GenerationWorker(Backend backend, Executor executor, GenerationRequest request, PreviewSettings settings,
                            ActivitySignal activity, Callbacks callbacks) {
        this.backend = backend;
        this.executor = executor;
        this.request = request;
        this.settings = settings;
        this.activity = activity;
        this.callbacks = callbacks;
        this.policy = new PreviewPolicy(settings, activity.isActive());
    }

    /** A single-thread executor that ends its thread once the one run is over (nothing outlives the run). */
    private static void runOnOwnThread(Runnable run) {
        Thread thread = new Thread(run, "stepcast-generation");
        thread.setDaemon(true);
        thread.start();
    }

    /** A named daemon single-thread executor for generations; its owner shuts it down. */
    public static ExecutorService newGenerationExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stepcast-generation");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the generation on the generation thread. EDT; once. */
    public void start() {
        if (started) {
            throw new IllegalStateException("a GenerationWorker runs once");
        }
        started = true;
        policy.onActivityChanged(activity.isActive()); // in case it changed since construction
        activity.addListener(activityListener);
        executor.execute(this);
    }

    /** Asks the run to stop within the current step; {@link Callbacks#cancelled} follows. EDT; idempotent. */
    public void cancelGeneration() {
        token.cancel();
    }

    /** Sets measurement hooks; call on the EDT before {@link #start}. */
    public void setTrace(WorkerTrace newTrace) {
        trace = newTrace == null ? WorkerTrace.NONE : newTrace;
    }

    /** The preview method in effect once the run has started (Auto resolved, fallbacks applied). Any thread. */
    public PreviewMethod methodInEffect() {
        return methodInEffect;
    }

    /** Generation thread. */
    @Override
    protected GenerationResult doInBackground() throws Exception {
        StepListener sink;
        if (backend instanceof LocalBackend local) {
            PreviewerSelection selection = PreviewerSelection.open(local.model(), settings);
            methodInEffect = selection.method();
            sink = new StepSink(selection);
        } else {
            boolean previews = settings.method() != PreviewMethod.NONE;
            methodInEffect = previews ? PreviewMethod.SERVER : PreviewMethod.NONE;
            RemoteSink remote = new RemoteSink(previews);
            remoteSink = remote;
            sink = remote;
        }
        try {
            return backend.generate(request, sink, token);
        } finally {
            mailbox.close();
            PreviewDecoder running = decoder;
            if (running != null) {
                running.stop(); // terminates the decode in progress and joins: nothing decodes after the run
            }
        }
    }

    /** EDT: only the newest progress and the newest preview of the batch matter. */
    @Override
    protected void process(List<StepUpdate> chunks) {
        if (ended) {
            return; // a decode that finished after the run: the final image (or the cancel) wins
        }
        Progress progress = null;
        StepUpdate preview = null;
        for (StepUpdate update : chunks) {
            if (update.isPreview()) {
                preview = update;
            } else {
                progress = update.progress();
            }
        }
        if (progress != null) {
            callbacks.progress(progress);
        }
        if (preview != null) {
            callbacks.preview(preview.preview(), preview.step());
        }
    }

    /** EDT. */
    @Override
    protected void done() {
        RemoteSink remote = remoteSink;
        if (remote != null && remote.noPreviewsAtAll()) {
            giveNotice(remote);
        }
        ended = true;
        activity.removeListener(activityListener);
        mailbox.close();
        try {
            callbacks.finished(get());
        } catch (ExecutionException e) {
            report(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callbacks.cancelled();
        } catch (CancellationException e) {
            callbacks.cancelled();
        }
    }

    private void report(Throwable cause) {
        if (cause instanceof GenerationCancelledException) {
            callbacks.cancelled();
        } else if (cause instanceof ModelException) {
            LOG.log(System.Logger.Level.WARNING, "generation failed: " + cause.getMessage(), cause);
            callbacks.failed(cause.getMessage());
        } else {
            LOG.log(System.Logger.Level.ERROR, "generation failed unexpectedly", cause);
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            callbacks.failed("Generation failed unexpectedly: " + detail + " (details are in the log).");
        }
    }

    /** EDT: the activity signal changed; on resume, the held current step goes to the decoder thread at once. */
    private void activityChanged(boolean active) {
        PreviewFrame frame = policy.onActivityChanged(active);
        if (frame != null) {
            offer(frame);
        }
    }

    /** EDT: the server sends no previews although they were wanted; said once per run. */
    private void giveNotice(RemoteSink remote) {
        if (noticed || ended) {
            return;
        }
        noticed = true;
        String hint = ServerPreviewHint.forBackend(backend);
        LOG.log(System.Logger.Level.INFO, "no previews from " + backend.describe() + " after " + remote.wanted.get()
                + " wanted steps: " + hint);
        callbacks.notice(hint);
    }

    private void offer(PreviewFrame frame) {
        PreviewFrame stale = mailbox.offer(frame);
        if (stale != null) {
            trace.frameDropped(stale.step());
        }
    }

    /**
     * Shows every decoded preview as {@code operator} makes it (e.g. inpainting composites it into the source, so a
     * preview is the picture as it will be); applied on the thread that decoded it, never the EDT. Call before
     * {@code start()}.
     */
    public void presentPreviewsWith(java.util.function.UnaryOperator<BufferedImage> operator) {
        present = operator;
    }

    /** Decoder or generation thread: publish a decoded preview. */
    private void deliver(int step, long stepEndNanos, BufferedImage image) {
        trace.previewDecoded(step, stepEndNanos, System.nanoTime());
        publish(StepUpdate.preview(step, present.apply(image)));
    }

    /** The step listener: runs on the generation thread, returns in microseconds (no waits, no heavy decodes). */
    private final class StepSink implements StepListener {

        private final PreviewerSelection selection;
        private final boolean inline;
        private volatile boolean inlineFailed;

        StepSink(PreviewerSelection selection) {
            this.selection = selection;
            this.inline = selection.previewer() != null && !selection.method().decodesOffThread();
            if (selection.previewer() != null) {
                // Off-thread methods decode here; the inline approximate map also uses it for decodes on resume.
                decoder = PreviewDecoder.start(mailbox, selection.previewer(),
                        (frame, image) -> deliver(frame.step(), frame.stepEndNanos(), image));
            }
        }

        @Override
        public void onStep(StepEvent event) {
            long now = System.nanoTime();
            int step = event.step();
            trace.stepEnded(step, now);
            publish(StepUpdate.progress(Progress.of(step, event.totalSteps(), event.elapsedNanos())));
            if (selection.previewer() == null || inlineFailed) {
                return;
            }
            PreviewPolicy.Decision decision =
                    policy.onStep(step, () -> PreviewFrame.copyOf(step, event.predictedX0(), now));
            if (decision != PreviewPolicy.Decision.DECODE) {
                return;
            }
            if (inline) {
                decodeInline(event, now);
            } else {
                offer(PreviewFrame.copyOf(step, event.predictedX0(), now));
            }
        }

        private void decodeInline(StepEvent event, long stepEnd) {
            try {
                deliver(event.step(), stepEnd, selection.previewer().preview(event.predictedX0()));
            } catch (ModelException | RuntimeException e) {
                inlineFailed = true;
                LOG.log(System.Logger.Level.WARNING, "inline preview of step " + event.step()
                        + " failed; no more previews in this run", e);
            }
        }
    }

    /**
     * The step listener of a remote run: progress every event; a server's encoded preview goes through the policy
     * and the mailbox to the decoder thread. Thread-safe: the backend may call it from its poller or socket thread.
     */
    private final class RemoteSink implements StepListener {

        private final boolean previews;
        final AtomicInteger wanted = new AtomicInteger();
        /** Step events that carried a server's preview, decoded or not. */
        private final AtomicInteger received = new AtomicInteger();
        private final AtomicLong firstWantedNanos = new AtomicLong();
        private volatile int lastWantedStep;
        private volatile boolean noticeSent;

        RemoteSink(boolean previews) {
            this.previews = previews;
            if (previews) {
                decoder = PreviewDecoder.start(mailbox, null,
                        (frame, image) -> deliver(frame.step(), frame.stepEndNanos(), image));
            }
        }

        @Override
        public boolean wantsPreview(int step) {
            boolean wants = previews && policy.wants(step);
            if (wants && step != lastWantedStep) {
                lastWantedStep = step;
                wanted.incrementAndGet();
                firstWantedNanos.compareAndSet(0L, System.nanoTime());
            }
            return wants;
        }

        @Override
        public void onStep(StepEvent event) {
            long now = System.nanoTime();
            int step = event.step();
            trace.stepEnded(step, now);
            publish(StepUpdate.progress(Progress.of(step, event.totalSteps(), event.elapsedNanos())));
            if (!previews) {
                return;
            }
            if (event.preview() != null) {
                received.incrementAndGet();
                PreviewFrame frame = PreviewFrame.encoded(step, event.preview(), now);
                if (policy.onStep(step, () -> frame) == PreviewPolicy.Decision.DECODE) {
                    offer(frame);
                }
            } else if (noPreviewsForAWhile(now)) {
                noticeSent = true;
                SwingUtilities.invokeLater(() -> giveNotice(this));
            }
        }

        /** Whether previews were wanted at several steps, for a while, and none arrived. */
        private boolean noPreviewsForAWhile(long now) {
            long first = firstWantedNanos.get();
            return !noticeSent && received.get() == 0 && wanted.get() >= NO_PREVIEW_STEPS && first != 0L
                    && now - first >= NO_PREVIEW_NANOS;
        }

        /** At the end of a run: previews were wanted at least twice and not one arrived. */
        boolean noPreviewsAtAll() {
            return previews && received.get() == 0 && wanted.get() >= 2;
        }
    }
}
