package dev.stepcast.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * A stand-in for ComfyUI's server ({@code server.py}, {@code execution.py}, {@code protocol.py}):
 * {@code /system_stats}, {@code /object_info[/node]}, {@code POST /prompt} (validated: known node classes, listed
 * checkpoint, sampler and scheduler, uploaded image; a 400 with {@code error} and {@code node_errors} otherwise),
 * {@code /ws?clientId=} (a {@code status} on connect; the prompt's events only to the socket of its
 * {@code client_id}), {@code /history/{id}}, {@code /view}, {@code POST /upload/image} (multipart field
 * {@code image}), {@code POST /upload/mask} (field {@code image} whose alpha replaces the alpha of the uploaded image
 * named by the JSON field {@code original_ref}, stored under the mask's name, as {@code server.py} does; recorded in
 * {@link #maskUploads()}), {@code POST /interrupt} and {@code POST /queue {"delete": […]}}. The inpainting nodes
 * {@code VAEEncodeForInpaint} ({@code grow_mask_by} 0–64) and {@code SetLatentNoiseMask} are accepted; links are
 * checked to name a node of the workflow.
 *
 * <p>A prompt sends {@code execution_start}, {@code execution_cached}, {@code executing} per node, per KSampler
 * step a {@code progress} then — with a preview method — a binary preview frame (event type 1, image type 1 JPEG
 * or 2 PNG; or type 4 with a metadata block when asked), {@code executed} for SaveImage,
 * {@code execution_success} and {@code executing {node: null}}; on interrupt {@code execution_interrupted}; on a
 * failing node {@code execution_error}. Prompts run one at a time in queue order.
 *
 * <p><b>Threads:</b> thread-safe: prompts run on one worker thread, sockets and requests on Jetty's.
 */
public final class ComfyUiStandIn extends StandInServer {

    /** What {@code --preview-method} the server runs with. */
    public enum PreviewMethod { NONE, AUTO }

    public static final List<String> CHECKPOINTS = List.of("sd_xl_base_1.0.safetensors", "v1-5-pruned-emaonly.ckpt");
    public static final List<String> SAMPLERS = List.of("euler", "euler_ancestral", "heun", "dpm_2", "lms",
            "dpmpp_2m", "ddim", "ipndm", "lcm", "uni_pc");
    public static final List<String> SCHEDULERS = List.of("normal", "karras", "exponential", "sgm_uniform", "simple",
            "ddim_uniform", "beta");
    /** The hue of this stand-in's previews; someone else's prompt uses {@link #FOREIGN_HUE}. */
    public static final int HUE = 280;
    public static final int FOREIGN_HUE = 40;
    private static final List<String> NODES = List.of("CheckpointLoaderSimple", "CLIPTextEncode", "EmptyLatentImage",
            "LoadImage", "VAEEncode", "VAEEncodeForInpaint", "SetLatentNoiseMask", "KSampler", "VAEDecode",
            "SaveImage");

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "standin-comfyui-worker");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, WsPeer> clients = new ConcurrentHashMap<>();
    private final Map<String, byte[]> inputs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> outputs = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> history = new ConcurrentHashMap<>();
    private final List<String> queue = new CopyOnWriteArrayList<>();
    private final AtomicInteger number = new AtomicInteger();
    private final AtomicInteger framesSent = new AtomicInteger();
    private volatile PreviewMethod previewMethod = PreviewMethod.AUTO;
    private volatile String previewFormat = "jpeg";
    private volatile boolean metadataFrames;
    private volatile boolean textFrames;
    private volatile int dropSocketAfterStep = -1;
    private volatile String failingNode;
    private volatile String running;
    private volatile boolean interrupt;
    private volatile JsonNode lastPrompt;
    private volatile JsonNode lastInterrupt;
    private final List<MaskUpload> maskUploads = new CopyOnWriteArrayList<>();

    /**
     * One {@code POST /upload/mask}.
     *
     * @param name        the name it was stored under
     * @param originalRef the {@code original_ref} JSON it named
     * @param maskPng     the uploaded mask picture (its alpha is what ComfyUI keeps)
     */
    public record MaskUpload(String name, JsonNode originalRef, byte[] maskPng) { }

    /** Every {@code POST /upload/mask} so far, in order. */
    public List<MaskUpload> maskUploads() {
        return List.copyOf(maskUploads);
    }

    /** The stored bytes of an uploaded input (for a mask upload: the original with the mask's alpha). */
    public byte[] input(String name) {
        return inputs.get(name);
    }

    public ComfyUiStandIn previewMethod(PreviewMethod m) {
        previewMethod = m;
        return this;
    }

    /** Preview frames as "jpeg" (image type 1) or "png" (2). */
    public void previewFormat(String format) {
        previewFormat = format;
    }

    /** Sends previews as event type 4 (with a metadata block) instead of 1. */
    public void metadataFrames(boolean on) {
        metadataFrames = on;
    }

    /** Also sends progress-text frames (event type 3) that clients must skip. */
    public void textFrames(boolean on) {
        textFrames = on;
    }

    /** Drops the prompt's socket without a close frame after step {@code n}; the prompt goes on. */
    public void dropSocketAfterStep(int n) {
        dropSocketAfterStep = n;
    }

    /** Makes the KSampler node fail with this exception message. */
    public void failSamplerWith(String message) {
        failingNode = message;
    }

    /** How many preview frames the server sent. */
    public int framesSent() {
        return framesSent.get();
    }

    public JsonNode lastPrompt() {
        return lastPrompt;
    }

    /** The body of the last {@code POST /interrupt}. */
    public JsonNode lastInterrupt() {
        return lastInterrupt;
    }

    /** Names of uploaded input images. */
    public List<String> uploads() {
        return List.copyOf(inputs.keySet());
    }

    /**
     * Queues someone else's prompt of {@code steps} steps (another client, no socket of ours sees its events) and
     * returns when it started running.
     */
    public void startForeignPrompt(int steps) throws InterruptedException {
        ObjectNode graph = object();
        graph.putObject("3").put("class_type", "KSampler").putObject("inputs").put("steps", steps);
        String id = UUID.randomUUID().toString();
        queue.add(id);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        worker.execute(() -> execute(id, "someone-else", graph, FOREIGN_HUE, started));
        started.await();
    }

    @Override
    protected void configureWebSockets(ServerWebSocketContainer container) {
        super.configureWebSockets(container);
        container.addMapping("/ws", (req, resp, cb) -> {
            String query = req.getHttpURI().getQuery();
            record("WS /ws" + (query == null ? "" : "?" + query));
            String id = null;
            if (query != null) {
                for (String kv : query.split("&")) {
                    if (kv.startsWith("clientId=")) {
                        id = java.net.URLDecoder.decode(kv.substring(9), StandardCharsets.UTF_8);
                    }
                }
            }
            return new ClientSocket(id == null ? UUID.randomUUID().toString().replace("-", "") : id);
        });
    }

    /** One client's socket. */
    public final class ClientSocket implements Session.Listener.AutoDemanding {
        private final String clientId;
        private WsPeer peer;

        ClientSocket(String clientId) {
            this.clientId = clientId;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            peer = new WsPeer(session);
            clients.put(clientId, peer);
            ObjectNode msg = object().put("type", "status");
            ObjectNode data = msg.putObject("data");
            data.putObject("status").putObject("exec_info").put("queue_remaining", queue.size());
            data.put("sid", clientId);
            peer.text(msg.toString());
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            clients.remove(clientId, peer);
        }
    }

    @Override
    protected void handle(Exchange ex) throws Exception {
        String route = ex.method + " " + ex.path;
        switch (route) {
            case "GET /system_stats" -> {
                ObjectNode n = object();
                n.putObject("system").put("os", "posix").put("python_version", "3.12.3")
                        .put("embedded_python", false).put("comfyui_version", "0.3.66")
                        .put("pytorch_version", "2.8.0+cu128").put("ram_total", 64L << 30).put("ram_free", 40L << 30);
                n.putArray("devices").addObject().put("name", "cuda:0 NVIDIA GeForce RTX 4090").put("type", "cuda")
                        .put("index", 0).put("vram_total", 24L << 30).put("vram_free", 20L << 30);
                ex.ok(n);
            }
            case "GET /object_info" -> {
                ObjectNode all = object();
                for (String node : NODES) {
                    all.set(node, objectInfo(node));
                }
                ex.ok(all);
            }
            case "POST /prompt" -> prompt(ex);
            case "POST /interrupt" -> {
                lastInterrupt = ex.body.length == 0 ? object() : ex.jsonBody();
                String only = lastInterrupt.path("prompt_id").asText(null);
                if (running != null && (only == null || only.equals(running))) {
                    interrupt = true;
                }
                ex.status(200, "application/json", new byte[0]);
            }
            case "POST /queue" -> {
                JsonNode body = ex.jsonBody();
                body.path("delete").forEach(id -> queue.remove(id.asText()));
                if (body.path("clear").asBoolean(false)) {
                    queue.clear();
                }
                ex.status(200, "application/json", new byte[0]);
            }
            case "GET /queue" -> {
                ObjectNode q = object();
                ArrayNode r = q.putArray("queue_running");
                if (running != null) {
                    r.addArray().add(0).add(running);
                }
                ArrayNode p = q.putArray("queue_pending");
                queue.forEach(id -> p.addArray().add(0).add(id));
                ex.ok(q);
            }
            case "POST /upload/image" -> upload(ex, false);
            case "POST /upload/mask" -> upload(ex, true);
            case "GET /view" -> {
                String name = ex.param("filename");
                byte[] png = "input".equals(ex.param("type")) ? inputs.get(name) : outputs.get(name);
                if (png == null) {
                    ex.status(404, "text/plain", "404: Not Found".getBytes(StandardCharsets.UTF_8));
                } else {
                    ex.status(200, "image/png", png);
                }
            }
            default -> {
                if (ex.method.equals("GET") && ex.path.startsWith("/object_info/")) {
                    String node = ex.path.substring("/object_info/".length());
                    if (NODES.contains(node)) {
                        ex.ok(object().set(node, objectInfo(node)));
                    } else {
                        ex.ok(object());
                    }
                } else if (ex.method.equals("GET") && ex.path.startsWith("/history/")) {
                    String id = ex.path.substring("/history/".length());
                    ObjectNode h = history.get(id);
                    ex.ok(h == null ? object() : object().set(id, h));
                } else {
                    ex.status(404, "text/plain", "404: Not Found".getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static ObjectNode objectInfo(String node) {
        ObjectNode info = object().put("name", node).put("display_name", node).put("category", "sampling");
        ObjectNode req = info.putObject("input").putObject("required");
        switch (node) {
            case "CheckpointLoaderSimple" -> {
                ArrayNode ck = req.putArray("ckpt_name");
                ArrayNode names = ck.addArray();
                CHECKPOINTS.forEach(names::add);
                ck.addObject().put("tooltip", "The name of the checkpoint (model) to load.");
            }
            case "KSampler" -> {
                ArrayNode s = req.putArray("sampler_name");
                ArrayNode sn = s.addArray();
                SAMPLERS.forEach(sn::add);
                ArrayNode sc = req.putArray("scheduler");
                ArrayNode scn = sc.addArray();
                SCHEDULERS.forEach(scn::add);
                req.putArray("seed").add("INT").addObject().put("default", 0).put("min", 0);
                req.putArray("steps").add("INT").addObject().put("default", 20).put("min", 1).put("max", 10000);
            }
            default -> { }
        }
        return info;
    }

    private void upload(Exchange ex, boolean mask) throws Exception {
        String boundary = MultiPart.extractBoundary(ex.contentType);
        if (boundary == null) {
            ex.status(400, "text/plain", "400: Bad Request".getBytes(StandardCharsets.UTF_8));
            return;
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxMemoryFileSize(Long.MAX_VALUE);
        MultiPartFormData.Parts parts = parser.parse(Content.Source.from(ByteBuffer.wrap(ex.body))).get();
        MultiPart.Part image = parts.getFirst("image");
        if (image == null) {
            ex.status(400, "text/plain", new byte[0]);
            return;
        }
        byte[] bytes = image.getContentAsString(StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
        String name = image.getFileName();
        if (mask) {
            MultiPart.Part refPart = parts.getFirst("original_ref");
            JsonNode ref = refPart == null ? null
                    : JSON.readTree(refPart.getContentAsString(StandardCharsets.UTF_8));
            byte[] original = ref == null ? null : inputs.get(ref.path("filename").asText());
            if (original == null) {
                ex.status(400, "text/plain", new byte[0]);
                return;
            }
            maskUploads.add(new MaskUpload(name, ref, bytes));
            bytes = withAlphaOf(original, bytes);
        }
        inputs.put(name, bytes);
        ex.ok(object().put("name", name).put("subfolder", "").put("type", "input"));
    }

    /** The original picture with the mask picture's alpha (both as RGBA), as a PNG. */
    private static byte[] withAlphaOf(byte[] originalPng, byte[] maskPng) {
        var original = Pictures.read(originalPng);
        var mask = Pictures.read(maskPng);
        int w = original.getWidth();
        int h = original.getHeight();
        var out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int alpha = x < mask.getWidth() && y < mask.getHeight() ? mask.getRGB(x, y) >>> 24 : 255;
                out.setRGB(x, y, alpha << 24 | original.getRGB(x, y) & 0xffffff);
            }
        }
        return Pictures.encode(out, "png");
    }

    private void prompt(Exchange ex) {
        JsonNode body = ex.jsonBody();
        JsonNode graph = body.path("prompt");
        lastPrompt = body;
        String clientId = body.path("client_id").asText(null);
        ObjectNode nodeErrors = object();
        for (Iterator<Map.Entry<String, JsonNode>> it = graph.fields(); it.hasNext(); ) {
            var e = it.next();
            String type = e.getValue().path("class_type").asText("");
            JsonNode in = e.getValue().path("inputs");
            if (!NODES.contains(type)) {
                ObjectNode err = object();
                err.putObject("error").put("type", "invalid_prompt").put("message",
                        "Cannot execute because node " + type + " does not exist.").put("details", "Node ID '#"
                        + e.getKey() + "'");
                err.putObject("node_errors");
                ex.status(400, err);
                return;
            }
            String problem = switch (type) {
                case "CheckpointLoaderSimple" -> notIn(in, "ckpt_name", CHECKPOINTS);
                case "KSampler" -> {
                    String p = notIn(in, "sampler_name", SAMPLERS);
                    yield p != null ? p : notIn(in, "scheduler", SCHEDULERS);
                }
                case "LoadImage" -> inputs.containsKey(in.path("image").asText()) ? null
                        : "Invalid image file: " + in.path("image").asText();
                case "VAEEncodeForInpaint" -> {
                    int grow = in.path("grow_mask_by").asInt(-1);
                    yield grow >= 0 && grow <= 64 ? null : "grow_mask_by: " + in.path("grow_mask_by")
                            + " not in 0..64";
                }
                default -> null;
            };
            if (problem == null) {
                for (JsonNode v : in) {
                    if (v.isArray() && v.size() == 2 && v.get(0).isTextual() && !graph.has(v.get(0).asText())) {
                        problem = "link to node " + v.get(0).asText() + ", which is not in the workflow";
                    }
                }
            }
            if (problem != null) {
                ObjectNode ne = nodeErrors.putObject(e.getKey());
                ne.putArray("errors").addObject().put("type", "value_not_in_list").put("message",
                        "Value not in list").put("details", problem).putObject("extra_info");
                ne.putArray("dependent_outputs").add("9");
                ne.put("class_type", type);
            }
        }
        if (nodeErrors.size() > 0) {
            ObjectNode err = object();
            err.putObject("error").put("type", "prompt_outputs_failed_validation")
                    .put("message", "Prompt outputs failed validation").put("details", "").putObject("extra_info");
            err.set("node_errors", nodeErrors);
            ex.status(400, err);
            return;
        }
        String id = UUID.randomUUID().toString();
        queue.add(id);
        int n = number.getAndIncrement();
        worker.execute(() -> execute(id, clientId, graph, HUE, null));
        ObjectNode res = object().put("prompt_id", id).put("number", n);
        res.putObject("node_errors");
        ex.ok(res);
    }

    private static String notIn(JsonNode inputs, String name, List<String> allowed) {
        String v = inputs.path(name).asText(null);
        return v != null && allowed.contains(v) ? null : name + ": '" + v + "' not in " + allowed;
    }

    private void execute(String id, String clientId, JsonNode graph, int hue,
                         java.util.concurrent.CountDownLatch started) {
        if (!queue.remove(id)) {
            return; // deleted from the queue before it ran
        }
        running = id;
        interrupt = false;
        if (started != null) {
            started.countDown();
        }
        List<String> executed = new ArrayList<>();
        try {
            send(clientId, "execution_start", object().put("prompt_id", id).put("timestamp", System.currentTimeMillis()));
            ObjectNode cached = object();
            cached.putArray("nodes");
            send(clientId, "execution_cached", cached.put("prompt_id", id).put("timestamp", System.currentTimeMillis()));
            List<String> order = new ArrayList<>();
            graph.fieldNames().forEachRemaining(order::add);
            order.sort((a, b) -> Integer.compare(rank(graph, a), rank(graph, b)));
            for (String node : order) {
                String type = graph.path(node).path("class_type").asText();
                send(clientId, "executing", object().put("node", node).put("display_node", node).put("prompt_id", id));
                if (type.equals("KSampler")) {
                    int steps = graph.path(node).path("inputs").path("steps").asInt(20);
                    for (int s = 1; s <= steps; s++) {
                        Thread.sleep(stepDuration.toMillis());
                        if (interrupt) {
                            ObjectNode d = object().put("prompt_id", id).put("node_id", node)
                                    .put("node_type", type).put("timestamp", System.currentTimeMillis());
                            ArrayNode ex = d.putArray("executed");
                            executed.forEach(ex::add);
                            send(clientId, "execution_interrupted", d);
                            history.put(id, historyEntry(graph, null, "error"));
                            return;
                        }
                        if (failingNode != null && s == 1) {
                            ObjectNode d = object().put("prompt_id", id).put("node_id", node).put("node_type", type);
                            d.putArray("executed");
                            d.put("exception_message", failingNode + "\n").put("exception_type", "RuntimeError");
                            d.putArray("traceback").add("  File \"execution.py\", line 277, in execute\n");
                            d.putObject("current_inputs");
                            d.putObject("current_outputs");
                            send(clientId, "execution_error", d);
                            history.put(id, historyEntry(graph, null, "error"));
                            return;
                        }
                        stepEnded(s);
                        send(clientId, "progress", object().put("value", s).put("max", steps).put("prompt_id", id)
                                .put("node", node));
                        if (textFrames) {
                            byte[] nodeId = node.getBytes(StandardCharsets.UTF_8);
                            byte[] text = ("step " + s).getBytes(StandardCharsets.UTF_8);
                            sendBinary(clientId, ByteBuffer.allocate(8 + nodeId.length + text.length).putInt(3)
                                    .putInt(nodeId.length).put(nodeId).put(text).array());
                        }
                        if (previewMethod != PreviewMethod.NONE) {
                            byte[] img = Pictures.preview(s, steps, hue, previewFormat);
                            byte[] frame;
                            if (metadataFrames) {
                                byte[] meta = object().put("node_id", node).put("display_node_id", node)
                                        .put("prompt_id", id).put("image_type", "image/" + previewFormat).toString()
                                        .getBytes(StandardCharsets.UTF_8);
                                frame = ByteBuffer.allocate(8 + meta.length + img.length).putInt(4)
                                        .putInt(meta.length).put(meta).put(img).array();
                            } else {
                                frame = ByteBuffer.allocate(8 + img.length).putInt(1)
                                        .putInt(previewFormat.equals("png") ? 2 : 1).put(img).array();
                            }
                            framesSent.incrementAndGet();
                            sendBinary(clientId, frame);
                        }
                        if (s == dropSocketAfterStep) {
                            WsPeer p = clientId == null ? null : clients.remove(clientId);
                            if (p != null) {
                                p.drop();
                            }
                        }
                    }
                }
                executed.add(node);
                if (type.equals("SaveImage")) {
                    String file = "stepcast_" + String.format("%05d", number.incrementAndGet()) + "_.png";
                    JsonNode latent = findLatentSize(graph);
                    outputs.put(file, Pictures.result(latent.path("width").asInt(512), latent.path("height")
                            .asInt(512), graph.path("3").path("inputs").path("seed").asLong(0), false, "png"));
                    ObjectNode images = object();
                    images.putArray("images").addObject().put("filename", file).put("subfolder", "")
                            .put("type", "output");
                    ObjectNode d = object().put("node", node).put("display_node", node);
                    d.set("output", images);
                    d.put("prompt_id", id);
                    send(clientId, "executed", d);
                    history.put(id, historyEntry(graph, object().set(node, images), "success"));
                }
            }
            if (!history.containsKey(id)) {
                history.put(id, historyEntry(graph, object(), "success"));
            }
            send(clientId, "execution_success", object().put("prompt_id", id).put("timestamp",
                    System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = null;
            ObjectNode done = object();
            done.putNull("node");
            send(clientId, "executing", done.put("prompt_id", id));
        }
    }

    private JsonNode findLatentSize(JsonNode graph) {
        for (JsonNode n : graph) {
            if (n.path("class_type").asText().equals("EmptyLatentImage")) {
                return n.path("inputs");
            }
        }
        for (JsonNode n : graph) {
            if (n.path("class_type").asText().equals("LoadImage")) {
                byte[] png = inputs.get(n.path("inputs").path("image").asText());
                try {
                    var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
                    return object().put("width", img.getWidth()).put("height", img.getHeight());
                } catch (java.io.IOException | RuntimeException e) {
                    return object();
                }
            }
        }
        return object();
    }

    private static int rank(JsonNode graph, String node) {
        return NODES.indexOf(graph.path(node).path("class_type").asText());
    }

    private ObjectNode historyEntry(JsonNode graph, ObjectNode outs, String status) {
        ObjectNode h = object();
        h.putArray("prompt").add(0).add("id").add(graph);
        h.set("outputs", outs == null ? object() : outs);
        h.putObject("status").put("status_str", status).put("completed", status.equals("success")).putArray("messages");
        h.putObject("meta");
        return h;
    }

    private void send(String clientId, String type, ObjectNode data) {
        WsPeer p = clientId == null ? null : clients.get(clientId);
        if (p != null) {
            ObjectNode msg = object().put("type", type);
            msg.set("data", data);
            p.text(msg.toString());
        }
    }

    private void sendBinary(String clientId, byte[] frame) {
        WsPeer p = clientId == null ? null : clients.get(clientId);
        if (p != null) {
            p.binary(frame);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        super.close();
    }
}
