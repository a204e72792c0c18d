package dev.stepcast.engine.onnx;

import dev.stepcast.engine.io.JsonTrees;
import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;

/**
 * Starts, on a background thread, the one-time work every first generation waits for and that does not depend on
 * the model: extracting and loading ONNX Runtime's native library and creating its environment, initialising
 * Jackson's JSON parser and tree nodes (the model's JSON configs), finding the PNG writer, and the Unicode normaliser of the prompt cleaner. Called first thing by the CLI and the
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

    /** Starts the warm-up once per process; returns at once. */
    public static void startInBackground() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(EngineWarmup::warm, "stepcast-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
    }

    private static void warm() {
        try {
            OrtEnvironments.get();
            JsonTrees.parse("{\"warm\": [1, 2.5, true, null, \"x\"]}");
            ImageIO.getImageWritersByFormatName("png").hasNext();
            // the prompt cleaner's Unicode normaliser loads its ICU tables (~15 ms), once per process
            java.text.Normalizer.normalize("warm \u00e9", java.text.Normalizer.Form.NFKC);
        } catch (Exception | LinkageError e) {
            System.getLogger(EngineWarmup.class.getName()).log(System.Logger.Level.DEBUG, "warm-up failed", e);
        }
    }
}
