package dev.stepcast.engine.preview;

import dev.stepcast.engine.ModelFamily;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.ModelInfo;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which previewer data a model has: its approximate latent→RGB map and its tiny decoder.
 *
 * <p><b>Threads:</b> stateless; any thread (reads files, so not the EDT).
 */
public final class Previewers {

    private Previewers() {
    }

    /**
     * The latent→RGB map for a model: its own {@code latent_rgb.json} when present (the demo model's exact map), else
     * the published factors of its family (SD 1.x and 2.x share one VAE; SDXL has its own). A model of unknown family
     * with 4 latent channels gets the SD 1.x map, the common VAE; other channel counts get none.
     *
     * @throws ModelException when the folder's {@code latent_rgb.json} is unreadable or does not fit the channels
     */
    public static Optional<LatentRgbMap> approximateMap(ModelInfo info) throws ModelException {
        if (info.latentRgbMap().isPresent()) {
            Path json = info.latentRgbMap().get();
            LatentRgbMap map = LatentRgbMap.read(json);
            if (map.channels() != info.latentChannels()) {
                throw new ModelException(json + " maps " + map.channels() + " latent channels, the model has "
                        + info.latentChannels(), json);
            }
            return Optional.of(map);
        }
        if (info.family() == ModelFamily.SDXL) {
            return Optional.of(LatentRgbMap.SDXL);
        }
        return info.latentChannels() == LatentRgbMap.SD1.channels() ? Optional.of(LatentRgbMap.SD1) : Optional.empty();
    }

    /** The tiny decoder to use: the user's choice when given, else the model folder's own, if any. */
    public static Optional<Path> tinyDecoder(ModelInfo info, Path userChoice) {
        return userChoice != null ? Optional.of(userChoice) : info.tinyDecoder();
    }
}
