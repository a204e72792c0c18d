package dev.stepcast.standins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The common part of the in-process stand-in servers (Jetty 12 core, HTTP + WebSocket on 127.0.0.1, a free port):
 * request log, HTTP basic auth like A1111's {@code --api-auth}, failure injection (one route answers a status and
 * body of the test's choosing, every answer hangs), JSON helpers, and a generation pace.
 *
 * <p>Stand-ins are used by engine tests, panel tests and the shipped {@code bench} command.
 *
 * <p><b>Threads:</b> thread-safe: Jetty calls the handlers on its pool; tests configure from their own thread.
 */
public abstract class StandInServer implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final Server jetty;
    private final ServerConnector connector;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Injected> injected = new ConcurrentHashMap<>();
    private volatile String authHeader;
    private volatile CountDownLatch hang;
    /** Time one denoising step takes on this stand-in. */
    protected volatile Duration stepDuration = Duration.ofMillis(20);
    /** Step → {@link System#nanoTime()} when this stand-in finished it (latest job); the bench's clock is shared. */
    private final Map<Integer, Long> stepEndNanos = new ConcurrentHashMap<>();

    private record Injected(int status, String contentType, byte[] body, boolean once) { }

    protected StandInServer() {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("standin-" + getClass().getSimpleName());
        pool.setDaemon(true);
        jetty = new Server(pool);
        connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(jetty, this::configureWebSockets);
        ws.setHandler(new Handler.Abstract(org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return dispatch(request, response, callback);
            }
        });
        jetty.setHandler(ws);
    }

    /** Starts listening; returns this. */
    public <T extends StandInServer> T start() {
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("stand-in server did not start", e);
        }
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** The base URL with credentials in it, as the CLI takes them. */
    public URI urlWithCredentials(String user, String password) {
        return URI.create("http://" + user + ":" + password + "@127.0.0.1:" + connector.getLocalPort());
    }

    /** Every request seen, as "METHOD /path?query", in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Requests seen whose line starts with {@code prefix} (e.g. "GET /sdapi/v1/progress"). */
    public List<String> requests(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).toList();
    }

    /**
     * Waits until a request whose line starts with {@code prefix} has arrived (tests use it to act at a point of the
     * exchange, never to measure time).
     *
     * @throws IllegalStateException when none arrived within {@code timeout}
     */
    public void awaitRequest(String prefix, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests.stream().noneMatch(r -> r.startsWith(prefix))) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IllegalStateException("no request '" + prefix + "' within " + timeout);
                }
                requests.wait(left);
            }
        }
    }

    private void log(String line) {
        synchronized (requests) {
            requests.add(line);
            requests.notifyAll();
        }
    }

    /** Requires HTTP basic auth on every route (A1111's {@code --api-auth user:pass}). */
    public void requireBasicAuth(String user, String password) {
        authHeader = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Notes that the running job just finished step {@code step} (job thread). */
    protected void stepEnded(int step) {
        stepEndNanos.put(step, System.nanoTime());
    }

    /** Forgets the step-end times of earlier jobs (call before a job whose steps you measure). */
    public void clearStepEnds() {
        stepEndNanos.clear();
    }

    /**
     * Step → {@link System#nanoTime()} when the server finished that step, for the jobs since {@link #clearStepEnds}
     * (a later job overwrites an earlier one's steps). Same JVM as the client, so the clock is shared.
     */
    public Map<Integer, Long> stepEndNanos() {
        return Map.copyOf(stepEndNanos);
    }

    /** Sets how long one step takes. */
    public void stepDuration(Duration d) {
        stepDuration = d;
    }

    /** Makes every later answer to "METHOD /path" (path without query) be {@code status} with {@code body}. */
    public void answer(String methodAndPath, int status, String contentType, String body) {
        injected.put(methodAndPath, new Injected(status, contentType, body.getBytes(StandardCharsets.UTF_8), false));
    }

    /** As {@link #answer}, once. */
    public void answerOnce(String methodAndPath, int status, String contentType, String body) {
        injected.put(methodAndPath, new Injected(status, contentType, body.getBytes(StandardCharsets.UTF_8), true));
    }

    /** Every answer from now on hangs until {@link #stopHanging()} or {@link #close()}: a server that is too slow. */
    public void hangEveryAnswer() {
        hang = new CountDownLatch(1);
    }

    public void stopHanging() {
        CountDownLatch h = hang;
        hang = null;
        if (h != null) {
            h.countDown();
        }
    }

    @Override
    public void close() {
        stopHanging();
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stand-in server did not stop", e);
        }
    }

    /** Registers WebSocket routes. */
    protected void configureWebSockets(ServerWebSocketContainer container) {
        container.setMaxBinaryMessageSize(64L << 20);
        container.setMaxTextMessageSize(64L << 20);
        container.setIdleTimeout(Duration.ofMinutes(5));
    }

    /** Whether the upgrade request may pass basic auth (WebSocket routes call this). */
    protected boolean authorized(String authorization) {
        String need = authHeader;
        return need == null || need.equals(authorization);
    }

    /** Records a WebSocket upgrade in the request log. */
    protected void record(String line) {
        log(line);
    }

    private boolean dispatch(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String query = request.getHttpURI().getQuery();
        String method = request.getMethod();
        log(method + " " + path + (query == null ? "" : "?" + query));
        CountDownLatch h = hang;
        if (h != null) {
            h.await();
        }
        if (!authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic");
            send(response, callback, 401, "application/json",
                    "{\"detail\":\"Incorrect username or password\"}".getBytes(StandardCharsets.UTF_8));
            return true;
        }
        Injected inj = injected.get(method + " " + path);
        if (inj != null) {
            if (inj.once()) {
                injected.remove(method + " " + path, inj);
            }
            send(response, callback, inj.status(), inj.contentType(), inj.body());
            return true;
        }
        byte[] body = Request.asInputStream(request).readAllBytes();
        Exchange ex = new Exchange(method, path, query == null ? "" : query,
                request.getHeaders().get(HttpHeader.CONTENT_TYPE), body);
        try {
            handle(ex);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.status = 503;
            ex.json("{\"detail\":\"server stopping\"}");
        } catch (RuntimeException e) {
            ex.status = 500;
            ex.json(errorBody(e));
        }
        send(response, callback, ex.status, ex.contentType(), ex.out);
        return true;
    }

    /** The server's own body for an unexpected exception (FastAPI style by default). */
    protected String errorBody(RuntimeException e) {
        return "{\"error\":\"" + e.getClass().getSimpleName() + "\",\"detail\":\"\",\"body\":\"\",\"errors\":"
                + quote(String.valueOf(e.getMessage())) + "}";
    }

    private static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Handles one HTTP exchange (blocking is fine: Jetty runs this on its pool). */
    protected abstract void handle(Exchange ex) throws Exception;

    /** One HTTP request and the answer being built. */
    public static final class Exchange {
        public final String method;
        public final String path;
        public final String query;
        public final String contentType;
        public final byte[] body;
        int status = 404;
        private String contentTypeOut = "application/json";
        private byte[] out = "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);

        Exchange(String method, String path, String query, String contentType, byte[] body) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.contentType = contentType;
            this.body = body;
        }

        private String contentType() {
            return contentTypeOut;
        }

        /** Whether this is "METHOD path". */
        public boolean is(String m, String p) {
            return method.equals(m) && path.equals(p);
        }

        /** A query parameter's value, or {@code null}. */
        public String param(String name) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                if (java.net.URLDecoder.decode(k, StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        /** The body as JSON; a malformed body throws {@link BadRequest}. */
        public JsonNode jsonBody() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new BadRequest("body is not JSON: " + e.getMessage());
            }
        }

        public void ok(JsonNode json) {
            status(200, json);
        }

        public void status(int code, JsonNode json) {
            status = code;
            contentTypeOut = "application/json";
            try {
                out = JSON.writeValueAsBytes(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        public void json(String text) {
            contentTypeOut = "application/json";
            out = text.getBytes(StandardCharsets.UTF_8);
        }

        public void status(int code, String type, byte[] bytes) {
            status = code;
            contentTypeOut = type;
            out = bytes;
        }
    }

    /** A request the stand-in refuses with 400/422; the handler turns it into the protocol's error body. */
    public static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRequest(String message) {
            super(message);
        }
    }

    /** A fresh JSON object. */
    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    protected static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code c} for each element. */
    protected static <T> void each(List<T> list, Consumer<T> c) {
        new ArrayList<>(list).forEach(c);
    }

    /** The socket address the server listens on. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", connector.getLocalPort());
    }
}
