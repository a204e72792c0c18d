package dev.stepcast.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.ModelFamily;
import dev.stepcast.engine.ModelInfo;
import dev.stepcast.engine.ProviderReport;
import dev.stepcast.engine.scheduler.SchedulerConfig;
import dev.stepcast.engine.scheduler.SchedulerKind;
import dev.stepcast.engine.text.ClipTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything loaded from a model folder: the sessions (UNet first, which decides the execution provider: if an
 * accelerator cannot create it the model runs on the CPU), the tokenizer, the scheduler config and the
 * {@link ModelInfo}. Closing it closes every session.
 *
 * <p><b>Threads:</b> immutable after {@link #load}; sessions allow concurrent runs.
 */
record ModelParts(ModelFolder folder, ModelInfo info, ProviderReport report, ClipTokenizer tokenizer,
                  SchedulerConfig schedulerConfig, UnetModel unet, TextEncoder textEncoder, ModelSession vaeDecoder,
                  ModelSession vaeEncoder) implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ModelParts.class.getName());

    static ModelParts load(OrtEnvironment env, ModelFolder folder, ExecutionProvider requested) throws ModelException {
        ClipTokenizer tokenizer = ClipTokenizer.load(folder.tokenizerDir());
        SchedulerConfig schedulerConfig = folder.schedulerConfig().isPresent()
                ? SchedulerConfig.read(folder.schedulerConfig().get()) : SchedulerConfig.sd15();
        List<ModelSession> opened = new ArrayList<>();
        try {
            ExecutionProviders.Selection<ModelSession> selection = selectProvider(env, folder, requested);
            opened.add(selection.value());
            SessionOpener opener = new SessionOpener(env, selection.report().used());
            UnetModel unet = new UnetModel(selection.value());
            ModelSession text = opener.open(folder.textEncoder());
            opened.add(text);
            TextEncoder textEncoder = new TextEncoder(env, text);
            ModelSession vaeDecoder = opener.open(folder.vaeDecoder());
            opened.add(vaeDecoder);
            ModelSession vaeEncoder = null;
            if (folder.vaeEncoder().isPresent()) {
                vaeEncoder = opener.open(folder.vaeEncoder().get());
                opened.add(vaeEncoder);
            }
            checkHiddenSizes(folder, unet, textEncoder);
            ModelFamily family = family(folder, textEncoder);
            SchedulerKind defaultKind = schedulerConfig.defaultKind()
                    .orElse(unet.timestepCond().isPresent() ? SchedulerKind.LCM : SchedulerKind.PNDM);
            ModelInfo info = new ModelInfo(folder.root(), displayName(folder, family), family, unet.latentChannels(),
                    folder.vaeScalingFactor().orElse(family.defaultVaeScalingFactor()), defaultKind,
                    schedulerConfig.predictionType(), folder.tinyDecoder(), folder.latentRgbMap(), vaeEncoder != null,
                    unet.dynamicSequence(), unet.timestepCond().isPresent());
            LOG.log(System.Logger.Level.DEBUG, "Loaded " + folder.root() + " (" + family + ") on "
                    + selection.report().summary());
            return new ModelParts(folder, info, selection.report(), tokenizer, schedulerConfig, unet, textEncoder,
                    vaeDecoder, vaeEncoder);
        } catch (ModelException | RuntimeException e) {
            opened.forEach(ModelSession::close);
            throw e;
        }
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

    private static void checkHiddenSizes(ModelFolder folder, UnetModel unet, TextEncoder text) throws ModelException {
        long u = unet.hiddenSize();
        long t = text.hiddenSize();
        if (u > 0 && t > 0 && u != t) {
            throw new ModelException(folder.unet() + " expects text embeddings of width " + u + " but "
                    + folder.textEncoder() + " makes " + t + "; the two do not belong to the same model", folder.unet());
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
        if (vaeEncoder != null) {
            vaeEncoder.close();
        }
    }
}
