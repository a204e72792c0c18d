package dev.stepcast.engine.remote;

import dev.stepcast.engine.io.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.Messages;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One server's HTTP and WebSocket access through {@code java.net.http} and Jackson: base URL, basic auth, timeouts,
 * and the translation of every failure into one {@link RemoteException} line naming the URL.
 *
 * <p><b>Threads:</b> thread-safe (the JDK client is); used by a generate call and its poller/cancel threads at once.
 */
public final class RemoteHttp {

    private static final Logger LOG = Logger.getLogger(RemoteHttp.class.getName());
    static final ObjectMapper JSON = JsonMappers.create();

    private final RemoteServer server;
    private final HttpClient client;
    private final String authorization;

    public RemoteHttp(RemoteServer server) {
        this.server = server;
        this.client = HttpClient.newBuilder()
                .connectTimeout(server.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.authorization = server.hasCredentials()
                ? "Basic " + Base64.getEncoder().encodeToString((server.user() + ":"
                + (server.password() == null ? "" : server.password())).getBytes(StandardCharsets.UTF_8))
                : null;
    }

    public RemoteServer server() {
        return server;
    }

    /** The server's base URL as users see it (no credentials). */
    public URI base() {
        return server.url();
    }

    /** {@code path} (starting with '/', may carry a query) under the base URL, keeping a base path prefix. */
    public URI resolve(String path) {
        String base = server.url().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    /** An answer: status, body bytes, and the URI asked. */
    public record Answer(URI uri, int status, byte[] body, String contentType) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** GET returning the raw answer whatever its status (the caller judges it); transport failures throw. */
    public Answer get(String path, Duration timeout) throws RemoteException, InterruptedException {
        return send(request(path, timeout).GET().build());
    }

    /** GET a JSON document; non-2xx and malformed JSON throw. */
    public JsonNode getJson(String path) throws RemoteException, InterruptedException {
        return json(expectOk(get(path, server.readTimeout())));
    }

    /** GET bytes (an image); non-2xx throws. */
    public byte[] getBytes(String path) throws RemoteException, InterruptedException {
        return expectOk(get(path, server.readTimeout())).body();
    }

    /** POST a JSON body and read a JSON answer within {@code timeout}; non-2xx and malformed JSON throw. */
    public JsonNode postJson(String path, JsonNode body, Duration timeout)
            throws RemoteException, InterruptedException {
        Answer a = send(request(path, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build());
        return json(expectOk(a));
    }

    /** POST a JSON body and return the answer whatever its status (the caller judges it). */
    public Answer postForAnswer(String path, JsonNode body, Duration timeout)
            throws RemoteException, InterruptedException {
        return send(request(path, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build());
    }

    /** POST a JSON body (or none), ignoring the answer's body; non-2xx throws. */
    public void post(String path, JsonNode body) throws RemoteException, InterruptedException {
        HttpRequest.Builder b = request(path, server.readTimeout());
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        expectOk(send(b.build()));
    }

    /** DELETE; non-2xx throws. */
    public Answer delete(String path) throws RemoteException, InterruptedException {
        return expectOk(send(request(path, server.readTimeout()).DELETE().build()));
    }

    /**
     * POST {@code multipart/form-data} with one file field and text fields; returns the JSON answer. (ComfyUI's
     * {@code /upload/image} reads the field {@code image}.)
     */
    public JsonNode postMultipart(String path, String fileField, String fileName, String fileType, byte[] file,
                                  java.util.Map<String, String> fields) throws RemoteException, InterruptedException {
        String boundary = "stepcast" + Long.toHexString(System.nanoTime()) + Long.toHexString(Double.doubleToLongBits(
                Math.random()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(file.length + 1024);
        try {
            for (var e : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                        + "\"\r\n\r\n" + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(file);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Answer a = send(request(path, server.readTimeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
        return json(expectOk(a));
    }

    /**
     * Opens a WebSocket at {@code path} (http→ws, https→wss), with basic auth when configured, within the connect
     * timeout.
     */
    public WebSocket openWebSocket(String path, WebSocket.Listener listener)
            throws RemoteException, InterruptedException {
        URI http = resolve(path);
        String scheme = http.getScheme().toLowerCase(Locale.ROOT).equals("https") ? "wss" : "ws";
        URI ws = URI.create(scheme + http.toString().substring(http.getScheme().length()));
        WebSocket.Builder b = client.newWebSocketBuilder().connectTimeout(server.connectTimeout());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return b.buildAsync(ws, listener).get(server.connectTimeout().toMillis() + server.readTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.WebSocketHandshakeException h) {
                int status = h.getResponse().statusCode();
                if (status == 401) {
                    throw credentials(ws, h);
                }
                throw new RemoteException(ws, ws + " refused the WebSocket (HTTP " + status + ")", h);
            }
            throw transport(ws, cause);
        } catch (TimeoutException e) {
            throw new RemoteException(ws, ws + " did not open the WebSocket within "
                    + seconds(server.connectTimeout().plus(server.readTimeout())), e);
        }
    }

    /** A fresh JSON object node. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Parses JSON text from a server, or throws naming the URL. */
    public static JsonNode parse(URI uri, String text) throws RemoteException {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw new RemoteException(uri, uri + " answered with an empty body where JSON was expected");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new RemoteException(uri, uri + " answered with malformed JSON (" + firstLine(e.getOriginalMessage())
                    + ")", e);
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(path)).timeout(timeout);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.header("Accept", "application/json, image/*, */*");
    }

    private Answer send(HttpRequest request) throws RemoteException, InterruptedException {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(request.uri(), r.statusCode(), r.body() == null ? new byte[0] : r.body(),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw transport(request.uri(), e);
        }
    }

    private RemoteException transport(URI uri, Throwable e) {
        LOG.log(Level.FINE, "request to " + uri + " failed", e);
        String base = server.url().toString();
        if (e instanceof HttpConnectTimeoutException) {
            return new RemoteException(uri, "cannot connect to " + base + ": no answer within "
                    + seconds(server.connectTimeout()), e);
        }
        if (e instanceof HttpTimeoutException) {
            return new RemoteException(uri, uri + " did not answer in time (timed out)", e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new RemoteException(uri, "cannot connect to " + base + ": connection refused (is the server "
                    + "running?)", e);
        }
        if (e instanceof java.nio.channels.UnresolvedAddressException
                || e instanceof java.net.UnknownHostException) {
            return new RemoteException(uri, "cannot connect to " + base + ": unknown host " + server.url().getHost(),
                    e);
        }
        return new RemoteException(uri, "lost the connection to " + base + " (" + firstLine(String.valueOf(
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())) + ")", e);
    }

    private RemoteException credentials(URI uri, Throwable cause) {
        return new RemoteException(uri, (server.hasCredentials() ? "wrong credentials for " : "credentials needed for ")
                + server.url() + " (HTTP 401): give user and password"
                + (server.hasCredentials() ? " the server accepts" : ", e.g. http://user:pass@"
                + server.hostAndPort()), cause);
    }

    /** Throws for a non-2xx answer with the server's own error text. */
    public Answer expectOk(Answer a) throws RemoteException {
        if (a.status() >= 200 && a.status() < 300) {
            return a;
        }
        if (a.status() == 401 || a.status() == 403 && server.hasCredentials()) {
            throw credentials(a.uri(), null);
        }
        throw new RemoteException(a.uri(), a.uri() + " answered HTTP " + a.status() + serverText(a));
    }

    /** ": the server's error text" from a JSON or text error body, or "" when it has none. */
    static String serverText(Answer a) {
        String text = a.text().trim();
        if (text.isEmpty()) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(text);
            String msg = errorText(n);
            if (msg != null && !msg.isBlank()) {
                return ": " + firstLine(msg);
            }
        } catch (JsonProcessingException e) {
            // not JSON: use the text
        }
        if (text.startsWith("<")) {
            return "";
        }
        return ": " + firstLine(text);
    }

    private static String errorText(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isArray() && !n.isEmpty()) {
            JsonNode first = n.get(0);
            String msg = first.path("msg").asText(null);
            JsonNode loc = first.path("loc");
            if (msg != null && loc.isArray()) {
                StringBuilder where = new StringBuilder();
                loc.forEach(l -> where.append(where.length() == 0 ? "" : ".").append(l.asText()));
                return where + ": " + msg;
            }
            return errorText(first);
        }
        if (n.isObject()) {
            for (String key : new String[] {"error", "detail", "message", "errors", "exception_message"}) {
                JsonNode v = n.get(key);
                if (v != null && !v.isNull()) {
                    String inner = errorText(v);
                    if (inner != null && !inner.isBlank()) {
                        if (key.equals("error") && n.hasNonNull("errors") && n.get("errors").isTextual()
                                && !n.get("errors").asText().isBlank()) {
                            return inner + ": " + n.get("errors").asText();
                        }
                        if (key.equals("error") && n.hasNonNull("detail") && n.get("detail").isTextual()
                                && !n.get("detail").asText().isBlank() && !inner.equals(n.get("detail").asText())) {
                            return inner + ": " + n.get("detail").asText();
                        }
                        return inner;
                    }
                }
            }
        }
        return null;
    }

    private static JsonNode json(Answer a) throws RemoteException {
        return parse(a.uri(), a.text());
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String firstLine(String s) {
        return Messages.firstLine(s, "");
    }

    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s)) + " s";
    }
}
