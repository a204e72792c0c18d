package dev.stepcast.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.pathmap.RegexPathSpec;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * A stand-in for SD.Next's v2 job API ({@code modules/api/v2}): {@code POST /sdapi/v2/jobs} (202, the job),
 * {@code GET}/{@code DELETE /sdapi/v2/jobs/{id}}, {@code /sdapi/v2/jobs/{id}/images/{i}} (409 until completed),
 * {@code /sdapi/v2/jobs/{id}/ws} pushing {@code status}, {@code progress} and a binary JPEG after each progress,
 * then {@code completed}/{@code error}; a client's {@code {"type":"interrupt"}} is acknowledged; with basic auth the
 * socket needs a ticket from {@code POST /sdapi/v2/ws-ticket} (else it is closed with 1008). The v1 lists and
 * {@code /sdapi/v1/options} are there too, as on SD.Next.
 *
 * <p>One job runs at a time, in submission order. Deviation for determinism: a job waits (up to 2 s) for its first
 * WebSocket subscriber before it starts, so a client sees all its steps. An interrupted job completes with the image
 * so far, as SD.Next's does.
 *
 * <p><b>Threads:</b> thread-safe: jobs run on one worker thread, sockets on Jetty's.
 */
public final class SdNextV2StandIn extends StandInServer {

    private static final Pattern JOB = Pattern.compile("^/sdapi/v2/jobs/([^/]+)(/images/(\\d+))?$");
    private static final Pattern WS = Pattern.compile("^/sdapi/v2/jobs/([^/]+)/ws$");

