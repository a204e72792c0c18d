package dev.stepcast.engine.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A generation server the painter runs: where it is, which protocol it speaks and how to log in.
 *
 * <p>The password is held in memory only: this record never writes it anywhere, {@link #toString()} hides it, and
 * whoever persists servers must keep it out of the settings file (OS keychain or ask once per session).
 *
 * @param name           what the user calls it, e.g. "gpu-box"
 * @param url            the server's base URL, e.g. {@code http://gpu-box:7860} (no credentials in it)
 * @param protocol       the protocol, or {@link Protocol#AUTO} to detect it on {@link Backends#connect}
 * @param user           the HTTP basic auth user (A1111/SD.Next {@code --api-auth}), or {@code null}
 * @param password       the HTTP basic auth password, or {@code null}; never persisted by the engine
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout    how long to wait for one answer (a blocking sdapi generate waits for the whole run, so it
 *                       gets this on top of the run's own duration: see {@link #generateTimeout})
 * @param pollInterval   the sdapi progress poll period (default 250 ms)
 */
public record RemoteServer(String name, URI url, Protocol protocol, String user, String password,
                           Duration connectTimeout, Duration readTimeout, Duration pollInterval) {

    /** Default TCP connect timeout: short, so a server that is down is reported within a few seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Default timeout of one request (not a whole generation). */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default sdapi progress poll period. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    /** How long a blocking generate call may take in total, at most. */
    public static final Duration DEFAULT_GENERATE_TIMEOUT = Duration.ofMinutes(30);

    /** The protocols Stepcast speaks. */
    public enum Protocol {
        /** Detect on connect: ComfyUI, then SD.Next v2, then sdapi. */
        AUTO("auto"),
        /** A1111 / SD.Next {@code /sdapi/v1}: blocking generate plus progress polling. */
        SDAPI("sdapi"),
        /** SD.Next {@code /sdapi/v2/jobs} with the job's WebSocket pushing progress and JPEG previews. */
        SDNEXT_V2("sdnext-v2"),
        /** ComfyUI: API-format workflow, {@code /ws} pushing progress and preview frames. */
        COMFYUI("comfyui");

        private final String cliName;

        Protocol(String cliName) {
            this.cliName = cliName;
        }

        /** The command-line and settings name, e.g. "sdnext-v2". */
        public String cliName() {
            return cliName;
        }

        /** Finds a protocol by its CLI name or enum name, ignoring case. */
        public static Optional<Protocol> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Protocol p : values()) {
                if (p.cliName.equals(t) || p.name().toLowerCase(Locale.ROOT).equals(t)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    public RemoteServer {
        Objects.requireNonNull(url, "url");
        protocol = protocol == null ? Protocol.AUTO : protocol;
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("server URL " + url + " must start with http:// or https://");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("server URL " + url + " has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("server URL must not carry credentials here; use user/password");
        }
        name = name == null || name.isBlank() ? url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                : name;
        user = user == null || user.isEmpty() ? null : user;
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT);
        pollInterval = positive(pollInterval, DEFAULT_POLL_INTERVAL);
    }

    /** A server with default timeouts and no credentials. */
    public static RemoteServer of(URI url, Protocol protocol) {
        return new RemoteServer(null, url, protocol, null, null, null, null, null);
    }

    /**
     * Parses a URL as typed on the command line or in settings; credentials in it ({@code http://user:pass@host})
     * move into {@link #user()} and {@link #password()}. A trailing slash is dropped.
     *
     * @throws IllegalArgumentException with a message naming the text when it is no http(s) URL
     */
    public static RemoteServer parse(String text, Protocol protocol) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("server URL is empty");
        }
        String t = text.trim();
        if (!t.contains("://")) {
            t = "http://" + t;
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL (" + e.getReason() + ")");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path.isEmpty() ? null : path,
                    null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL (" + e.getReason() + ")");
        }
        return new RemoteServer(null, uri, protocol, user, password, null, null, null);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }

    public RemoteServer withProtocol(Protocol p) {
        return new RemoteServer(name, url, p, user, password, connectTimeout, readTimeout, pollInterval);
    }

    public RemoteServer withCredentials(String newUser, String newPassword) {
        return new RemoteServer(name, url, protocol, newUser, newPassword, connectTimeout, readTimeout,
                pollInterval);
    }

    public RemoteServer withTimeouts(Duration connect, Duration read) {
        return new RemoteServer(name, url, protocol, user, password, connect, read, pollInterval);
    }

    public RemoteServer withPollInterval(Duration interval) {
        return new RemoteServer(name, url, protocol, user, password, connectTimeout, readTimeout, interval);
    }

    public RemoteServer withName(String newName) {
        return new RemoteServer(newName, url, protocol, user, password, connectTimeout, readTimeout, pollInterval);
    }

    /** Whether HTTP basic auth is sent. */
    public boolean hasCredentials() {
        return user != null;
    }

    /** "host:port" as users see it in one-line messages. */
    public String hostAndPort() {
        return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    /** How long one blocking generate call may take (sdapi): {@link #DEFAULT_GENERATE_TIMEOUT}. */
    public Duration generateTimeout() {
        return DEFAULT_GENERATE_TIMEOUT.compareTo(readTimeout) > 0 ? DEFAULT_GENERATE_TIMEOUT : readTimeout;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "RemoteServer[" + name + ", " + url + ", " + protocol.cliName()
                + (user != null ? ", user " + user + (password != null ? ", password ****" : "") : "") + "]";
    }
}
