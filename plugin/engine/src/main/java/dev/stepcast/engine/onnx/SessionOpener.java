package dev.stepcast.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.Messages;
import dev.stepcast.engine.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates {@link ModelSession}s for one execution provider. Sessions are created <em>by path</em>, so models with
 * external weights ({@code weights.pb}, {@code *.onnx_data}) beside the {@code .onnx} file load. When session
 * creation fails at the default optimisation level it is retried at {@code EXTENDED_OPT} (ORT 1.23 on CPU cannot
 * create some fp16 text encoders whose LayerNorm pattern it fuses at ALL_OPT) and the retry is logged.
 *
 * <p><b>Threads:</b> thread-safe (no mutable state).
 */
public final class SessionOpener {

    private static final System.Logger LOG = System.getLogger(SessionOpener.class.getName());

    private final OrtEnvironment env;
    private final ExecutionProvider provider;

    public SessionOpener(OrtEnvironment env, ExecutionProvider provider) {
        this.env = env;
        this.provider = provider;
    }

    public ExecutionProvider provider() {
        return provider;
    }

    /** Opens {@code file}; a missing or unreadable file is a {@link ModelException} naming it. */
    public ModelSession open(Path file) throws ModelException {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("Missing model file " + file + " (expected an ONNX file there)", file);
        }
        try {
            return new ModelSession(create(file, OptLevel.ALL_OPT), file);
        } catch (OrtException first) {
            if (first.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF
                    || first.getCode() == OrtException.OrtErrorCode.ORT_EP_FAIL) {
                // a corrupt or non-ONNX file fails while parsing, and an execution provider that cannot start fails
                // before any optimisation: no retry at another optimisation level can help
                throw invalid(file, first, first);
            }
            LOG.log(System.Logger.Level.INFO, "Session creation for " + file + " failed at ALL_OPT ("
                    + first.getMessage() + "); retrying at EXTENDED_OPT (fp16 LayerNorm fusion)");
            try {
                OrtSession session = create(file, OptLevel.EXTENDED_OPT);
                LOG.log(System.Logger.Level.WARNING, "Loaded " + file + " at EXTENDED_OPT after ALL_OPT failed");
                return new ModelSession(session, file);
            } catch (OrtException second) {
                first.addSuppressed(second);
                throw invalid(file, second, first);
            }
        }
    }

    ModelException invalid(Path file, OrtException reason, OrtException details) {
        if (provider != ExecutionProvider.CPU && provider != ExecutionProvider.AUTO
                && details.getCode() != OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF) {
            // an accelerator that does not start is the machine's problem, never the model's; a file that is not
            // ONNX at all is the model's on any provider
            String text = fullText(details);
            if (text.contains("Failed to load shared library") && !text.contains("cannot open shared object file")) {
                // ORT's exception does not say which library; the loader does (ORT's log line is kept off stderr)
                text = text + ProviderLibraryProbe.loaderError(provider).map(why -> "\n" + why).orElse("");
            }
            boolean lasting = details.getCode() == OrtException.OrtErrorCode.ORT_EP_FAIL
                    || ProviderFailure.namesTheMachine(provider, text);
            return new ProviderStartException(ProviderFailure.explain(provider, text), lasting, file, details);
        }
        return new ModelException("Cannot load " + file + ": not a valid ONNX model for " + provider.displayName()
                + " (" + firstLine(reason.getMessage()) + ")", file, details);
    }

    /** Creates a raw session (for provider probing); the caller wraps or closes it. */
    private OrtSession create(Path file, OptLevel level) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(level);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            ExecutionProviders.configure(options, provider);
            return env.createSession(file.toString(), options);
        }
    }

    /** ORT's message with its suppressed retries', for finding a library name anywhere in them. */
    private static String fullText(OrtException e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t : e.getSuppressed()) {
            out.append('\n').append(t.getMessage());
        }
        return out.toString();
    }

    static String firstLine(String message) {
        return Messages.firstLine(message, "no details");
    }
}
