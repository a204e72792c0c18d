package dev.stepcast.engine.remote;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.EncodedImage;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.inpaint.InpaintPlan;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.StepListener;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every server backend shares: its {@link RemoteHttp}, one generation at a time, a small daemon pool for the
 * cancel request (never sent on the thread that calls {@link CancellationToken#cancel()}, which may be the EDT), and
 * the finished result.
 *
 * <p><b>Threads:</b> thread-safe; {@link #generate} is serialised by a lock.
 */
public abstract class RemoteBackend implements Backend {

    private static final Logger LOG = Logger.getLogger(RemoteBackend.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    protected final RemoteHttp http;
    private final ReentrantLock running = new ReentrantLock();
    protected final ExecutorService background = Executors.newCachedThreadPool(daemon());
    private volatile List<String> samplerCache;

    protected RemoteBackend(RemoteHttp http) {
        this.http = http;
    }

    /** The server this backend talks to. */
    public RemoteServer server() {
        return http.server();
    }

    /** The protocol this backend speaks. */
    public abstract RemoteServer.Protocol protocol();

    @Override
    public final GenerationResult generate(GenerationRequest request, StepListener listener, CancellationToken cancel)
            throws ModelException, GenerationCancelledException {
        StepListener l = listener == null ? StepListener.NONE : listener;
        CancellationToken c = cancel == null ? new CancellationToken() : cancel;
        c.throwIfCancelled();
        running.lock();
        try {
            return run(request, l, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.cancel();
            throw new GenerationCancelledException();
        } finally {
            running.unlock();
        }
    }

    /** Runs one generation; called with the lock held. */
    protected abstract GenerationResult run(GenerationRequest request, StepListener listener, CancellationToken cancel)
            throws ModelException, GenerationCancelledException, InterruptedException;

    @Override
    public final List<String> samplers() throws ModelException {
        List<String> s = samplerCache;
        if (s == null) {
            try {
                s = List.copyOf(fetchSamplers());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteException(http.base(), "listing samplers of " + http.base() + " was interrupted", e);
            }
            samplerCache = s;
        }
        return s;
    }

    protected abstract List<String> fetchSamplers() throws ModelException, InterruptedException;

    @Override
    public final List<String> checkpoints() throws ModelException {
        try {
            return List.copyOf(fetchCheckpoints());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(http.base(), "listing checkpoints of " + http.base() + " was interrupted", e);
        }
    }

    protected abstract List<String> fetchCheckpoints() throws ModelException, InterruptedException;

    /** Sends {@code action} (the server's interrupt) on a background thread; failures are logged. */
    protected void sendInBackground(String what, RemoteAction action) {
        background.execute(() -> {
            try {
                action.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.log(Level.WARNING, what + " to " + http.base() + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** A network action for {@link #sendInBackground}. */
    @FunctionalInterface
    protected interface RemoteAction {
        void run() throws Exception;
    }

    /** The finished result of a server run. */
    protected GenerationResult result(EncodedImage image, GenerationRequest request, long seedUsed, int stepsRun,
                                      long startNanos, long firstStepNanos, List<String> warnings)
            throws RemoteException {
        return result(image, request, null, seedUsed, stepsRun, startNanos, firstStepNanos, warnings);
    }

    /** The same, with the inpainting plan the run already made ({@code null}: made here when needed). */
    protected GenerationResult result(EncodedImage image, GenerationRequest request, InpaintPlan plan, long seedUsed,
                                      int stepsRun, long startNanos, long firstStepNanos, List<String> warnings)
            throws RemoteException {
        long end = System.nanoTime();
        var decoded = RemoteImages.decode(http.base(), image);
        if (request.isInpainting()) {
            // Whatever the server did at its size, the result is the source with only the masked part from the server.
            if (plan == null) {
                InpaintOptions options = request.inpaint();
                if (returnsWholePicture()) {
                    options = options.withArea(InpaintOptions.Area.WHOLE, 0);
                }
                plan = InpaintPlan.prepare(request.initImage(), options, request.width(), request.height());
            }
            decoded = plan.composite(decoded);
        }
        long denoise = firstStepNanos > 0 ? end - firstStepNanos : end - startNanos;
        return new GenerationResult(decoded, null, request.withSeed(seedUsed), request.scheduler(), describe(),
                stepsRun, end - startNanos, denoise, warnings);
    }

    /**
     * Whether the server answers an "only masked" inpainting with the whole picture, its crop pasted back at its
     * place (A1111 and SD.Next do), rather than with the crop it was sent (ComfyUI). Default: the crop.
     */
    protected boolean returnsWholePicture() {
        return false;
    }

    /**
     * Lets an interrupt already queued (a cancel just before close, e.g. the panel closing mid-run) still reach the
     * server, and takes no new work; the threads are daemons and end with it.
     */
    @Override
    public void close() {
        background.shutdown();
    }

    private static ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "stepcast-remote-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
