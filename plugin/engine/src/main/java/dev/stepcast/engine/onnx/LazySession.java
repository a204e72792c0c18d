package dev.stepcast.engine.onnx;

import dev.stepcast.engine.ModelException;
import java.nio.file.Path;

/**
 * A session opened on first use: the VAE encoder, which only image to image needs, so a text-to-image run never
 * pays for it. Closing closes the session if it was opened; a use after closing is refused.
 *
 * <p><b>Threads:</b> thread-safe; {@link #get()} and {@link #close()} are serialised on this object.
 */
public final class LazySession implements AutoCloseable {

    private final SessionOpener opener;
    private final Path file;
    private ModelSession session;
    private boolean closed;

    LazySession(SessionOpener opener, Path file) {
        this.opener = opener;
        this.file = file;
    }

    /** The ONNX file this session loads. */
    public Path file() {
        return file;
    }

    /** The session, opened now if this is the first use. */
    public synchronized ModelSession get() throws ModelException {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        if (session == null) {
            session = opener.open(file);
        }
        return session;
    }

    /** Whether the session has been opened (tests check that text to image never opens it). */
    public synchronized boolean isOpen() {
        return session != null && !closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
