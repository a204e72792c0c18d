package dev.stepcast.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.CancellationToken;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.FloatTensor;
import dev.stepcast.engine.GenerationCancelledException;
import dev.stepcast.engine.GenerationRequest;
import dev.stepcast.engine.GenerationResult;
import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.LongPrompt;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.ModelInfo;
import dev.stepcast.engine.ProviderReport;
import dev.stepcast.engine.StepListener;
import dev.stepcast.engine.scheduler.SchedulerConfig;
import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.engine.scheduler.Schedulers;
import dev.stepcast.engine.inpaint.InpaintPlan;
import dev.stepcast.engine.text.ClipTokenizer;
import dev.stepcast.engine.text.Emphasis;
import dev.stepcast.engine.text.EncodedPrompt;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model folder's sessions, tokenizer and scheduler config, and the whole txt2img/img2img run over them: tokenize
 * (long prompts in 77-token chunks when the UNet's sequence axis is dynamic, else truncated with a warning), encode
 * text (negative prompt first in the guidance batch), denoise ({@link DiffusionPipeline}), decode with the VAE.
 * {@link StableDiffusionModel} is its public face; nothing outside this package sees it.
 *
 * <p>The fp32 copy of an fp16 VAE decoder (made on first non-finite output) is guarded by its own lock, since
 * decodes may run on a preview thread beside the generation.
 *
 * <p><b>Threads:</b> {@link #generate} one run at a time (the caller serialises); {@link #decodeLatents} may run
 * concurrently with it; {@link #close()} only when nothing runs.
 */
final class LoadedModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LoadedModel.class.getName());
    static final int CHUNK = 77;

    private final OrtEnvironment env;
    private final ModelParts parts;
    private final Object fp32Lock = new Object();
    private ModelSession fp32Decoder;

    private LoadedModel(OrtEnvironment env, ModelParts parts) {
        this.env = env;
        this.parts = parts;
    }

    /** Loads {@code folder} on the best provider for {@code requested}, falling back to the CPU. */
    public static LoadedModel load(java.nio.file.Path folder, ExecutionProvider requested) throws ModelException {
        ModelFolder model = ModelFolder.open(folder); // its JSON parses while ONNX Runtime may still be loading
        OrtEnvironment env = OrtEnvironments.get();
        return new LoadedModel(env, ModelParts.load(env, model, requested));
    }

    public ModelInfo info() {
        return parts.info();
    }

    public ProviderReport provider() {
        return parts.report();
    }

    public ClipTokenizer tokenizer() {
        return parts.tokenizer();
    }

    /** SDXL's second tokenizer, or {@code null} for SD 1.x/2.x. */
    public ClipTokenizer tokenizer2() {
        return parts.tokenizer2();
    }

    public SchedulerConfig schedulerConfig() {
        return parts.schedulerConfig();
    }

    /** The text encoder's output width (-1 if dynamic). */
    public long textEncoderHiddenSize() {
        return parts.textEncoder().hiddenSize();
    }

    /** The UNet (its session, input specs and run counter). */
    public UnetModel unet() {
        return parts.unet();
    }

    /** The whole pipeline; see the class comment. */
    @SuppressWarnings("try") // the cancel hook is a resource only for its close(): it unregisters at the end
    public GenerationResult generate(GenerationRequest request, StepListener listener, CancellationToken cancel)
            throws ModelException, GenerationCancelledException {
        long start = System.nanoTime();
        ModelInfo info = parts.info();
        SchedulerKind kind = request.scheduler() != null ? request.scheduler() : info.defaultScheduler();
        if (request.isImageToImage() && parts.vaeEncoder() == null) {
            throw new ModelException((request.isInpainting() ? "Inpainting" : "Image to image") + " needs vae_encoder/model.onnx, which model folder "
                    + info.folder() + " does not have", info.folder());
        }
        parts.unet().checkImageSize(request.width(), request.height());
        List<String> warnings = new ArrayList<>();
        if (request.scheduler() == null) {
            parts.schedulerWarning().ifPresent(warnings::add);
        }
        try (OrtSession.RunOptions runOptions = new OrtSession.RunOptions();
             CancellationToken.Registration hook = cancel.onCancel(() -> terminate(runOptions))) {
            cancel.throwIfCancelled();
            UnetModel unet = parts.unet();
            boolean embeddedGuidance = unet.timestepCond().isPresent();
            boolean cfg = !embeddedGuidance && request.guidanceScale() > 1f;
            boolean chunk = unet.dynamicSequence() && request.compat().longPrompt() == LongPrompt.CHUNK;
            float[] condEmbedding;
            float[] uncondEmbedding;
            int sequence;
            List<UnetRun.Added> added = List.of();
            if (parts.textEncoder2() != null) {
                SdxlConditioning.Result text = SdxlConditioning.encode(parts, request.prompt(),
                        request.negativePrompt(), cfg, chunk, request.compat().emphasis(), warnings, runOptions);
                condEmbedding = text.cond();
                uncondEmbedding = text.uncond();
                sequence = text.sequence();
                float[] timeIds = SdxlConditioning.timeIds(request.width(), request.height());
                added = List.of(new UnetRun.Added("text_embeds", text.pooledCond(), text.pooledUncond()),
                        new UnetRun.Added("time_ids", timeIds, cfg ? timeIds : null));
            } else {
                boolean emphasis = request.compat().emphasis();
                EncodedPrompt cond = encodePrompt(request.prompt(), emphasis, chunk, warnings, "prompt");
                EncodedPrompt uncond = cfg ? encodePrompt(request.negativePrompt(), emphasis, chunk, warnings,
                        "negative prompt") : null;
                int chunks = Math.max(cond.chunkCount(), uncond == null ? 0 : uncond.chunkCount());
                condEmbedding = weighted(parts.textEncoder().encode(padded(cond, chunks), runOptions), cond, chunks);
                uncondEmbedding = uncond == null ? null
                        : weighted(parts.textEncoder().encode(padded(uncond, chunks), runOptions), uncond, chunks);
                sequence = chunks * CHUNK;
            }
            float[] guidanceEmbedding = embeddedGuidance ? GuidanceEmbedding.of(request.guidanceScale(),
                    (int) unet.timestepCond().orElseThrow().dim(1)) : null;
            DiffusionPipeline pipeline = new DiffusionPipeline(env, unet, Schedulers.create(kind,
                    parts.schedulerConfig()), request, info.latentChannels(), runOptions, cancel);
            InpaintPlan plan = request.isInpainting() ? InpaintPlan.prepare(request.initImage(), request.inpaint(),
                    request.width(), request.height()) : null;
            float[] initLatents = plan != null ? prepareInpainting(plan, request, pipeline, runOptions)
                    : request.isImageToImage() ? encodeImage(request, runOptions) : null;
            long denoiseStart = System.nanoTime();
            float[] latents = pipeline.denoise(initLatents, condEmbedding, uncondEmbedding, sequence,
                    guidanceEmbedding, added, listener);
            long denoiseNanos = System.nanoTime() - denoiseStart;
            FloatTensor finalLatents = FloatTensor.wrap(latents, pipeline.latentShape());
            BufferedImage image = decode(finalLatents, runOptions);
            if (plan != null) {
                image = plan.composite(image);
            }
            cancel.throwIfCancelled();
            return new GenerationResult(image, finalLatents, request, kind, parts.report().used().displayName(),
                    pipeline.stepsRun(), System.nanoTime() - start, denoiseNanos, List.copyOf(warnings));
        } catch (OrtException e) {
            if (cancel.isCancelled()) {
                throw new GenerationCancelledException();
            }
            throw new ModelException("ONNX Runtime failed while generating with " + info.folder() + ": "
                    + SessionOpener.firstLine(e.getMessage()), info.folder(), e);
        }
    }

    /** Decodes UNet-scaled latents {@code [1, C, h, w]} with the full VAE. Callable concurrently with a run. */
    public BufferedImage decodeLatents(FloatTensor latents) throws ModelException {
        try {
            return decodeLatents(latents, new CancellationToken());
        } catch (GenerationCancelledException e) {
            throw new IllegalStateException("a fresh token cannot be cancelled", e);
        }
    }

    /**
     * Decodes like {@link #decodeLatents(FloatTensor)}; cancelling any of {@code cancel} terminates the ONNX Runtime
     * run in progress ({@code RunOptions.setTerminate}).
     */
    BufferedImage decodeLatents(FloatTensor latents, CancellationToken... cancel)
            throws ModelException, GenerationCancelledException {
        List<CancellationToken.Registration> hooks = new ArrayList<>();
        try (OrtSession.RunOptions runOptions = new OrtSession.RunOptions()) {
            try {
                for (CancellationToken token : cancel) {
                    hooks.add(token.onCancel(() -> terminate(runOptions)));
                }
                throwIfCancelled(cancel);
                return decode(latents, runOptions);
            } finally {
                hooks.forEach(CancellationToken.Registration::close);
            }
        } catch (OrtException e) {
            throwIfCancelled(cancel);
            throw new ModelException("ONNX Runtime failed in the VAE decoder of " + info().folder() + ": "
                    + SessionOpener.firstLine(e.getMessage()), parts.folder().vaeDecoder(), e);
        }
    }

    private static void throwIfCancelled(CancellationToken... tokens) throws GenerationCancelledException {
        for (CancellationToken token : tokens) {
            token.throwIfCancelled();
        }
    }

    @Override
    public void close() {
        synchronized (fp32Lock) {
            if (fp32Decoder != null) {
                fp32Decoder.close();
                fp32Decoder = null;
            }
        }
        parts.close();
    }

    /** A1111's "Original" emphasis on each chunk that has weights (the padding chunks have none). */
    static float[] weighted(float[] hidden, EncodedPrompt prompt, int chunks) {
        int perChunk = hidden.length / chunks;
        for (int c = 0; c < chunks; c++) {
            float[] weights = prompt.chunkWeights(c);
            if (weights != null) {
                Emphasis.applyOriginal(hidden, c * perChunk, weights, perChunk / weights.length);
            }
        }
        return hidden;
    }

    private EncodedPrompt encodePrompt(String text, boolean emphasis, boolean chunk, List<String> warnings,
                                       String what) {
        return encodePrompt(parts.tokenizer(), parts.unet().dynamicSequence(), text, emphasis, chunk, warnings, what);
    }

    /** A1111's tokenizing of {@code text}; a truncated prompt adds a warning saying why (the UNet or the setting). */
    static EncodedPrompt encodePrompt(ClipTokenizer tokenizer, boolean dynamicSequence, String text, boolean emphasis,
                                      boolean chunk, List<String> warnings, String what) {
        EncodedPrompt encoded = tokenizer.encodeA1111(text, emphasis, chunk);
        if (encoded.truncated()) {
            warnings.add("The " + what + " has " + encoded.tokenCount() + " tokens; "
                    + (dynamicSequence ? "with long prompts set to truncate (diffusers) only one "
                    : "this UNet takes one ") + CHUNK + "-token sequence, so everything after token "
                    + (CHUNK - 2) + " was dropped");
        }
        return encoded;
    }

    /** The prompt's chunks, followed by empty-prompt chunks up to {@code count} (so cond and uncond match). */
    private int[][] padded(EncodedPrompt prompt, int count) {
        return padded(parts.tokenizer(), prompt, count);
    }

    /** The prompt's chunks, then empty-prompt chunks of {@code tokenizer} up to {@code count}. */
    static int[][] padded(ClipTokenizer tokenizer, EncodedPrompt prompt, int count) {
        int[][] out = Arrays.copyOf(prompt.chunks(), count);
        for (int i = prompt.chunkCount(); i < count; i++) {
            out[i] = tokenizer.encodeForModel("", CHUNK, false).chunks()[0];
        }
        return out;
    }

    /**
     * Whether this model's UNet is a dedicated inpainting UNet: the folder says so, or the UNet's {@code sample} has
     * a fixed channel axis of 9.
     */
    public boolean inpaintingUnet() throws ModelException {
        return parts.unet().inpaintingInput() || parts.folder().declaresInpainting();
    }

    /**
     * Encodes the plan's model image (the source latents) and tells the pipeline the latent mask and, for a dedicated
     * inpainting UNet, its extra channels: the mask at latent resolution and the masked image's latents.
     */
    private float[] prepareInpainting(InpaintPlan plan, GenerationRequest request, DiffusionPipeline pipeline,
                                      OrtSession.RunOptions options) throws ModelException, OrtException {
        float[] pixels = ImageConversion.fromImage(plan.modelImage(), request.width(), request.height());
        float[] sourceLatents = encodePixels(pixels, request, options);
        float[] mask = plan.latentMask();
        float[] extra = null;
        if (inpaintingUnet()) {
            float[] masked = encodePixels(plan.maskedModelPixels(pixels), request, options);
            extra = new float[mask.length + masked.length];
            System.arraycopy(mask, 0, extra, 0, mask.length);
            System.arraycopy(masked, 0, extra, mask.length, masked.length);
        }
        pipeline.inpaint(new DiffusionPipeline.Inpainting(mask, extra,
                request.inpaint().maskedContent() == InpaintOptions.MaskedContent.NOISE));
        return sourceLatents;
    }

    private float[] encodeImage(GenerationRequest request, OrtSession.RunOptions options)
            throws ModelException, OrtException {
        return encodePixels(ImageConversion.fromImage(request.initImage(), request.width(), request.height()), request,
                options);
    }

    private float[] encodePixels(float[] pixels, GenerationRequest request, OrtSession.RunOptions options)
            throws ModelException, OrtException {
        float[] latents = VaeModels.encode(env, parts.vaeEncoder().get(), pixels,
                new long[] {1, 3, request.height(), request.width()}, info().latentChannels(), options);
        float factor = info().vaeScalingFactor();
        for (int i = 0; i < latents.length; i++) {
            latents[i] *= factor;
        }
        return latents;
    }

    private BufferedImage decode(FloatTensor latents, OrtSession.RunOptions options)
            throws ModelException, OrtException {
        long[] shape = latents.shape();
        if (shape.length != 4 || shape[0] != 1 || shape[1] != info().latentChannels()) {
            throw new IllegalArgumentException("latents " + Arrays.toString(shape) + " are not [1, "
                    + info().latentChannels() + ", h, w]");
        }
        float[] values = latents.toArray();
        float inverse = 1f / info().vaeScalingFactor();
        for (int i = 0; i < values.length; i++) {
            values[i] *= inverse;
        }
        // Once the fp16 decoder overflowed, every decode goes straight to the fp32 copy: no wasted fp16 decode
        float[] pixels = hasFp32Decoder() ? decodeInFp32(values, shape, options)
                : VaeModels.decode(env, parts.vaeDecoder(), values, shape, options);
        if (!allFinite(pixels)) {
            pixels = decodeInFp32(values, shape, options);
        }
        int height = (int) shape[2] * 8;
        int width = (int) shape[3] * 8;
        if (pixels.length != 3 * width * height) {
            throw new ModelException(parts.folder().vaeDecoder() + ": decoded " + pixels.length + " values; expected "
                    + "[1, 3, " + height + ", " + width + "]", parts.folder().vaeDecoder());
        }
        return ImageConversion.toImage(pixels, width, height);
    }

    /**
     * SDXL's fp16 VAE overflows float16 (non-finite pixels; diffusers' {@code force_upcast}): decode again with an
     * fp32 copy of the decoder ({@link Fp32Upcast}, made once, on the CPU). Still non-finite, or no copy possible:
     * one message naming the decoder.
     */
    private float[] decodeInFp32(float[] vaeLatents, long[] shape, OrtSession.RunOptions options)
            throws ModelException, OrtException {
        java.nio.file.Path file = parts.folder().vaeDecoder();
        boolean fp16 = parts.vaeDecoder().input("latent_sample").map(s -> s.type() == ai.onnxruntime.OnnxJavaType.FLOAT16)
                .orElse(false);
        if (!fp16) {
            throw new ModelException(file + " produced non-finite pixels (NaN or infinity) in float32; the VAE decoder"
                    + " is broken or does not belong to this model", file);
        }
        ModelSession fp32 = fp32Decoder(file);
        float[] pixels = VaeModels.decode(env, fp32, vaeLatents, shape, options);
        if (!allFinite(pixels)) {
            throw new ModelException(file + " produced non-finite pixels in fp16 and in an fp32 copy; the VAE decoder"
                    + " is broken or does not belong to this model", file);
        }
        return pixels;
    }

    private boolean hasFp32Decoder() {
        synchronized (fp32Lock) {
            return fp32Decoder != null;
        }
    }

    private ModelSession fp32Decoder(java.nio.file.Path file) throws ModelException {
        synchronized (fp32Lock) {
            if (fp32Decoder == null) {
                try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                    byte[] model = Fp32Upcast.upcast(file);
                    fp32Decoder = new ModelSession(OrtEnvironments.get().createSession(model, options), file);
                    LOG.log(System.Logger.Level.WARNING, "fp16 VAE decoder " + file + " produced non-finite pixels;"
                            + " decoding with an fp32 copy from now on");
                } catch (java.io.IOException | OrtException | RuntimeException e) {
                    throw new ModelException(file + " (fp16) produced non-finite pixels (SDXL's fp16 VAE overflow) and"
                            + " an fp32 copy could not be made (" + SessionOpener.firstLine(e.getMessage()) + "); use"
                            + " an fp32 VAE or the fp16-fix SDXL VAE", file, e);
                }
            }
            return fp32Decoder;
        }
    }

    static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void terminate(OrtSession.RunOptions options) {
        try {
            options.setTerminate(true);
        } catch (OrtException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "terminate after the run ended", e);
        }
    }
}
