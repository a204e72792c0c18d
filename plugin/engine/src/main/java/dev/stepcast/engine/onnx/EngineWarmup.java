package dev.stepcast.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;

/**
 * Starts, on a background thread, the one-time work every first generation waits for and that does not depend on
 * the model: extracting and loading ONNX Runtime's native library and creating its environment, the Unicode normaliser
 * of the prompt cleaner and finding the PNG writer. Called first thing by the CLI and the
 * standalone launcher, so this work overlaps argument parsing and file checks instead of sitting on the critical
 * path; whatever has not finished when the model loads is simply waited for by the JVM's class initialisation.
 * Failures are ignored here: the same work runs again where it is needed and reports there.
 *
 * <p><b>Threads:</b> safe from any thread; starts at most one daemon thread ("stepcast-warmup") per process.
 */
public final class EngineWarmup {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private EngineWarmup() {
    }

    /**
     * Starts the warm-up once per process and returns at once. The work not needed until {@code first} is done (the
     * prompt's Unicode normaliser, the PNG writer) waits for it: on two cores, a cold CLI's critical path is picocli building its
     * command model, and this keeps the warm-up from competing with it. {@code null} waits for nothing.
     */
    public static void startInBackground(java.util.concurrent.Future<?> first) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> warm(first), "stepcast-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
    }

    private static void warm(java.util.concurrent.Future<?> first) {
        try {
            OrtEnvironments.get();
            if (first != null) {
                try {
                    first.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // its own thread reports it
                }
            }
            // the prompt cleaner's Unicode normaliser loads its ICU tables (~15 ms), once per process
            java.text.Normalizer.normalize("warm \u00e9", java.text.Normalizer.Form.NFKC);
            ImageIO.getImageWritersByFormatName("png").hasNext();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            System.getLogger(EngineWarmup.class.getName()).log(System.Logger.Level.DEBUG, "warm-up failed", e);
        }
    }
}
