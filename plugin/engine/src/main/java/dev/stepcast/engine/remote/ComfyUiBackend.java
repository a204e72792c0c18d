package dev.stepcast.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.EncodedImage;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.inpaint.InpaintPlan;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.StepEvent;
import dev.stepcast.engine.StepListener;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * ComfyUI ({@code server.py}, {@code execution.py}, {@code protocol.py}): an API-format workflow
 * (CheckpointLoaderSimple, CLIPTextEncode ×2, EmptyLatentImage — or LoadImage + VAEEncode for img2img, the source
 * uploaded through {@code POST /upload/image} — KSampler, VAEDecode, SaveImage) queued with {@code POST /prompt}
 * after {@code /ws?clientId=} is open; the socket pushes {@code progress}, {@code executing},
 * {@code execution_success}/{@code execution_error}/{@code execution_interrupted} and binary preview frames
 * (4-byte big-endian event type; 1 = preview image: a 4-byte image type, 1 JPEG / 2 PNG, then the image; 4 = preview
 * with a JSON metadata block; other types are skipped). The result comes from {@code /history/{id}} and
 * {@code /view}. Cancel: {@code POST /interrupt} once the prompt runs, {@code POST /queue {"delete": [id]}} while
 * it waits behind someone else's.
 *
 * <p><b>Inpainting</b> ({@link GenerationRequest#inpaint()}) is done by ComfyUI itself. The image the model works on
 * (the whole source, or for "only masked" the mask's bounding box plus padding, at the request's size; filled around
 * the mask for "fill" — {@link InpaintPlan#modelImage()}) is uploaded with {@code POST /upload/image}; then the
 * blurred mask at that size goes to {@code POST /upload/mask} as a PNG whose alpha is {@code 255 - mask} with
 * {@code original_ref} naming the uploaded image: ComfyUI stores the image with that alpha, and {@code LoadImage}
 * of that file gives the image (output 0) and {@code 1 - alpha}, the mask, as its MASK (output 1). Masked content:
 * <ul>
 *   <li>{@code original}: {@code VAEEncode} of the image, then {@code SetLatentNoiseMask} with the mask; KSampler
 *       denoises with the request's strength and only inside the mask;</li>
 *   <li>{@code fill}: {@code VAEEncodeForInpaint} with {@code grow_mask_by} = the mask blur (0–64 pixels): ComfyUI
 *       rounds the mask at 0.5, grows it, sets the masked pixels to neutral gray before encoding and keeps the mask
 *       as the latent's noise mask; denoise is the request's strength;</li>
 *   <li>{@code noise}: the same {@code VAEEncodeForInpaint}, with denoise 1 and all of the request's steps, so the
 *       masked area starts from fresh noise.</li>
 * </ul>
 * Whatever ComfyUI returns is composited into the source through the blurred mask ({@link RemoteBackend}), so every
 * pixel outside the mask and its blur band is the source's own.
 *
 * <p>Frames are handed over undecoded, as a second event of their step, and only when
 * {@link StepListener#wantsPreview} wants that step; unwanted frames are dropped. A server started without a preview
 * method sends none: the result then carries a warning.
 *
 * <p><b>Threads:</b> thread-safe; step events are delivered on the calling thread.
 */
public final class ComfyUiBackend extends RemoteBackend {

    private static final Logger LOG = Logger.getLogger(ComfyUiBackend.class.getName());

    /** The KSampler's node id in the workflow Stepcast queues. */
    static final String SAMPLER_NODE = "3";
    static final String SAVE_NODE = "9";

    private final String version;

    private ComfyUiBackend(RemoteHttp http, String version) {
        super(http);
        this.version = version;
    }

    static ComfyUiBackend open(RemoteHttp http) throws RemoteException, InterruptedException {
        RemoteHttp.Answer a = http.get("/system_stats", http.server().readTimeout());
        if (a.status() == 404) {
            throw new RemoteException(a.uri(), http.base() + " has no ComfyUI API (HTTP 404 on /system_stats)");
        }
        JsonNode stats = RemoteHttp.parse(a.uri(), http.expectOk(a).text());
        if (!stats.has("system")) {
            throw new RemoteException(a.uri(), a.uri() + " answered JSON that is not ComfyUI's system stats");
        }
        String v = stats.path("system").path("comfyui_version").asText("");
        return new ComfyUiBackend(http, "ComfyUI" + (v.isEmpty() ? "" : " " + v));
    }

    @Override
    public RemoteServer.Protocol protocol() {
        return RemoteServer.Protocol.COMFYUI;
    }

    /** ComfyUI's KSampler draws its noise with torch's CPU generator, whatever the request asks for. */
    @Override
    public Optional<NoiseSource> noiseSource(NoiseSource requested) {
        return Optional.of(NoiseSource.TORCH_CPU);
    }

    @Override
    public String describe() {
        return version + " at " + http.server().hostAndPort();
    }

    @Override
    protected List<String> fetchCheckpoints() throws ModelException, InterruptedException {
        return choices("CheckpointLoaderSimple", "ckpt_name");
    }

    @Override
    protected List<String> fetchSamplers() throws ModelException, InterruptedException {
        return choices("KSampler", "sampler_name");
    }

    /** The choices of a node's combo input from {@code /object_info/{node}} (old list or new COMBO form). */
    private List<String> choices(String node, String input) throws ModelException, InterruptedException {
        String path = "/object_info/" + node;
        JsonNode spec = http.getJson(path).path(node).path("input").path("required").path(input);
        JsonNode list = spec.path(0);
        if (list.isTextual() && list.asText().equals("COMBO")) {
            list = spec.path(1).path("options");
        }
        if (!list.isArray()) {
            throw new RemoteException(http.resolve(path), http.resolve(path) + " does not list " + node + "."
                    + input);
        }
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.asText()));
        return names;
    }

    @Override
    protected GenerationResult run(GenerationRequest request, StepListener listener, CancellationToken cancel)
            throws ModelException, GenerationCancelledException, InterruptedException {
        long start = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        String checkpoint = request.checkpoint();
        if (checkpoint == null) {
            List<String> all = checkpoints();
            if (all.isEmpty()) {
                throw new RemoteException(http.base(), http.base() + " has no checkpoints (models/checkpoints is "
                        + "empty)");
            }
            checkpoint = all.get(0);
        }
        InpaintPlan plan = request.isInpainting() ? plan(request) : null;
        String uploaded = plan != null ? uploadForInpainting(plan) : request.isImageToImage() ? upload(request) : null;
        String clientId = UUID.randomUUID().toString();
        WsInbox inbox = new WsInbox();
        WebSocket ws = http.openWebSocket("/ws?clientId=" + clientId, inbox);
        try {
            cancel.throwIfCancelled();
            ObjectNode body = RemoteHttp.object();
            body.set("prompt", workflow(request, checkpoint, uploaded));
            body.put("client_id", clientId);
            RemoteHttp.Answer a = http.postForAnswer("/prompt", body, http.server().readTimeout());
            if (a.status() == 400) {
                throw new RemoteException(a.uri(), http.base() + " refused the workflow: "
                        + validationText(RemoteHttp.parse(a.uri(), a.text())));
            }
            JsonNode queued = RemoteHttp.parse(a.uri(), http.expectOk(a).text());
            String promptId = queued.path("prompt_id").asText(null);
            if (promptId == null) {
                throw new RemoteException(a.uri(), a.uri() + " answered without a prompt_id");
            }
            Run run = new Run(promptId, listener, cancel, start, warnings);
            try (CancellationToken.Registration reg = cancel.onCancel(() -> sendInBackground("interrupt",
                    run::cancelOnServer))) {
                run.follow(inbox);
            }
            EncodedImage image = run.fetchImage();
            return result(image, request, plan, request.seed(), run.total > 0 ? run.total : steps(request), start,
                    run.firstStep, warnings);
        } finally {
            ws.abort();
        }
    }

    /**
     * The steps KSampler runs: img2img runs about {@code steps × strength}, as the local engine does; inpainting with
     * masked content "noise" runs all steps from fresh noise.
     */
    static int steps(GenerationRequest request) {
        return request.isImageToImage() && !startsFromNoise(request)
                ? Math.max(1, Math.round(request.steps() * request.strength())) : request.steps();
    }

    /** KSampler's denoise: 1 for text to image and for "noise" inpainting, else the strength. */
    static float denoise(GenerationRequest request) {
        return request.isImageToImage() && !startsFromNoise(request) ? request.strength() : 1.0f;
    }

    private static boolean startsFromNoise(GenerationRequest request) {
        return request.isInpainting() && request.inpaint().maskedContent() == InpaintOptions.MaskedContent.NOISE;
    }

    /** The inpainting plan: the crop ComfyUI works on, and later the composite of its answer. */
    private InpaintPlan plan(GenerationRequest request) throws RemoteException {
        try {
            return InpaintPlan.prepare(request.initImage(), request.inpaint(), request.width(), request.height());
        } catch (IllegalArgumentException e) {
            throw new RemoteException(http.base(), e.getMessage());
        }
    }

    /**
     * Uploads the image the model works on ({@link InpaintPlan#modelImage()}) and then its mask through
     * {@code /upload/mask}; returns the name of the stored image-with-mask for {@code LoadImage}.
     */
    private String uploadForInpainting(InpaintPlan plan) throws ModelException, InterruptedException {
        String id = "stepcast-" + UUID.randomUUID();
        JsonNode answer = http.postMultipart("/upload/image", "image", id + ".png", "image/png",
                RemoteImages.png(plan.modelImage()), Map.of("type", "input", "overwrite", "true"));
        ObjectNode ref = RemoteHttp.object().put("filename", answer.path("name").asText(id + ".png"))
                .put("subfolder", answer.path("subfolder").asText("")).put("type", "input");
        JsonNode masked = http.postMultipart("/upload/mask", "image", id + "-mask.png", "image/png",
                RemoteImages.png(maskAsAlpha(plan.modelMask(), plan.width(), plan.height())),
                Map.of("type", "input", "overwrite", "true", "original_ref", ref.toString()));
        String stored = masked.path("name").asText(id + "-mask.png");
        String sub = masked.path("subfolder").asText("");
        return sub.isEmpty() ? stored : sub + "/" + stored;
    }

    /** A mask for {@code /upload/mask}: black, alpha {@code 255 - mask} (transparent = repaint, as ComfyUI reads it). */
    static BufferedImage maskAsAlpha(float[] mask, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            int level = Math.round(Math.max(0f, Math.min(1f, mask[i])) * 255f);
            argb[i] = (255 - level) << 24;
        }
        out.setRGB(0, 0, width, height, argb, 0, width);
        return out;
    }

    /** Uploads the img2img source (scaled to the request's size) and returns the name to load it by. */
    private String upload(GenerationRequest request) throws ModelException, InterruptedException {
        BufferedImage src = request.initImage();
        BufferedImage sized = src;
        if (src.getWidth() != request.width() || src.getHeight() != request.height()) {
            sized = new BufferedImage(request.width(), request.height(), BufferedImage.TYPE_INT_RGB);
            var g = sized.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, request.width(), request.height(), null);
            g.dispose();
        }
        String name = "stepcast-" + UUID.randomUUID() + ".png";
        JsonNode answer = http.postMultipart("/upload/image", "image", name, "image/png", RemoteImages.png(sized),
                Map.of("type", "input", "overwrite", "true"));
        String stored = answer.path("name").asText(name);
        String sub = answer.path("subfolder").asText("");
        return sub.isEmpty() ? stored : sub + "/" + stored;
    }

    /** The API-format workflow. */
    static ObjectNode workflow(GenerationRequest request, String checkpoint, String uploadedImage) {
        ObjectNode g = RemoteHttp.object();
        node(g, "4", "CheckpointLoaderSimple").put("ckpt_name", checkpoint);
        ObjectNode pos = node(g, "6", "CLIPTextEncode").put("text", request.prompt());
        pos.set("clip", link("4", 1));
        ObjectNode neg = node(g, "7", "CLIPTextEncode").put("text", request.negativePrompt());
        neg.set("clip", link("4", 1));
        String latent;
        if (uploadedImage == null) {
            node(g, "5", "EmptyLatentImage").put("width", request.width()).put("height", request.height())
                    .put("batch_size", 1);
            latent = "5";
        } else if (!request.isInpainting()) {
            node(g, "10", "LoadImage").put("image", uploadedImage);
            ObjectNode enc = node(g, "11", "VAEEncode");
            enc.set("pixels", link("10", 0));
            enc.set("vae", link("4", 2));
            latent = "11";
        } else if (request.inpaint().maskedContent() == InpaintOptions.MaskedContent.ORIGINAL) {
            node(g, "10", "LoadImage").put("image", uploadedImage);
            ObjectNode enc = node(g, "11", "VAEEncode");
            enc.set("pixels", link("10", 0));
            enc.set("vae", link("4", 2));
            ObjectNode noiseMask = node(g, "12", "SetLatentNoiseMask");
            noiseMask.set("samples", link("11", 0));
            noiseMask.set("mask", link("10", 1));
            latent = "12";
        } else {
            node(g, "10", "LoadImage").put("image", uploadedImage);
            ObjectNode enc = node(g, "11", "VAEEncodeForInpaint")
                    .put("grow_mask_by", Math.min(64, request.inpaint().maskBlur()));
            enc.set("pixels", link("10", 0));
            enc.set("vae", link("4", 2));
            enc.set("mask", link("10", 1));
            latent = "11";
        }
        SamplerNames.Comfy sampler = SamplerNames.comfy(request.scheduler());
        ObjectNode ks = node(g, SAMPLER_NODE, "KSampler").put("seed", request.seed() & Long.MAX_VALUE)
                .put("steps", steps(request)).put("cfg", request.guidanceScale())
                .put("sampler_name", sampler.samplerName()).put("scheduler", sampler.scheduler())
                .put("denoise", denoise(request));
        ks.set("model", link("4", 0));
        ks.set("positive", link("6", 0));
        ks.set("negative", link("7", 0));
        ks.set("latent_image", link(latent, 0));
        ObjectNode dec = node(g, "8", "VAEDecode");
        dec.set("samples", link(SAMPLER_NODE, 0));
        dec.set("vae", link("4", 2));
        ObjectNode save = node(g, SAVE_NODE, "SaveImage").put("filename_prefix", "stepcast");
        save.set("images", link("8", 0));
        return g;
    }

    private static ObjectNode node(ObjectNode graph, String id, String classType) {
        ObjectNode n = graph.putObject(id);
        n.put("class_type", classType);
        return n.putObject("inputs");
    }

    private static JsonNode link(String node, int output) {
        return RemoteHttp.JSON.createArrayNode().add(node).add(output);
    }

    /** "message: details" of a 400 from {@code /prompt}, including the first node error. */
    static String validationText(JsonNode answer) {
        JsonNode err = answer.path("error");
        StringBuilder s = new StringBuilder(err.isTextual() ? err.asText() : err.path("message").asText("invalid"));
        JsonNode nodeErrors = answer.path("node_errors");
        if (nodeErrors.isObject() && nodeErrors.size() > 0) {
            JsonNode first = nodeErrors.elements().next();
            JsonNode e = first.path("errors").path(0);
            s.append(": ").append(first.path("class_type").asText("node")).append(": ")
                    .append(e.path("message").asText(""));
            String details = e.path("details").asText("");
            if (!details.isEmpty()) {
                s.append(": ").append(details);
            }
        } else if (err.hasNonNull("details") && !err.path("details").asText().isEmpty()) {
            s.append(": ").append(err.path("details").asText());
        }
        return RemoteHttp.firstLine(s.toString());
    }

    /** One queued prompt being followed. <b>Threads:</b> the generate thread, except {@link #cancelOnServer}. */
    private final class Run {
        final String promptId;
        final StepListener listener;
        final CancellationToken cancel;
        final long start;
        final List<String> warnings;
        final URI wsUri = http.resolve("/ws");
        volatile boolean started;
        int lastStep;
        int total;
        long firstStep;
        int framesSeen;
        boolean askedForPreview;

        Run(String promptId, StepListener listener, CancellationToken cancel, long start, List<String> warnings) {
            this.promptId = promptId;
            this.listener = listener;
            this.cancel = cancel;
            this.start = start;
            this.warnings = warnings;
        }

        /** Interrupts our prompt if it runs, or takes it out of the queue if it waits. Background thread. */
        void cancelOnServer() throws Exception {
            if (started) {
                http.post("/interrupt", RemoteHttp.object().put("prompt_id", promptId));
            } else {
                ObjectNode del = RemoteHttp.object();
                del.putArray("delete").add(promptId);
                http.post("/queue", del);
            }
        }

        void follow(WsInbox inbox) throws ModelException, GenerationCancelledException, InterruptedException {
            long lastMessage = System.nanoTime();
            long deadline = System.nanoTime() + http.server().generateTimeout().toNanos();
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new RemoteException(wsUri, http.base() + " did not finish the prompt within "
                            + RemoteHttp.seconds(http.server().generateTimeout()));
                }
                WsInbox.Message m = inbox.next(Math.min(left, 250));
                if (m == null) {
                    if (cancel.isCancelled() && !started) {
                        throw new GenerationCancelledException();
                    }
                    if (System.nanoTime() - lastMessage > silenceNanos()) {
                        // a socket can die without a word (NAT, proxy): ask the history whether the prompt ended
                        lastMessage = System.nanoTime();
                        if (finishedInHistory()) {
                            warnings.add("no word from the WebSocket to " + http.base() + " after step " + lastStep
                                    + (total > 0 ? " of " + total : "") + "; the result came from its history");
                            break;
                        }
                    }
                    continue;
                }
                lastMessage = System.nanoTime();
                if (m instanceof WsInbox.Text t) {
                    if (handle(RemoteHttp.parse(wsUri, t.text()))) {
                        break;
                    }
                } else if (m instanceof WsInbox.Binary b) {
                    frame(b.bytes());
                } else {
                    if (cancel.isCancelled()) {
                        throw new GenerationCancelledException();
                    }
                    String why = m instanceof WsInbox.Failed f ? String.valueOf(f.error().getMessage())
                            : "closed, code " + ((WsInbox.Closed) m).code();
                    warnings.add("the WebSocket to " + http.base() + " dropped after step " + lastStep
                            + (total > 0 ? " of " + total : "") + " (" + why + "); the rest ran without progress");
                    LOG.log(Level.INFO, warnings.get(warnings.size() - 1));
                    awaitHistory(deadline);
                    break;
                }
            }
            if (askedForPreview && framesSeen == 0) {
                warnings.add(http.base() + " sent no previews: start ComfyUI with --preview-method auto");
            }
        }

        /** Handles one JSON message; true when the prompt finished successfully. */
        private boolean handle(JsonNode msg) throws RemoteException, GenerationCancelledException {
            String type = msg.path("type").asText("");
            JsonNode data = msg.path("data");
            String pid = data.path("prompt_id").asText(null);
            if (pid != null && !pid.equals(promptId)) {
                return false;
            }
            switch (type) {
                case "execution_start" -> started = true;
                case "progress" -> {
                    started = true;
                    String node = data.path("node").asText(SAMPLER_NODE);
                    int value = data.path("value").asInt(0);
                    int max = data.path("max").asInt(0);
                    if (node.equals(SAMPLER_NODE) && max > 0 && value > lastStep) {
                        lastStep = Math.min(value, max);
                        total = max;
                        if (firstStep == 0) {
                            firstStep = System.nanoTime();
                        }
                        listener.onStep(StepEvent.remote(lastStep, total, System.nanoTime() - start, null));
                        askedForPreview |= listener.wantsPreview(lastStep);
                    }
                }
                case "executing" -> {
                    if (pid != null) {
                        started = true;
                    }
                    if (data.has("node") && data.get("node").isNull() && pid != null) {
                        return true;
                    }
                }
                case "execution_success" -> {
                    return true;
                }
                case "execution_error" -> {
                    if (cancel.isCancelled()) {
                        throw new GenerationCancelledException();
                    }
                    throw new RemoteException(wsUri, http.base() + " failed the prompt in "
                            + data.path("node_type").asText("a node") + ": "
                            + RemoteHttp.firstLine(data.path("exception_message").asText("unknown error")));
                }
                case "execution_interrupted" -> {
                    if (cancel.isCancelled()) {
                        throw new GenerationCancelledException();
                    }
                    throw new RemoteException(wsUri, "the prompt was interrupted on " + http.base()
                            + " (stopped from another client)");
                }
                default -> { }
            }
            return false;
        }

        /** A binary frame: hands a wanted preview over undecoded; drops the rest. */
        private void frame(byte[] bytes) throws RemoteException {
            if (bytes.length < 8) {
                return;
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            int event = buf.getInt();
            byte[] image;
            EncodedImage.Format format;
            if (event == 1) {
                int kind = buf.getInt();
                format = kind == 1 ? EncodedImage.Format.JPEG : kind == 2 ? EncodedImage.Format.PNG : null;
                image = format == null ? null : Arrays.copyOfRange(bytes, 8, bytes.length);
            } else if (event == 4) {
                int metaLength = buf.getInt();
                if (metaLength < 0 || 8 + metaLength > bytes.length) {
                    return;
                }
                JsonNode meta = RemoteHttp.parse(wsUri, new String(bytes, 8, metaLength, StandardCharsets.UTF_8));
                String pid = meta.path("prompt_id").asText(null);
                if (pid != null && !pid.equals(promptId)) {
                    return;
                }
                String mime = meta.path("image_type").asText("image/jpeg");
                format = mime.endsWith("png") ? EncodedImage.Format.PNG : mime.endsWith("webp")
                        ? EncodedImage.Format.WEBP : EncodedImage.Format.JPEG;
                image = Arrays.copyOfRange(bytes, 8 + metaLength, bytes.length);
            } else {
                return;
            }
            if (image == null) {
                return;
            }
            framesSeen++;
            if (lastStep > 0 && listener.wantsPreview(lastStep)) {
                listener.onStep(StepEvent.remote(lastStep, total, System.nanoTime() - start,
                        new EncodedImage(format, image)));
            }
        }

        /** Whether the history has the prompt, finished; throws for a failed one. */
        private boolean finishedInHistory() throws ModelException, GenerationCancelledException,
                InterruptedException {
            JsonNode h = http.getJson("/history/" + enc(promptId)).path(promptId);
            if (h.isMissingNode()) {
                return false;
            }
            if (h.path("status").path("status_str").asText("success").equals("error")) {
                if (cancel.isCancelled()) {
                    throw new GenerationCancelledException();
                }
                throw new RemoteException(http.resolve("/history/" + promptId), http.base()
                        + " failed the prompt (see its log)");
            }
            return true;
        }

        /** After a dropped socket: polls the history until the prompt is there. */
        private void awaitHistory(long deadline) throws ModelException, GenerationCancelledException,
                InterruptedException {
            while (System.nanoTime() < deadline) {
                if (finishedInHistory()) {
                    return;
                }
                if (cancel.isCancelled()) {
                    throw new GenerationCancelledException();
                }
                Thread.sleep(http.server().pollInterval().toMillis());
            }
            throw new RemoteException(wsUri, http.base() + " did not finish the prompt within "
                    + RemoteHttp.seconds(http.server().generateTimeout()));
        }

        EncodedImage fetchImage() throws ModelException, InterruptedException {
            String path = "/history/" + enc(promptId);
            JsonNode outputs = http.getJson(path).path(promptId).path("outputs");
            JsonNode images = outputs.path(SAVE_NODE).path("images");
            if (!images.isArray() || images.isEmpty()) {
                for (JsonNode out : outputs) {
                    if (out.path("images").isArray() && !out.path("images").isEmpty()) {
                        images = out.path("images");
                        break;
                    }
                }
            }
            if (!images.isArray() || images.isEmpty()) {
                throw new RemoteException(http.resolve(path), http.base() + " finished the prompt without an image");
            }
            JsonNode ref = images.get(0);
            String view = "/view?filename=" + enc(ref.path("filename").asText()) + "&subfolder="
                    + enc(ref.path("subfolder").asText("")) + "&type=" + enc(ref.path("type").asText("output"));
            return RemoteImages.of(http.resolve(view), http.getBytes(view));
        }
    }

    /** How long a silent socket is trusted before the server is asked directly. */
    long silenceNanos() {
        return Math.max(1_000_000_000L, 20 * http.server().pollInterval().toNanos());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
