package dev.stepcast.panel.preview;

import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.ModelInfo;
import dev.stepcast.engine.onnx.StableDiffusionModel;
import dev.stepcast.engine.preview.ApproximatePreviewer;
import dev.stepcast.engine.preview.LatentPreviewer;
import dev.stepcast.engine.preview.LatentRgbMap;
import dev.stepcast.engine.preview.Previewers;
import dev.stepcast.engine.preview.TinyDecoderPreviewer;
import dev.stepcast.engine.preview.VaePreviewer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the previewer a generation uses, from the settings' method and what the model has. Previews are a comfort,
 * never a reason to fail a generation: a tiny decoder that cannot be opened falls back to the approximate map (logged),
 * and a model with no usable map gets no previews (logged).
 *
 * <p>Settings read: {@link PreviewSettings#method()}, {@link PreviewSettings#tinyDecoder()}.
 *
 * <p><b>Threads:</b> stateless; call on the generation thread (opening a decoder reads a file and builds a session).
 *
 * @param previewer the opened previewer, or {@code null} for no previews
 * @param method    the method in effect after resolving Auto and fallbacks ({@link PreviewMethod#NONE} if none)
 */
public record PreviewerSelection(LatentPreviewer previewer, PreviewMethod method) {

    private static final System.Logger LOG = System.getLogger(PreviewerSelection.class.getName());

    public static PreviewerSelection open(StableDiffusionModel model, PreviewSettings settings) {
        ModelInfo info = model.info();
        Optional<Path> tiny = Previewers.tinyDecoder(info, settings.tinyDecoder());
        PreviewMethod method = settings.method().resolve(tiny.isPresent());
        switch (method) {
            case NONE:
                return none();
            case FULL:
                return new PreviewerSelection(new VaePreviewer(model), PreviewMethod.FULL);
            case TINY_DECODER:
                if (tiny.isPresent()) {
                    try {
                        return new PreviewerSelection(TinyDecoderPreviewer.open(tiny.get()), PreviewMethod.TINY_DECODER);
                    } catch (ModelException e) {
                        LOG.log(System.Logger.Level.WARNING, "tiny decoder unusable, previews fall back to the "
                                + "approximate map: " + e.getMessage(), e);
                    }
                } else {
                    LOG.log(System.Logger.Level.WARNING, "no tiny decoder for " + info.displayName()
                            + "; previews use the approximate map");
                }
                return approximate(info);
            default:
                return approximate(info);
        }
    }

    private static PreviewerSelection approximate(ModelInfo info) {
        try {
            Optional<LatentRgbMap> map = Previewers.approximateMap(info);
            if (map.isPresent()) {
                return new PreviewerSelection(new ApproximatePreviewer(map.get()), PreviewMethod.APPROXIMATE);
            }
            LOG.log(System.Logger.Level.WARNING, "no latent→RGB map for " + info.displayName() + " ("
                    + info.latentChannels() + " latent channels); no previews");
        } catch (ModelException e) {
            LOG.log(System.Logger.Level.WARNING, "approximate previews unavailable: " + e.getMessage(), e);
        }
        return none();
    }

    private static PreviewerSelection none() {
        return new PreviewerSelection(null, PreviewMethod.NONE);
    }
}
