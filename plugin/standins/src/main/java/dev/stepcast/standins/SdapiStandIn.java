package dev.stepcast.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stand-in for the sdapi of A1111 ({@code --api}) and SD.Next: {@code /sdapi/v1/txt2img} and {@code img2img}
 * block until the job is done, {@code /sdapi/v1/progress?skip_current_image=} describes <em>the server's current
 * job, whoever started it</em> (as the real servers do), {@code /sdapi/v1/interrupt} ends the job early and the
 * blocked request still answers with the image so far, one job runs at a time (A1111's queue lock).
 *
 * <p>Flavour {@link Flavour#A1111} answers {@code current_task} in progress (the {@code force_task_id} of the job,
 * A1111 ≥ 1.6); {@link Flavour#SDNEXT} does not. The preview ({@code current_image}, base64 PNG as A1111's
 * {@code encode_pil_to_base64} with the default samples format) is encoded only when asked for.
 *
 * <p>Pace: {@link Pace#TIMED} runs a step every {@link #stepDuration}; {@link Pace#PER_POLL} advances one step each
 * time a progress poll has seen the current one (so a test sees every step exactly once without timing).
 *
 * <p><b>Threads:</b> thread-safe; state is guarded by {@code this}.
 */
public final class SdapiStandIn extends StandInServer {

    /** Which sdapi server to imitate. */
    public enum Flavour { A1111, SDNEXT }

    /** How steps advance. */
    public enum Pace { TIMED, PER_POLL }

    public static final List<String> CHECKPOINTS = List.of("v1-5-pruned-emaonly.safetensors [6ce0161689]",
            "dreamshaper_8.safetensors [879db523c3]");
    private static final List<String> SAMPLERS = List.of("DPM++ 2M", "DPM++ SDE", "Euler a", "Euler", "LMS", "DDIM",
            "PLMS", "UniPC", "LCM");

    private final Flavour flavour;
    private volatile Pace pace = Pace.TIMED;
    private final ReentrantLock queueLock = new ReentrantLock(true);
    private final AtomicInteger previewsEncoded = new AtomicInteger();
    private final AtomicInteger timestamps = new AtomicInteger();
    private volatile boolean livePreviews = true;
    private volatile boolean noisyResult;
    private volatile JsonNode lastGenerate;
    private volatile String generateError;

    // the current job (guarded by this)
    private String currentTask;
    private String jobTimestamp = "0";
    private int jobCount;
    private int step;
    private int steps;
    private int hue;
    private boolean interrupted;
    private int observedStep;

    public SdapiStandIn(Flavour flavour) {
        this.flavour = flavour;
    }

    public SdapiStandIn pace(Pace p) {
        pace = p;
        return this;
    }

    /** Whether the server makes live previews (A1111's "Live previews" option). */
    public void livePreviews(boolean on) {
        livePreviews = on;
    }

    /** Makes results incompressible noise PNGs (very large base64 answers). */
    public void noisyResult(boolean on) {
        noisyResult = on;
    }

    /** Makes the next generate requests fail as the server does on an exception (HTTP 500 with this text). */
    public void failGenerate(String errorText) {
        generateError = errorText;
    }

    /** How many previews the server encoded for progress answers. */
    public int previewsEncoded() {
        return previewsEncoded.get();
    }

    /** The body of the last txt2img/img2img request. */
    public JsonNode lastGenerate() {
        return lastGenerate;
    }

    /** The hue of previews of jobs started through the API (someone else's job has another). */
    public static final int API_HUE = 200;
    /** The hue of previews of {@link #startForeignJob}. */
    public static final int FOREIGN_HUE = 20;

    /**
     * Starts someone else's job of {@code n} steps (as if another client or the web UI generated): it holds the
     * queue, and its progress is what {@code /sdapi/v1/progress} shows meanwhile. Returns when it has started.
     */
    public CompletableFuture<Void> startForeignJob(int n) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                runJob("task(webui-foreign)", n, FOREIGN_HUE, started);
                done.complete(null);
            } catch (InterruptedException e) {
                done.completeExceptionally(e);
            }
        }, "standin-foreign-job");
        t.setDaemon(true);
        t.start();
        started.join();
        return done;
    }

    @Override
    protected void handle(Exchange ex) throws Exception {
        String route = ex.method + " " + ex.path;
        switch (route) {
            case "GET /sdapi/v1/samplers" -> {
                ArrayNode a = JSON.createArrayNode();
                SAMPLERS.forEach(s -> a.addObject().put("name", s).putArray("aliases").add(s.toLowerCase()));
                ex.status(200, a);
            }
            case "GET /sdapi/v1/schedulers" -> {
                ArrayNode a = JSON.createArrayNode();
                for (String s : List.of("Automatic", "Uniform", "Karras", "Exponential")) {
                    a.addObject().put("name", s.toLowerCase()).put("label", s);
                }
                ex.status(200, a);
            }
            case "GET /sdapi/v1/sd-models" -> {
                ArrayNode a = JSON.createArrayNode();
                for (String c : CHECKPOINTS) {
                    String name = c.substring(0, c.indexOf(".safetensors"));
                    a.addObject().put("title", c).put("model_name", name).put("hash", c.substring(c.indexOf('[') + 1,
                            c.indexOf(']'))).put("filename", "/models/Stable-diffusion/" + name + ".safetensors");
                }
                ex.status(200, a);
            }
            case "GET /sdapi/v1/progress" -> progress(ex);
            case "POST /sdapi/v1/interrupt" -> {
                synchronized (this) {
                    if (jobCount > 0) {
                        interrupted = true;
                        notifyAll();
                    }
                }
                ex.status(200, object());
            }
            case "POST /sdapi/v1/skip" -> ex.status(200, object());
            case "GET /sdapi/v1/options" -> ex.status(200, options());
            case "POST /sdapi/v1/txt2img", "POST /sdapi/v1/img2img" -> generate(ex, route.endsWith("img2img"));
            default -> {
                if (flavour == Flavour.SDNEXT && ex.path.startsWith("/sdapi/v1/") && ex.method.equals("GET")) {
                    ex.status(404, JSON.readTree("{\"detail\":\"Not Found\"}"));
                }
                // 404 Not Found, as FastAPI answers an unknown route
            }
        }
    }

    /**
     * A few of the server's options as {@code GET /sdapi/v1/options} lists them: the checkpoint and the noise
     * generator (A1111: {@code randn_source} "GPU"/"CPU"/"NV"; SD.Next: {@code diffusers_generator_device}
     * "GPU"/"CPU"/"Unset"). A generate request that overrides the other server's RNG option fails as it would there.
     */
    private ObjectNode options() {
        ObjectNode o = object();
        o.put("sd_model_checkpoint", CHECKPOINTS.get(0));
        if (flavour == Flavour.A1111) {
            o.put("randn_source", "GPU");
        } else {
            o.put("diffusers_generator_device", "GPU");
        }
        o.put("show_progress_every_n_steps", flavour == Flavour.A1111 ? 10 : 1);
        return o;
    }

    private void progress(Exchange ex) throws InterruptedException {
        boolean skip = "true".equalsIgnoreCase(ex.param("skip_current_image"));
        ObjectNode res = object();
        synchronized (this) {
            // PER_POLL: a poll that comes after the current step was seen waits (briefly) for the next step, so every
            // poll sees a new step however the threads are scheduled; the job thread advances as soon as a poll saw.
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (pace == Pace.PER_POLL && jobCount > 0 && step > 0 && step == observedStep && step < steps
                    && !interrupted && System.nanoTime() < deadline) {
                wait(100);
            }
            ObjectNode state = object();
            state.put("skipped", false).put("interrupted", interrupted).put("job", jobCount > 0 ? "txt2img" : "")
                    .put("job_count", jobCount).put("job_timestamp", jobTimestamp).put("job_no", 0)
                    .put("sampling_step", step).put("sampling_steps", steps);
            if (jobCount == 0) {
                res.put("progress", 0).put("eta_relative", 0).set("state", state);
                res.putNull("current_image");
                res.put("textinfo", (String) null);
            } else {
                double p = steps > 0 ? (double) step / steps : 0;
                res.put("progress", p).put("eta_relative", 1.0).set("state", state);
                if (!skip && livePreviews && step > 0) {
                    previewsEncoded.incrementAndGet();
                    res.put("current_image", Base64.getEncoder().encodeToString(
                            Pictures.preview(step, steps, hue, "png")));
                } else {
                    res.putNull("current_image");
                }
                res.put("textinfo", "Step " + step + "/" + steps);
                if (step > observedStep) {
                    observedStep = step;
                    notifyAll();
                }
            }
            if (flavour == Flavour.A1111) {
                if (currentTask != null) {
                    res.put("current_task", currentTask);
                } else {
                    res.putNull("current_task");
                }
            }
        }
        ex.ok(res);
    }

    private void generate(Exchange ex, boolean img2img) throws Exception {
        JsonNode req;
        try {
            req = ex.jsonBody();
        } catch (BadRequest e) {
            ex.status(422, JSON.readTree("{\"detail\":[{\"loc\":[\"body\",0],\"msg\":\"Expecting value\","
                    + "\"type\":\"value_error.jsondecode\"}]}"));
            return;
        }
        lastGenerate = req;
        JsonNode stepsNode = req.path("steps");
        if (!stepsNode.isMissingNode() && (!stepsNode.canConvertToInt() || stepsNode.asInt() < 1)) {
            ex.status(422, JSON.readTree("{\"detail\":[{\"loc\":[\"body\",\"steps\"],\"msg\":\"value is not a valid "
                    + "integer\",\"type\":\"type_error.integer\"}]}"));
            return;
        }
        String sampler = req.path("sampler_name").asText(null);
        if (sampler != null && SAMPLERS.stream().noneMatch(s -> s.equalsIgnoreCase(sampler))) {
            ex.status(404, JSON.readTree("{\"detail\":\"Sampler not found\"}"));
            return;
        }
        ObjectNode known = options();
        for (var it = req.path("override_settings").fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.has(key) && (key.equals("randn_source") || key.equals("diffusers_generator_device"))) {
                // Both servers look every overridden option up in their option table: one they do not have is a
                // KeyError. (This stand-in lists only a few options, so it refuses only the other server's RNG one.)
                ex.status(500, JSON.readTree("{\"error\":\"KeyError\",\"detail\":\"\",\"body\":\"\",\"errors\":"
                        + quote("'" + key + "'") + "}"));
                return;
            }
        }
        String ckpt = req.path("override_settings").path("sd_model_checkpoint").asText(null);
        if (ckpt != null && CHECKPOINTS.stream().noneMatch(c -> c.equals(ckpt) || c.startsWith(ckpt))) {
            ex.status(500, JSON.readTree("{\"error\":\"RuntimeError\",\"detail\":\"\",\"body\":\"\","
                    + "\"errors\":\"checkpoint not found: " + ckpt.replace("\"", "'") + "\"}"));
            return;
        }
        if (img2img && (!req.path("init_images").isArray() || req.path("init_images").isEmpty())) {
            ex.status(422, JSON.readTree("{\"detail\":[{\"loc\":[\"body\",\"init_images\"],\"msg\":\"field required\","
                    + "\"type\":\"value_error.missing\"}]}"));
            return;
        }
        if (generateError != null) {
            ex.status(500, JSON.readTree("{\"error\":\"RuntimeError\",\"detail\":\"\",\"body\":\"\",\"errors\":"
                    + quote(generateError) + "}"));
            return;
        }
        int n = stepsNode.isMissingNode() ? 20 : stepsNode.asInt();
        if (img2img) {
            n = Math.max(1, (int) Math.floor(n * req.path("denoising_strength").asDouble(0.75)));
        }
        String task = req.path("force_task_id").asText(null);
        long seed = req.path("seed").asLong(-1);
        if (seed == -1) {
            seed = 12345;
        }
        int ran = runJob(task, n, API_HUE, null);
        int w = req.path("width").asInt(512);
        int h = req.path("height").asInt(512);
        byte[] png = Pictures.result(w, h, seed, noisyResult, "png");
        if (img2img && req.hasNonNull("mask")) {
            png = Pictures.inpainted(png, Base64.getDecoder().decode(req.path("init_images").get(0).asText()),
                    Base64.getDecoder().decode(req.path("mask").asText()), w, h);
        }
        ObjectNode res = object();
        res.putArray("images").add(Base64.getEncoder().encodeToString(png));
        ObjectNode params = req.deepCopy();
        res.set("parameters", params);
        ObjectNode info = object().put("prompt", req.path("prompt").asText()).put("seed", seed)
                .put("steps", ran).put("sampler_name", sampler == null ? "Euler a" : sampler);
        info.putArray("all_seeds").add(seed);
        info.putArray("infotexts").add(req.path("prompt").asText() + "\nSteps: " + ran + ", Seed: " + seed);
        res.put("info", JSON.writeValueAsString(info));
        ex.status(200, "application/json", JSON.writeValueAsString(res).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs one job under the queue lock; returns the steps actually run. */
    private int runJob(String task, int n, int jobHue, CompletableFuture<Void> started) throws InterruptedException {
        queueLock.lockInterruptibly();
        try {
            synchronized (this) {
                currentTask = task;
                jobTimestamp = "2026112904" + String.format("%04d", timestamps.incrementAndGet());
                jobCount = 1;
                step = 0;
                steps = n;
                hue = jobHue;
                interrupted = false;
                observedStep = 0;
            }
            if (started != null) {
                started.complete(null);
            }
            int ran = 0;
            for (int s = 1; s <= n; s++) {
                synchronized (this) {
                    if (interrupted) {
                        break;
                    }
                }
                if (pace == Pace.TIMED) {
                    Thread.sleep(stepDuration.toMillis());
                }
                synchronized (this) {
                    if (interrupted) {
                        break;
                    }
                    step = s;
                    ran = s;
                    stepEnded(s);
                    notifyAll();
                    if (pace == Pace.PER_POLL) {
                        long deadline = System.nanoTime() + 10_000_000_000L;
                        while (observedStep < s && !interrupted && System.nanoTime() < deadline) {
                            wait(1000);
                        }
                    }
                }
            }
            return ran;
        } finally {
            synchronized (this) {
                currentTask = null;
                jobCount = 0;
                step = 0;
                steps = 0;
                notifyAll();
            }
            queueLock.unlock();
        }
    }
}
