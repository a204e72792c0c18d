package dev.stepcast.engine.onnx;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.ModelException;
import java.nio.file.Path;

/**
 * An accelerator (CUDA, DirectML, CoreML) could not start a session: a problem of the machine, not of the model. The
 * message is {@link ProviderFailure}'s one line; the cause keeps ORT's full text for the log.
 */
public final class ProviderStartException extends ModelException {

    private static final long serialVersionUID = 1L;

    private final transient ExecutionProvider provider;

    ProviderStartException(ExecutionProvider provider, String message, Path file, Throwable cause) {
        super(message, file, cause);
        this.provider = provider;
    }

    /** The provider that did not start. */
    public ExecutionProvider provider() {
        return provider;
    }
}