    /** The hue of this stand-in's previews. */
    public static final int HUE = 120;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "standin-sdnext-v2-worker");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private volatile String checkpoint = SdapiStandIn.CHECKPOINTS.get(0);
    private volatile int dropSocketAfterStep = -1;
    private volatile String failWith;
    private volatile boolean livePreviews = true;
    private volatile JsonNode lastJob;
    private final List<String> clientMessages = new CopyOnWriteArrayList<>();

    private final class Job {
        final String id = UUID.randomUUID().toString();
        final JsonNode params;
        final String created = Instant.now().toString();
        final List<WsPeer> subscribers = new CopyOnWriteArrayList<>();
        volatile String status = "pending";
        volatile int step;
        volatile int steps;
        volatile boolean interrupted;
        volatile byte[] image;
        volatile String error;

        Job(JsonNode params) {
            this.params = params;
        }

        ObjectNode json() {
            ObjectNode n = object().put("id", id).put("type", "generate").put("status", status)
                    .put("progress", steps > 0 ? (double) step / steps : 0).put("step", step).put("steps", steps)
                    .put("created_at", created);
            n.putNull("started_at");
            n.putNull("completed_at");
            if (error != null) {
                n.put("error", error);
            } else {
                n.putNull("error");
            }
            if ("completed".equals(status)) {
                n.set("result", result());
            } else {
                n.putNull("result");
            }
            return n;
        }

        ObjectNode result() {
            ObjectNode r = object();
            ArrayNode images = r.putArray("images");
            images.addObject().put("index", 0).put("path", "/outputs/text/" + id + ".png")
                    .put("url", "/sdapi/v2/jobs/" + id + "/images/0")
                    .put("width", params.path("width_before").asInt(512))
                    .put("height", params.path("height_before").asInt(512)).put("format", "png")
                    .put("size", image == null ? 0 : image.length);
            r.putArray("processed");
            r.putObject("info");
            ObjectNode p = params.deepCopy();
            p.remove("type");
            r.set("params", p);
            return r;
        }

        void push(String json) {
            subscribers.forEach(s -> s.text(json));
        }

        void pushBinary(byte[] jpeg) {
            subscribers.forEach(s -> s.binary(jpeg));
        }
    }

    /** The body of the last job submitted. */
    public JsonNode lastJob() {
        return lastJob;
    }

    /** Text messages clients sent on job sockets. */
    public List<String> clientMessages() {
        return List.copyOf(clientMessages);
    }

    /** The checkpoint the server has loaded. */
    public String checkpoint() {
        return checkpoint;
    }

    /** Drops every job socket (no close frame) right after step {@code n}; the job itself goes on. */
    public void dropSocketAfterStep(int n) {
        dropSocketAfterStep = n;
    }

    /** Makes the next jobs fail after their first step with this exception text. */
    public void failJobsWith(String text) {
        failWith = text;
    }

    public void livePreviews(boolean on) {
        livePreviews = on;
    }

    @Override
    protected void configureWebSockets(ServerWebSocketContainer container) {
        super.configureWebSockets(container);
        container.addMapping(new RegexPathSpec(WS.pattern()), (req, resp, cb) -> {
            Matcher m = WS.matcher(org.eclipse.jetty.server.Request.getPathInContext(req));
            m.matches();
            String query = req.getHttpURI().getQuery();
            record("WS " + req.getHttpURI().getPath() + (query == null ? "" : "?" + query));
            String ticket = null;
            if (query != null) {
                for (String kv : query.split("&")) {
                    if (kv.startsWith("ticket=")) {
                        ticket = java.net.URLDecoder.decode(kv.substring(7), java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
            }
            boolean ticketOk = authorized(null) || (ticket != null && tickets.remove(ticket));
            return new JobSocket(m.group(1), ticketOk);
        });
    }

    /** The server end of one job socket. */
    public final class JobSocket implements Session.Listener.AutoDemanding {
        private final String jobId;
        private final boolean ticketOk;
        private WsPeer peer;
        private Job job;

        JobSocket(String jobId, boolean ticketOk) {
            this.jobId = jobId;
            this.ticketOk = ticketOk;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            peer = new WsPeer(session);
            if (!ticketOk) {
                peer.close(1008, "Invalid or expired ticket");
                return;
            }
            job = jobs.get(jobId);
            if (job == null) {
                peer.close(4004, "Job not found");
                return;
            }
            peer.text(object().put("type", "status").put("status", job.status).put("progress",
                    job.steps > 0 ? (double) job.step / job.steps : 0).toString());
            switch (job.status) {
                case "completed" -> {
                    peer.text(object().put("type", "completed").set("result", job.result()).toString());
                    peer.close(1000, "");
                }
                case "failed" -> {
                    peer.text(object().put("type", "error").put("error", job.error).toString());
                    peer.close(1000, "");
                }
                case "cancelled" -> {
                    peer.text(object().put("type", "cancelled").toString());
                    peer.close(1000, "");
                }
                default -> {
                    synchronized (job) {
                        job.subscribers.add(peer);
                        job.notifyAll();
                    }
                }
            }
        }

        @Override
        public void onWebSocketText(String message) {
            clientMessages.add(message);
            try {
                JsonNode msg = JSON.readTree(message);
                String type = msg.path("type").asText("");
                if ((type.equals("interrupt") || type.equals("skip")) && job != null) {
                    if (type.equals("interrupt")) {
                        job.interrupted = true;
                    }
                    peer.text(object().put("type", "ack").put("command", type).toString());
                }
            } catch (java.io.IOException e) {
                // SD.Next ignores what it cannot parse
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (job != null) {
                job.subscribers.remove(peer);
            }
        }
    }

    @Override
    protected void handle(Exchange ex) throws Exception {
        String route = ex.method + " " + ex.path;
        switch (route) {
            case "GET /sdapi/v2/server-info" -> {
                ObjectNode n = object();
                n.putObject("version").put("app", "sd.next").put("updated", "2026-11-01").put("hash", "abc1234")
                        .put("branch", "master");
                n.put("backend", "diffusers").put("platform", "cuda");
                n.putObject("capabilities").put("video", false);
                n.putObject("model").put("name", checkpoint).put("type", "StableDiffusionPipeline");
                ex.ok(n);
            }
            case "POST /sdapi/v2/ws-ticket" -> {
                String t = UUID.randomUUID().toString();
                tickets.add(t);
                ex.ok(object().put("ticket", t));
            }
            case "GET /sdapi/v1/sd-models" -> {
                ArrayNode a = JSON.createArrayNode();
                SdapiStandIn.CHECKPOINTS.forEach(c -> a.addObject().put("title", c)
                        .put("model_name", c.substring(0, c.indexOf('.'))));
                ex.status(200, a);
            }
            case "GET /sdapi/v1/samplers" -> {
                ArrayNode a = JSON.createArrayNode();
                for (String s : List.of("Default", "Euler a", "Euler", "DPM++ 2M", "DDIM", "LMS", "PNDM", "LCM")) {
                    a.addObject().put("name", s);
                }
                ex.status(200, a);
            }
            case "GET /sdapi/v1/options" -> ex.ok(object().put("sd_model_checkpoint", checkpoint));
            case "POST /sdapi/v1/options" -> {
                String c = ex.jsonBody().path("sd_model_checkpoint").asText(null);
                if (c != null) {
                    if (SdapiStandIn.CHECKPOINTS.stream().noneMatch(x -> x.equals(c) || x.startsWith(c))) {
                        ex.status(500, JSON.readTree("{\"error\":\"RuntimeError\",\"detail\":\"\",\"body\":\"\","
                                + "\"errors\":" + quote("checkpoint not found: " + c) + "}"));
                        return;
                    }
                    checkpoint = c;
                }
                ex.ok(JSON.createArrayNode());
            }
            case "POST /sdapi/v2/jobs" -> submit(ex);
            default -> {
                Matcher m = JOB.matcher(ex.path);
                if (!m.matches()) {
                    return;
                }
                Job job = jobs.get(m.group(1));
                if (job == null) {
                    ex.status(404, object().put("detail", "Job not found: " + m.group(1)));
                    return;
                }
                if (m.group(3) != null && ex.method.equals("GET")) {
                    if (!job.status.equals("completed")) {
                        ex.status(409, object().put("detail", "Job not completed"));
                    } else if (!m.group(3).equals("0")) {
                        ex.status(404, object().put("detail", "images index " + m.group(3) + " out of range"));
                    } else {
                        ex.status(200, "image/png", job.image);
                    }
                } else if (ex.method.equals("GET")) {
                    ex.ok(job.json());
                } else if (ex.method.equals("DELETE")) {
                    switch (job.status) {
                        case "running" -> job.interrupted = true;
                        case "pending" -> job.status = "cancelled";
                        default -> {
                            ex.status(409, object().put("detail",
                                    "Job cannot be cancelled (already completed/failed/cancelled)"));
                            return;
                        }
                    }
                    ex.ok(object().put("id", job.id).put("status", "cancelled"));
                }
            }
        }
    }

    private void submit(Exchange ex) {
        JsonNode req = ex.jsonBody();
        String type = req.path("type").asText(null);
        if (type == null) {
            ex.status(400, object().put("detail", "Missing 'type' field"));
            return;
        }
        if (!type.equals("generate")) {
            ex.status(400, object().put("detail", "Invalid job type: " + type));
            return;
        }
        lastJob = req;
        Job job = new Job(req);
        jobs.put(job.id, job);
        worker.execute(() -> run(job));
        ex.status(202, job.json());
    }

    private void run(Job job) {
        if (!job.status.equals("pending")) {
            job.push(object().put("type", "status").put("status", job.status).toString());
            return;
        }
        try {
            synchronized (job) {
                long until = System.nanoTime() + 2_000_000_000L;
                while (job.subscribers.isEmpty() && System.nanoTime() < until) {
                    job.wait(100);
                }
            }
            job.status = "running";
            job.push(object().put("type", "status").put("status", "running").toString());
            int n = Math.max(1, job.params.path("steps").asInt(20));
            if (job.params.has("inits")) {
                n = Math.max(1, (int) Math.floor(n * job.params.path("denoising_strength").asDouble(0.3)));
            }
            job.steps = n;
            for (int s = 1; s <= n && !job.interrupted; s++) {
                Thread.sleep(stepDuration.toMillis());
                job.step = s;
                stepEnded(s);
                job.push(object().put("type", "progress").put("step", s).put("steps", n)
                        .put("progress", (double) s / n).put("eta", (n - s) * stepDuration.toMillis() / 1000.0)
                        .put("task", "control").put("textinfo", "Step " + s + "/" + n).toString());
                if (failWith != null) {
                    throw new IllegalStateException(failWith);
                }
                if (livePreviews) {
                    job.pushBinary(Pictures.preview(s, n, HUE, "jpeg"));
                }
                if (s == dropSocketAfterStep) {
                    job.subscribers.forEach(WsPeer::drop);
                    job.subscribers.clear();
                }
            }
            job.image = Pictures.result(job.params.path("width_before").asInt(512),
                    job.params.path("height_before").asInt(512), job.params.path("seed").asLong(1), false, "png");
            job.status = "completed";
            job.push(object().put("type", "completed").set("result", job.result()).toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            job.error = "RuntimeError: " + e.getMessage();
            job.status = "failed";
            job.push(object().put("type", "error").put("error", job.error).toString());
        }
        job.subscribers.forEach(p -> p.close(1000, ""));
    }

    @Override
    public void close() {
        worker.shutdownNow();
        super.close();
    }

}
