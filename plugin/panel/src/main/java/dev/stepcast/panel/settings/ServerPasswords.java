package dev.stepcast.panel.settings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server passwords for this session only: typed once (in the server dialog, or when a server first asks for one) and
 * kept in memory until the plugin closes. Nothing here is ever written to a file; {@link Settings.ServerPrefs} has no
 * password at all, so the settings file cannot hold one.
 *
 * <p><b>Threads:</b> thread-safe (read on the threads that connect to servers, written on the EDT).
 */
public final class ServerPasswords {

    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    /** The password typed this session for {@code server}'s user, if any. */
    public Optional<String> get(Settings.ServerPrefs server) {
        return server.user() == null ? Optional.empty() : Optional.ofNullable(passwords.get(key(server)));
    }

    /** Keeps {@code password} for {@code server}'s user this session; {@code null} or empty forgets it. */
    public void put(Settings.ServerPrefs server, String password) {
        if (server.user() == null) {
            return;
        }
        if (password == null || password.isEmpty()) {
            passwords.remove(key(server));
        } else {
            passwords.put(key(server), password);
        }
    }

    /** Whether {@code server} needs a password that was not typed yet this session. */
    public boolean missing(Settings.ServerPrefs server) {
        return server.user() != null && !passwords.containsKey(key(server));
    }

    private static String key(Settings.ServerPrefs server) {
        return server.name() + '\u0000' + server.url() + '\u0000' + server.user();
    }
}
