package dev.stepcast.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * The one ONNX Runtime environment, created with ORT's own logging at FATAL so that its log lines (red ANSI lines on
 * stderr, e.g. a failed provider library or a failed run) never reach the terminal or the panel; Stepcast reports
 * each failure itself as one line and puts ORT's full text into its log.
 *
 * <p><b>Threads:</b> thread-safe (ORT's environment is a process-wide singleton).
 */
public final class OrtEnvironments {

    /** The environment's logger id. */
    static final String LOGGER_ID = "stepcast";

    private OrtEnvironments() {
    }

    /** The process's ORT environment; the first call creates it with FATAL logging. */
    public static OrtEnvironment get() {
        NativeLibraryCache.installIfEnabled();
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, LOGGER_ID);
    }
}
