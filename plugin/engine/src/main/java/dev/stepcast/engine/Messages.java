package dev.stepcast.engine;

/**
 * The one helper that turns a library's message (ONNX Runtime, Jackson, a server's error text) into the part a user
 * sees in one line.
 *
 * <p><b>Threads:</b> stateless; any thread.
 */
public final class Messages {

    /** Longest first line kept; a server may answer with a whole HTML page on one line. */
    static final int MAX_LENGTH = 300;

    private Messages() {
    }

    /**
     * The first line of {@code message}, stripped and cut at {@value #MAX_LENGTH} characters (with "…"), or
     * {@code ifNone} when there is no message.
     */
    public static String firstLine(String message, String ifNone) {
        if (message == null || message.isBlank()) {
            return ifNone;
        }
        String t = message.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl).strip();
        return t.length() > MAX_LENGTH ? t.substring(0, MAX_LENGTH) + "…" : t;
    }
}
