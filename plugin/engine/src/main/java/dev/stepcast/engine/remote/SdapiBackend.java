package dev.stepcast.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.inpaint.InpaintPlan;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.EncodedImage;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.NoiseSource;
import dev.stepcast.engine.StepEvent;
import dev.stepcast.engine.StepListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sdapi of A1111 and SD.Next ({@code /sdapi/v1}): {@code POST txt2img}/{@code img2img} blocks the calling
 * thread while a poller thread asks {@code GET /sdapi/v1/progress?skip_current_image=…} every
 * {@link RemoteServer#pollInterval()}.
 *
 * <p>Previews: the poller asks for the server's current image ({@code skip_current_image=false}) only when
 * {@link StepListener#wantsPreview} says the next step's preview would be used; otherwise the server does not encode
 * one. Progress is global on these servers: the request carries {@code force_task_id}, and a progress answer whose
 * {@code current_task} is another task (A1111 ≥ 1.6), or — on servers that do not say — whose {@code job_timestamp}
 * is the job that was already running when we submitted, is someone else's and is not reported.
 *
 * <p>Cancel: {@code POST /sdapi/v1/interrupt} (sent on a background thread); the server then answers the blocked
 * request early, and the run ends with {@link GenerationCancelledException}.
 *
 * <p>Seeds: the request's noise source is sent in {@code override_settings} (restored afterwards) under the option
 * the server has — A1111's {@code randn_source} ({@code NV} for a1111-nv, {@code CPU} for torch-cpu) or SD.Next's
 * {@code diffusers_generator_device} ({@code CPU} for torch-cpu, {@code GPU} for a1111-nv: torch's CUDA noise, the
 * same numbers on NVIDIA cards). Which one is looked up once in {@code GET /sdapi/v1/options}: both servers fail a
 * request that overrides an option they do not have. numpy and stepcast have no server equivalent: nothing is sent,
 * the server uses its own generator, and the result says so in a warning.
 *
 * <p><b>Threads:</b> thread-safe; step events are delivered on the poller thread, never after {@link #generate}
 * returned.
 */
public final class SdapiBackend extends RemoteBackend {

    private static final Logger LOG = Logger.getLogger(SdapiBackend.class.getName());
    /** A1111's noise source option: "GPU", "CPU", "NV" ({@code modules/shared_options.py}, {@code modules/rng.py}). */
    static final String A1111_RNG_OPTION = "randn_source";
    /** SD.Next's generator device option: "GPU", "CPU", "Unset" ({@code modules/shared.py}). */
    static final String SDNEXT_RNG_OPTION = "diffusers_generator_device";

    /** The server's RNG option: {@code null} until looked up, "" when it has none. */
    private volatile String rngOption;

    private SdapiBackend(RemoteHttp http) {
        super(http);
    }

    /** Checks the server answers the sdapi and returns the backend. */
    static SdapiBackend open(RemoteHttp http) throws RemoteException, InterruptedException {
        RemoteHttp.Answer a = http.get("/sdapi/v1/samplers", http.server().readTimeout());
        if (a.status() == 404) {
            throw new RemoteException(a.uri(), http.base() + " has no sdapi (HTTP 404 on /sdapi/v1/samplers): is it "
                    + "A1111 started with --api, or SD.Next?");
        }
        JsonNode list = RemoteHttp.parse(a.uri(), http.expectOk(a).text());
        if (!list.isArray()) {
            throw new RemoteException(a.uri(), a.uri() + " answered JSON that is not an sdapi sampler list");
        }
        SdapiBackend b = new SdapiBackend(http);
        return b;
    }

    @Override
    public RemoteServer.Protocol protocol() {
        return RemoteServer.Protocol.SDAPI;
    }

    @Override
    public String describe() {
        return "SD.Next/A1111 (sdapi) at " + http.server().hostAndPort();
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
        String taskId = "task(stepcast-" + UUID.randomUUID() + ")";
        ProgressState state = new ProgressState(taskId, listener, start);
        // A job already running (someone else's) is remembered, so its progress is never shown as ours.
        JsonNode before = pollOnce(true);
        state.noteBusyBefore(before);

        List<String> warnings = new ArrayList<>();
        ObjectNode body = body(request, taskId, rngSetting(request.compat().rng(), warnings));
        String route = request.isImageToImage() ? "/sdapi/v1/img2img" : "/sdapi/v1/txt2img";
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stepcast-sdapi-progress");
            t.setDaemon(true);
            return t;
        });
        long period = http.server().pollInterval().toMillis();
        poller.scheduleWithFixedDelay(() -> state.poll(this), period, period, TimeUnit.MILLISECONDS);
        JsonNode answer = null;
        try (CancellationToken.Registration reg = cancel.onCancel(
                () -> sendInBackground("interrupt", () -> http.post("/sdapi/v1/interrupt", null)))) {
            answer = http.postJson(route, body, http.server().generateTimeout());
        } finally {
            // Finished: a poll in flight may carry the last step and its preview, so it may end (no new polls
            // start). Failed or cancelled: stop polling at once.
            if (answer != null && !cancel.isCancelled()) {
                poller.shutdown();
            } else {
                poller.shutdownNow();
            }
            poller.awaitTermination(http.server().readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        cancel.throwIfCancelled();
        JsonNode images = answer.path("images");
        if (!images.isArray() || images.isEmpty() || !images.get(0).isTextual()) {
            throw new RemoteException(http.resolve(route), http.resolve(route) + " answered without an image");
        }
        EncodedImage image = RemoteImages.fromBase64(http.resolve(route), images.get(0).asText());
        long seed = seedUsed(answer, request.seed());
        int total = state.totalSteps > 0 ? state.totalSteps : request.steps();
        if (state.lastStep < total) {
            listener.onStep(StepEvent.remote(total, total, System.nanoTime() - start, null));
        }
        if (state.previewsAsked > 0 && state.previewsReceived == 0) {
            warnings.add("the server sent no live previews: enable them in its settings (Live previews), or "
                    + "generate more steps than its preview interval");
        }
        if (state.othersSeen) {
            warnings.add("the server was busy with another job first; its progress was not shown");
        }
        return result(image, request, seed, total, start, state.firstStepNanos, warnings);
    }

    JsonNode pollOnce(boolean skipImage) throws RemoteException, InterruptedException {
        return http.getJson("/sdapi/v1/progress?skip_current_image=" + skipImage);
    }

    /** a1111-nv and torch-cpu: the server is told to draw them; numpy and stepcast have no equivalent there. */
    @Override
    public Optional<NoiseSource> noiseSource(NoiseSource requested) {
        return requested == NoiseSource.A1111_NV || requested == NoiseSource.TORCH_CPU ? Optional.of(requested)
                : Optional.empty();
    }

    /**
     * The {@code override_settings} entry that makes the server draw {@code source}'s noise, or {@code null} (and a
     * warning) when it cannot.
     */
    private java.util.Map.Entry<String, String> rngSetting(NoiseSource source, List<String> warnings)
            throws ModelException, InterruptedException {
        if (noiseSource(source).isEmpty()) {
            warnings.add(describe() + " uses its own RNG: the " + source.id() + " noise source has no equivalent "
                    + "there, so a seed gives the server's noise");
            return null;
        }
        String option = rngOption();
        String value = rngValue(option, source);
        if (value == null) {
            warnings.add(describe() + " has no RNG option (" + A1111_RNG_OPTION + " or " + SDNEXT_RNG_OPTION
                    + "): it uses its own, not " + source.id());
            return null;
        }
        return java.util.Map.entry(option, value);
    }

    /** The value of the server's {@code option} that draws {@code source}, or {@code null} when there is none. */
    static String rngValue(String option, NoiseSource source) {
        if (A1111_RNG_OPTION.equals(option)) {
            return switch (source) {
                case A1111_NV -> "NV";
                case TORCH_CPU -> "CPU";
                default -> null;
            };
        }
        if (SDNEXT_RNG_OPTION.equals(option)) {
            return switch (source) {
                case A1111_NV -> "GPU";
                case TORCH_CPU -> "CPU";
                default -> null;
            };
        }
        return null;
    }

    /** Which RNG option the server has, asked once ({@code GET /sdapi/v1/options}); "" when it has neither. */
    private String rngOption() throws ModelException, InterruptedException {
        String option = rngOption;
        if (option == null) {
            JsonNode options = http.getJson("/sdapi/v1/options");
            option = options.has(A1111_RNG_OPTION) ? A1111_RNG_OPTION
                    : options.has(SDNEXT_RNG_OPTION) ? SDNEXT_RNG_OPTION : "";
            if (option.isEmpty()) {
                LOG.info(http.base() + " lists neither " + A1111_RNG_OPTION + " nor " + SDNEXT_RNG_OPTION
                        + " in /sdapi/v1/options: its own RNG is used");
            }
            rngOption = option;
        }
        return option;
    }

    private ObjectNode body(GenerationRequest request, String taskId, java.util.Map.Entry<String, String> rng)
            throws ModelException {
        ObjectNode b = RemoteHttp.object();
        b.put("prompt", request.prompt());
        b.put("negative_prompt", request.negativePrompt());
        b.put("width", request.width());
        b.put("height", request.height());
        b.put("steps", request.steps());
        b.put("cfg_scale", request.guidanceScale());
        b.put("seed", request.seed());
        b.put("batch_size", 1);
        b.put("n_iter", 1);
        b.put("send_images", true);
        b.put("save_images", false);
        b.put("force_task_id", taskId);
        SamplerNames.Sdapi sampler = SamplerNames.sdapi(request.scheduler(),
                request.scheduler() == null ? List.of() : samplers());
        if (sampler != null) {
            b.put("sampler_name", sampler.samplerName());
            if (sampler.scheduler() != null) {
                b.put("scheduler", sampler.scheduler());
            }
        }
        ObjectNode overrides = RemoteHttp.object();
        if (request.checkpoint() != null) {
            overrides.put("sd_model_checkpoint", request.checkpoint());
        }
        if (rng != null) {
            overrides.put(rng.getKey(), rng.getValue());
        }
        if (!overrides.isEmpty()) {
            b.set("override_settings", overrides);
            b.put("override_settings_restore_afterwards", true);
        }
        if (request.isImageToImage()) {
            b.putArray("init_images").add(RemoteImages.pngBase64(request.initImage()));
            b.put("denoising_strength", request.strength());
        }
        if (request.isInpainting()) {
            // A1111's img2img inpainting fields; the mask goes as the source's size (white repaints).
            InpaintOptions o = request.inpaint();
            InpaintPlan plan = InpaintPlan.prepare(request.initImage(), o.withMaskBlur(0), request.width(),
                    request.height());
            b.put("mask", RemoteImages.pngBase64(plan.softMask()));
            b.put("mask_blur", o.maskBlur());
            b.put("inpaint_full_res", o.area() == InpaintOptions.Area.MASKED);
            b.put("inpaint_full_res_padding", o.padding());
            b.put("inpainting_fill", switch (o.maskedContent()) {
                case FILL -> 0;
                case ORIGINAL -> 1;
                case NOISE -> 2;
            });
            b.put("inpainting_mask_invert", 0);
        }
        return b;
    }

    /** A1111 pastes an "only masked" crop back into the picture itself (its {@code inpaint_full_res}). */
    @Override
    protected boolean returnsWholePicture() {
        return true;
    }

    private static long seedUsed(JsonNode answer, long fallback) {
        JsonNode info = answer.path("info");
        try {
            JsonNode parsed = info.isTextual() ? RemoteHttp.JSON.readTree(info.asText()) : info;
            if (parsed != null && parsed.hasNonNull("seed")) {
                return parsed.get("seed").asLong(fallback);
            }
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "info is not JSON: " + info, e);
        }
        return fallback;
    }

    /**
     * The poller's view of the run. <b>Threads:</b> written by the poller thread; read by the generate thread only
     * after the poller terminated (the executor's termination is the happens-before edge).
     */
    private static final class ProgressState {
        final String taskId;
        final StepListener listener;
        final long start;
        String busyTimestamp;
        int lastStep;
        int totalSteps;
        int previewsAsked;
        int previewsReceived;
        boolean othersSeen;
        long firstStepNanos;

        ProgressState(String taskId, StepListener listener, long start) {
            this.taskId = taskId;
            this.listener = listener;
            this.start = start;
        }

        void noteBusyBefore(JsonNode progress) {
            JsonNode st = progress.path("state");
            if (st.path("job_count").asInt(0) > 0 || progress.path("progress").asDouble(0) > 0) {
                busyTimestamp = st.path("job_timestamp").asText(null);
            }
        }

        void poll(SdapiBackend backend) {
            try {
                int next = Math.max(lastStep + 1, 1);
                boolean wanted = listener.wantsPreview(next);
                JsonNode p = backend.pollOnce(!wanted);
                if (wanted) {
                    previewsAsked++;
                }
                handle(backend, p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RemoteException e) {
                LOG.log(Level.FINE, "progress poll failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "progress poll failed", e);
            }
        }

        private void handle(SdapiBackend backend, JsonNode p) throws RemoteException {
            JsonNode st = p.path("state");
            String current = p.path("current_task").asText(null);
            if (current != null && !current.equals(taskId)) {
                othersSeen |= st.path("job_count").asInt(0) > 0;
                return;
            }
            if (current == null && busyTimestamp != null
                    && busyTimestamp.equals(st.path("job_timestamp").asText(null))) {
                othersSeen = true;
                return;
            }
            int step = st.path("sampling_step").asInt(0);
            int total = st.path("sampling_steps").asInt(0);
            if (st.path("job_count").asInt(0) == 0 || total <= 0 || step <= lastStep) {
                return;
            }
            step = Math.min(step, total);
            EncodedImage preview = null;
            JsonNode image = p.get("current_image");
            if (image != null && image.isTextual() && !image.asText().isEmpty()) {
                preview = RemoteImages.fromBase64(backend.http.resolve("/sdapi/v1/progress"), image.asText());
                previewsReceived++;
            }
            if (firstStepNanos == 0) {
                firstStepNanos = System.nanoTime();
            }
            lastStep = step;
            totalSteps = total;
            listener.onStep(StepEvent.remote(step, total, System.nanoTime() - start, preview));
        }
    }
}
