package dev.stepcast.standins;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A stand-in's end of a WebSocket: whole messages sent one at a time (blocking until written), abrupt drops.
 *
 * <p><b>Threads:</b> thread-safe; sends are serialised.
 */
public final class WsPeer {

    private final Session session;

    WsPeer(Session session) {
        this.session = session;
    }

    /** Sends a text message; false if the socket is gone. */
    public synchronized boolean text(String message) {
        return await(Callback.Completable.with(c -> session.sendText(message, c)));
    }

    /** Sends a binary message; false if the socket is gone. */
    public synchronized boolean binary(byte[] message) {
        return await(Callback.Completable.with(c -> session.sendBinary(ByteBuffer.wrap(message), c)));
    }

    /** Closes normally. */
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    /** Drops the TCP connection without a close frame (a network failure mid-run). */
    public void drop() {
        session.disconnect();
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    private boolean await(Callback.Completable c) {
        try {
            c.get(10, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
