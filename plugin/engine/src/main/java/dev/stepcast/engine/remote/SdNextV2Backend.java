package dev.stepcast.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.EncodedImage;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.StepEvent;
import dev.stepcast.engine.StepListener;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SD.Next's v2 jobs ({@code modules/api/v2}): {@code POST /sdapi/v2/jobs {"type": "generate", …}} answers 202 with
 * the job id; the job's WebSocket {@code /sdapi/v2/jobs/{id}/ws} pushes {@code status}, {@code progress} (step,
 * steps) and binary JPEG previews, then {@code completed} (image refs), {@code error} or {@code status: cancelled};
 * the image comes from {@code /sdapi/v2/jobs/{id}/images/0}. With {@code --auth} the socket needs a one-time
 * ticket from {@code POST /sdapi/v2/ws-ticket}. Cancel: {@code DELETE /sdapi/v2/jobs/{id}}. The checkpoint is set
 * through {@code POST /sdapi/v1/options} when it differs from the loaded one.
 *
 * <p>A pushed preview is handed over as a second event of its step (the progress message comes first) and only when
 * {@link StepListener#wantsPreview} wants that step. A dropped socket is reported in the result's warnings; the run
 * then follows the job with {@code GET /sdapi/v2/jobs/{id}} until it ends.
 *
 * <p><b>Threads:</b> thread-safe; step events are delivered on the calling thread.
 */
public final class SdNextV2Backend extends RemoteBackend {

    private static final Logger LOG = Logger.getLogger(SdNextV2Backend.class.getName());

    private final String version;

    private SdNextV2Backend(RemoteHttp http, String version) {
        super(http);
        this.version = version;
    }

    static SdNextV2Backend open(RemoteHttp http) throws RemoteException, InterruptedException {
        RemoteHttp.Answer a = http.get("/sdapi/v2/server-info", http.server().readTimeout());
        if (a.status() == 404) {
            throw new RemoteException(a.uri(), http.base() + " has no SD.Next v2 API (HTTP 404 on "
                    + "/sdapi/v2/server-info)");
        }
        JsonNode info = RemoteHttp.parse(a.uri(), http.expectOk(a).text());
        if (!info.has("version")) {
            throw new RemoteException(a.uri(), a.uri() + " answered JSON that is not SD.Next's server info");
        }
        JsonNode v = info.path("version");
        String ver = v.path("app").asText("SD.Next");
        String date = v.path("updated").asText("");
        return new SdNextV2Backend(http, ver.equalsIgnoreCase("sd.next") || ver.isEmpty() ? "SD.Next"
                + (date.isEmpty() ? "" : " " + date) : ver);
    }

    @Override
    public RemoteServer.Protocol protocol() {
        return RemoteServer.Protocol.SDNEXT_V2;
    }

    /**
     * SD.Next chooses its generator with a server-wide option ({@code diffusers_generator_device}) that a v2 job
     * cannot set for itself (and Stepcast does not change a shared server's settings): the server's own.
     */
    @Override
    public Optional<NoiseSource> noiseSource(NoiseSource requested) {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return version + " at " + http.server().hostAndPort();
    }

    @Override
    protected List<String> fetchCheckpoints() throws ModelException, InterruptedException {
        return SdapiLists.checkpoints(http);
    }

    @Override
    protected List<String> fetchSamplers() throws ModelException, InterruptedException {
        return SdapiLists.samplers(http);
    }

    @Override
    protected GenerationResult run(GenerationRequest request, StepListener listener, CancellationToken cancel)
            throws ModelException, GenerationCancelledException, InterruptedException {
        long start = System.nanoTime();
        if (request.checkpoint() != null) {
            selectCheckpoint(request.checkpoint());
        }
        cancel.throwIfCancelled();
        JsonNode job = http.postJson("/sdapi/v2/jobs", body(request), http.server().readTimeout());
        String id = job.path("id").asText(null);
        if (id == null || id.isEmpty()) {
            throw new RemoteException(http.resolve("/sdapi/v2/jobs"), http.resolve("/sdapi/v2/jobs")
                    + " answered without a job id");
        }
        String jobPath = "/sdapi/v2/jobs/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        try (CancellationToken.Registration reg = cancel.onCancel(
                () -> sendInBackground("cancel job", () -> http.delete(jobPath)))) {
            return follow(request, listener, cancel, jobPath, start);
        }
    }

    private GenerationResult follow(GenerationRequest request, StepListener listener, CancellationToken cancel,
                                    String jobPath, long start)
            throws ModelException, GenerationCancelledException, InterruptedException {
        String wsPath = jobPath + "/ws";
        if (http.server().hasCredentials()) {
            JsonNode t = http.postJson("/sdapi/v2/ws-ticket", RemoteHttp.object(), http.server().readTimeout());
            wsPath += "?ticket=" + URLEncoder.encode(t.path("ticket").asText(), StandardCharsets.UTF_8);
        }
        WsInbox inbox = new WsInbox();
        WebSocket ws = http.openWebSocket(wsPath, inbox);
        URI wsUri = http.resolve(jobPath + "/ws");
        List<String> warnings = new ArrayList<>();
        int lastStep = 0;
        int total = 0;
        int previews = 0;
        boolean askedForPreview = false;
        long firstStep = 0;
        long deadline = System.nanoTime() + http.server().generateTimeout().toNanos();
        JsonNode completed = null;
        long lastMessage = System.nanoTime();
        try {
            while (completed == null) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new RemoteException(wsUri, http.base() + " did not finish the job within "
                            + RemoteHttp.seconds(http.server().generateTimeout()));
                }
                WsInbox.Message m = inbox.next(Math.min(left, 250));
                if (m == null) {
                    if (System.nanoTime() - lastMessage > silenceNanos()) {
                        // a socket can die without a word (NAT, proxy): ask for the job directly
                        lastMessage = System.nanoTime();
                        JsonNode state = http.getJson(jobPath);
                        String status = state.path("status").asText("");
                        if (status.equals("completed")) {
                            warnings.add("no word from the WebSocket to " + http.base() + " after step " + lastStep
                                    + (total > 0 ? " of " + total : "") + "; the job's result was fetched directly");
                            completed = state.path("result");
                        } else if (status.equals("cancelled") || status.equals("failed")) {
                            completed = awaitByPolling(jobPath, cancel, deadline);
                        }
                    }
                    continue;
                }
                lastMessage = System.nanoTime();
                if (m instanceof WsInbox.Text t) {
                    JsonNode msg = RemoteHttp.parse(wsUri, t.text());
                    switch (msg.path("type").asText("")) {
                        case "progress" -> {
                            int step = msg.path("step").asInt(0);
                            int steps = msg.path("steps").asInt(0);
                            if (steps > 0 && step > lastStep) {
                                lastStep = Math.min(step, steps);
                                total = steps;
                                if (firstStep == 0) {
                                    firstStep = System.nanoTime();
                                }
                                listener.onStep(StepEvent.remote(lastStep, total, System.nanoTime() - start, null));
                                askedForPreview |= listener.wantsPreview(lastStep);
                            }
                        }
                        case "completed" -> completed = msg.path("result");
                        case "error" -> {
                            if (cancel.isCancelled()) {
                                throw new GenerationCancelledException();
                            }
                            throw new RemoteException(wsUri, http.base() + " failed the job: "
                                    + RemoteHttp.firstLine(msg.path("error").asText("unknown error")));
                        }
                        case "cancelled" -> throw new GenerationCancelledException();
                        case "status" -> {
                            String status = msg.path("status").asText("");
                            if (status.equals("cancelled")) {
                                throw new GenerationCancelledException();
                            }
                            if (status.equals("failed")) {
                                throw new RemoteException(wsUri, http.base() + " failed the job");
                            }
                        }
                        default -> { }
                    }
                } else if (m instanceof WsInbox.Binary b) {
                    previews++;
                    if (lastStep > 0 && listener.wantsPreview(lastStep)) {
                        EncodedImage preview = RemoteImages.of(wsUri, b.bytes());
                        listener.onStep(StepEvent.remote(lastStep, total, System.nanoTime() - start, preview));
                    }
                } else {
                    if (cancel.isCancelled()) {
                        throw new GenerationCancelledException();
                    }
                    String why = m instanceof WsInbox.Failed f ? String.valueOf(f.error().getMessage())
                            : "closed, code " + ((WsInbox.Closed) m).code();
                    warnings.add("the WebSocket to " + http.base() + " dropped after step " + lastStep
                            + (total > 0 ? " of " + total : "") + " (" + why + "); the rest ran without progress");
                    LOG.log(Level.INFO, warnings.get(warnings.size() - 1));
                    completed = awaitByPolling(jobPath, cancel, deadline);
                }
            }
        } finally {
            ws.abort();
        }
        if (cancel.isCancelled()) {
            throw new GenerationCancelledException();
        }
        JsonNode images = completed.path("images");
        if (!images.isArray() || images.isEmpty()) {
            throw new RemoteException(wsUri, http.base() + " finished the job without an image (is saving images "
                    + "off on the server?)");
        }
        String url = images.get(0).path("url").asText(jobPath + "/images/0");
        EncodedImage image = RemoteImages.of(http.resolve(url), http.getBytes(url));
        if (askedForPreview && previews == 0) {
            warnings.add("the server sent no live previews");
        }
        int stepsRun = total > 0 ? total : request.steps();
        if (lastStep < stepsRun) {
            listener.onStep(StepEvent.remote(stepsRun, stepsRun, System.nanoTime() - start, null));
        }
        return result(image, request, request.seed(), stepsRun, start, firstStep, warnings);
    }

    /** After a dropped socket: follows the job with GET until it ends; returns its result. */
    private JsonNode awaitByPolling(String jobPath, CancellationToken cancel, long deadline)
            throws ModelException, GenerationCancelledException, InterruptedException {
        while (System.nanoTime() < deadline) {
            JsonNode job = http.getJson(jobPath);
            switch (job.path("status").asText("")) {
                case "completed" -> {
                    return job.path("result");
                }
                case "cancelled" -> throw new GenerationCancelledException();
                case "failed" -> throw new RemoteException(http.resolve(jobPath), http.base() + " failed the job: "
                        + RemoteHttp.firstLine(job.path("error").asText("unknown error")));
                default -> {
                    if (cancel.isCancelled()) {
                        throw new GenerationCancelledException();
                    }
                    Thread.sleep(http.server().pollInterval().toMillis());
                }
            }
        }
        throw new RemoteException(http.resolve(jobPath), http.base() + " did not finish the job within "
                + RemoteHttp.seconds(http.server().generateTimeout()));
    }

    /** How long a silent socket is trusted before the server is asked directly. */
    private long silenceNanos() {
        return Math.max(1_000_000_000L, 20 * http.server().pollInterval().toNanos());
    }

    private void selectCheckpoint(String checkpoint) throws ModelException, InterruptedException {
        JsonNode options = http.getJson("/sdapi/v1/options");
        if (checkpoint.equals(options.path("sd_model_checkpoint").asText(null))) {
            return;
        }
        ObjectNode set = RemoteHttp.object().put("sd_model_checkpoint", checkpoint);
        http.postJson("/sdapi/v1/options", set, http.server().generateTimeout());
    }

    private ObjectNode body(GenerationRequest request) throws ModelException {
        ObjectNode b = RemoteHttp.object();
        b.put("type", "generate");
        b.put("prompt", request.prompt());
        b.put("negative_prompt", request.negativePrompt());
        b.put("steps", request.steps());
        b.put("cfg_scale", request.guidanceScale());
        b.put("seed", request.seed());
        b.put("width_before", request.width());
        b.put("height_before", request.height());
        b.put("batch_size", 1);
        b.put("batch_count", 1);
        SamplerNames.Sdapi sampler = SamplerNames.sdapi(request.scheduler(),
                request.scheduler() == null ? List.of() : samplers());
        if (sampler != null) {
            b.put("sampler_name", sampler.samplerName());
        }
        if (request.isImageToImage()) {
            b.putArray("inits").add(RemoteImages.pngBase64(request.initImage()));
            b.put("denoising_strength", request.strength());
        }
        return b;
    }
}
