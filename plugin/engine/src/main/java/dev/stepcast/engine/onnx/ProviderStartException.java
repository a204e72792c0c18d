package dev.stepcast.engine.onnx;

import dev.stepcast.engine.ModelException;
import java.nio.file.Path;

/**
 * An accelerator (CUDA, DirectML, CoreML) could not start a session: a problem of the machine, not of the model. The
 * message is {@link ProviderFailure}'s one line; the cause keeps ORT's full text for the log.
 */
public final class ProviderStartException extends ModelException {

    private static final long serialVersionUID = 1L;

    private final boolean lasting;

    ProviderStartException(String message, boolean lasting, Path file, Throwable cause) {
        super(message, file, cause);
        this.lasting = lasting;
    }

    /**
     * Whether the cause stays for the life of the process (a missing library or driver, no GPU): then the provider
     * is not tried again. A failure ORT gives no such reason for (e.g. the GPU's memory) is tried again next time.
     */
    public boolean lasting() {
        return lasting;
    }
}
