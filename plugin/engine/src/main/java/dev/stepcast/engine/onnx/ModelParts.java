package dev.stepcast.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.ModelFamily;
import dev.stepcast.engine.ModelInfo;
import dev.stepcast.engine.ProviderReport;
import dev.stepcast.engine.scheduler.SchedulerConfig;
import dev.stepcast.engine.SchedulerKind;
import dev.stepcast.engine.text.ClipTokenizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything loaded from a model folder: the sessions (the UNet decides the execution provider: if an accelerator
 * cannot create it the model runs on the CPU), the tokenizer, the scheduler config and the {@link ModelInfo}. SDXL
 * folders add the second tokenizer and text encoder ({@code tokenizer2}, {@code textEncoder2}; {@code null}
 * otherwise), and both encoders are read for their penultimate hidden state. The tokenizers, the text encoders and
 * the VAE decoder load in parallel with the UNet ({@link ParallelLoad}); the VAE encoder opens on first
 * image-to-image use ({@link LazySession}). Closing it closes every session.
 *
 * <p><b>Threads:</b> immutable after {@link #load}; sessions allow concurrent runs.
 */
record ModelParts(ModelFolder folder, ModelInfo info, ProviderReport report, ClipTokenizer tokenizer,
                  SchedulerConfig schedulerConfig, UnetModel unet, TextEncoder textEncoder, ModelSession vaeDecoder,
                  LazySession vaeEncoder, ClipTokenizer tokenizer2, TextEncoder textEncoder2)
        implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ModelParts.class.getName());

    static ModelParts load(OrtEnvironment env, ModelFolder folder, ExecutionProvider requested) throws ModelException {
        // The tokenizers (Java work) and, when the provider is certain, the text encoders and the VAE decoder load
        // beside the UNet: session creation is native and mostly single-threaded, so on two cores the parts overlap.
        boolean sdxl = folder.isSdxl();
        ParallelLoad load = new ParallelLoad();
        try {
            ParallelLoad.Task<ClipTokenizer> tokenizer = load.start(() -> ClipTokenizer.load(folder.tokenizerDir()));
            ParallelLoad.Task<ClipTokenizer> tokenizer2 = sdxl
                    ? load.start(() -> ClipTokenizer.load(folder.tokenizer2Dir())) : null;
            ExecutionProvider certain = certainProvider(requested);
            ParallelLoad.Task<ModelSession> text = null;
            ParallelLoad.Task<ModelSession> text2 = null;
            ParallelLoad.Task<ModelSession> vae = null;
            if (certain != null) {
                SessionOpener early = new SessionOpener(env, certain);
                text = load.start(() -> early.open(folder.textEncoder()));
                text2 = sdxl ? load.start(() -> early.open(folder.textEncoder2())) : null;
                vae = load.start(() -> early.open(folder.vaeDecoder()));
            }
            ExecutionProviders.Selection<ModelSession> selection = selectProvider(env, folder, requested);
            load.opened(selection.value());
            SessionOpener opener = new SessionOpener(env, selection.report().used());
            if (text == null) { // an accelerator may have started: the other parts follow the UNet's provider
                text = load.start(() -> opener.open(folder.textEncoder()));
                text2 = sdxl ? load.start(() -> opener.open(folder.textEncoder2())) : null;
                vae = load.start(() -> opener.open(folder.vaeDecoder()));
            }
            UnetModel unet = new UnetModel(selection.value());
            checkSdxlUnet(folder, unet);
            SchedulerConfig schedulerConfig = folder.schedulerConfig().isPresent()
                    ? SchedulerConfig.read(folder.schedulerConfig().get()) : SchedulerConfig.sd15();
            TextEncoder textEncoder = sdxl ? TextEncoder.penultimate(env, text.join(), false)
                    : new TextEncoder(env, text.join());
            TextEncoder textEncoder2 = sdxl ? TextEncoder.penultimate(env, text2.join(), true) : null;
            ModelSession vaeDecoder = vae.join();
            ClipTokenizer clip = tokenizer.join();
            ClipTokenizer clip2 = sdxl ? tokenizer2.join() : null;
            LazySession vaeEncoder = folder.vaeEncoder().map(f -> new LazySession(opener, f)).orElse(null);
            if (sdxl) {
                checkSdxlSizes(folder, unet, textEncoder, textEncoder2);
            } else {
                checkHiddenSizes(folder, unet, textEncoder);
            }
            ModelFamily family = sdxl ? ModelFamily.SDXL : family(folder, textEncoder);
            SchedulerKind defaultKind = schedulerConfig.defaultKind()
                    .orElse(unet.timestepCond().isPresent() ? SchedulerKind.LCM : SchedulerKind.PNDM);
            ModelInfo info = new ModelInfo(folder.root(), displayName(folder, family), family, unet.latentChannels(),
                    folder.vaeScalingFactor().orElse(family.defaultVaeScalingFactor()), defaultKind,
                    schedulerConfig.predictionType(), folder.tinyDecoder(), folder.latentRgbMap(), vaeEncoder != null,
                    unet.dynamicSequence(), unet.timestepCond().isPresent());
            schedulerWarning(folder, schedulerConfig, defaultKind).ifPresent(w -> LOG.log(System.Logger.Level.WARNING, w));
            LOG.log(System.Logger.Level.DEBUG, "Loaded " + folder.root() + " (" + family + ") on "
                    + selection.report().summary());
            return new ModelParts(folder, info, selection.report(), clip, schedulerConfig, unet, textEncoder,
                    vaeDecoder, vaeEncoder, clip2, textEncoder2);
        } catch (ModelException | RuntimeException e) {
            load.closeAll();
            throw e;
        }
    }

    /**
     * The provider every session will use, when it is known before the UNet is tried: the CPU when it is asked
     * for, or when AUTO finds no accelerator in this ONNX Runtime build. {@code null} when an accelerator may start.
     */
    private static ExecutionProvider certainProvider(ExecutionProvider requested) {
        if (requested == ExecutionProvider.CPU) {
            return ExecutionProvider.CPU;
        }
        if (requested == ExecutionProvider.AUTO
                && ExecutionProviders.available().equals(java.util.EnumSet.of(ExecutionProvider.CPU))) {
            return ExecutionProvider.CPU;
        }
        return null;
    }

    private static ExecutionProviders.Selection<ModelSession> selectProvider(
            OrtEnvironment env, ModelFolder folder, ExecutionProvider requested) throws ModelException {
        try {
            return ExecutionProviders.select(requested, ExecutionProviders.available(),
                    p -> new SessionOpener(env, p).open(folder.unet()));
        } catch (ModelException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ModelException("Cannot load " + folder.unet() + ": " + e.getMessage(), folder.unet(), e);
        }
    }

    /** Says which scheduler class {@code scheduler_config.json} names that the engine does not know, and what runs. */
    Optional<String> schedulerWarning() {
        return schedulerWarning(folder, schedulerConfig, info.defaultScheduler());
    }

    private static Optional<String> schedulerWarning(ModelFolder folder, SchedulerConfig config, SchedulerKind used) {
        return config.unknownClassName().map(c -> folder.schedulerConfig().map(Object::toString)
                .orElse("scheduler_config.json") + " names the scheduler " + c + ", which Stepcast does not know; "
                + used.displayName() + " runs instead (pick another sampler to change it)");
    }

    private static void checkHiddenSizes(ModelFolder folder, UnetModel unet, TextEncoder text) throws ModelException {
        long u = unet.hiddenSize();
        long t = text.hiddenSize();
        if (u > 0 && t > 0 && u != t) {
            throw new ModelException(folder.unet() + " expects text embeddings of width " + u + " but "
                    + folder.textEncoder() + " makes " + t + "; the two do not belong to the same model", folder.unet());
        }
    }

    /** An SDXL UNet needs an SDXL folder and the other way round; each refusal names what is missing. */
    private static void checkSdxlUnet(ModelFolder folder, UnetModel unet) throws ModelException {
        if (unet.isSdxl() && !folder.isSdxl()) {
            throw new ModelException(folder.unet() + " is an SDXL UNet (inputs text_embeds and time_ids) but model"
                    + " folder " + folder.root() + " has no text_encoder_2/ and tokenizer_2/ (SDXL's second text"
                    + " encoder and tokenizer)", folder.textEncoder2());
        }
        if (folder.isSdxl() && !unet.isSdxl()) {
            throw new ModelException("Model folder " + folder.root() + " has SDXL's text_encoder_2/ and tokenizer_2/"
                    + " but " + folder.unet() + " lacks SDXL's inputs text_embeds and time_ids (found "
                    + unet.session().inputs().keySet() + ")", folder.unet());
        }
    }

    /** encoder_hidden_states = both encoders' widths side by side; text_embeds = encoder 2's projection. */
    private static void checkSdxlSizes(ModelFolder folder, UnetModel unet, TextEncoder text1, TextEncoder text2)
            throws ModelException {
        long u = unet.hiddenSize();
        long a = text1.hiddenSize();
        long b = text2.hiddenSize();
        if (u > 0 && a > 0 && b > 0 && u != a + b) {
            throw new ModelException(folder.unet() + " expects text embeddings of width " + u + " but "
                    + folder.textEncoder() + " (" + a + ") and " + folder.textEncoder2() + " (" + b + ") make "
                    + (a + b) + "; they do not belong to the same model", folder.unet());
        }
        long p = unet.textEmbeds().orElseThrow().dim(1);
        long q = text2.pooledSize();
        if (p > 0 && q > 0 && p != q) {
            throw new ModelException(folder.unet() + " expects text_embeds of width " + p + " but "
                    + folder.textEncoder2() + " makes " + q + "; they do not belong to the same model", folder.unet());
        }
    }

    private static ModelFamily family(ModelFolder folder, TextEncoder text) {
        if (folder.declaredFamily().toLowerCase(Locale.ROOT).equals("demo")) {
            return ModelFamily.DEMO;
        }
        if (text.hiddenSize() == 768) {
            return ModelFamily.SD1;
        }
        if (text.hiddenSize() == 1024) {
            return ModelFamily.SD2;
        }
        return ModelFamily.UNKNOWN;
    }

    private static String displayName(ModelFolder folder, ModelFamily family) {
        return family == ModelFamily.DEMO ? "Demo model (procedural scenes)" : folder.displayName();
    }

    @Override
    public void close() {
        unet.session().close();
        textEncoder.session().close();
        vaeDecoder.close();
        if (textEncoder2 != null) {
            textEncoder2.session().close();
        }
        if (vaeEncoder != null) {
            vaeEncoder.close();
        }
    }
}
