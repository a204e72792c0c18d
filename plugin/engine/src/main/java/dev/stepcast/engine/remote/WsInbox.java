package dev.stepcast.engine.remote;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WebSocket.Listener} that assembles whole messages (text and binary, from partial frames) and queues them
 * for the generate thread, which handles them in order. The close or the failure of the socket is queued last.
 *
 * <p><b>Threads:</b> the JDK's WebSocket thread calls the listener methods; the generate thread takes messages.
 */
final class WsInbox implements WebSocket.Listener {

    /** One thing that happened on the socket. */
    sealed interface Message permits Text, Binary, Closed, Failed { }

    record Text(String text) implements Message { }

    record Binary(byte[] bytes) implements Message { }

    record Closed(int code, String reason) implements Message { }

    record Failed(Throwable error) implements Message { }

    private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            queue.add(new Text(text.toString()));
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.write(chunk, 0, chunk.length);
        if (last) {
            queue.add(new Binary(binary.toByteArray()));
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        queue.add(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        queue.add(new Failed(error));
    }

    /** The next message, or {@code null} after {@code millis} without one. */
    Message next(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }
}
