package dev.stepcast.panel.settings;

/**
 * Connects to a server to check it, for the settings dialog's Test button.
 *
 * <p><b>Threads:</b> {@link #test} runs off the EDT (it talks to the network); implementations are thread-safe.
 */
@FunctionalInterface
public interface ServerTester {

    /**
     * Connects and lists the server's checkpoints.
     *
     * @param password the session's password for the server's user, or {@code null}
     * @return one line for the user, e.g. "ComfyUI 0.3 at gpu-box:8188 — 12 checkpoints"
     * @throws Exception whose message is the one-line failure naming the server
     */
    String test(Settings.ServerPrefs server, String password, Settings.RemotePrefs remote) throws Exception;
}
