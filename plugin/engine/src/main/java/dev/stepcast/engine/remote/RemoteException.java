package dev.stepcast.engine.remote;

import dev.stepcast.engine.ModelException;
import java.net.URI;

/**
 * A server could not do what was asked: unreachable, wrong protocol, credentials needed, its own error text, an
 * answer that is not what the protocol says, a dropped WebSocket, a timeout. The message is one line for the user
 * and names the server's URL; the cause carries details for the log.
 */
public class RemoteException extends ModelException {

    private static final long serialVersionUID = 1L;

    private final transient URI url;

    public RemoteException(URI url, String message) {
        this(url, message, null);
    }

    public RemoteException(URI url, String message, Throwable cause) {
        super(message, null, cause);
        this.url = url;
    }

    /** The server (or the request URL) the problem is about. */
    public URI url() {
        return url;
    }
}
