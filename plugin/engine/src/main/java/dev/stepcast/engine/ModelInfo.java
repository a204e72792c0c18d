package dev.stepcast.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a loaded model is: read from its folder and its ONNX sessions.
 *
 * @param folder            the model folder (diffusers ONNX layout)
 * @param displayName       a name for users (the folder's name, or the demo model's name)
 * @param family            the detected family
 * @param latentChannels    channels of the latents (4 for SD1.x/2.x)
 * @param vaeScalingFactor  latents the UNet sees = VAE latents × this (0.18215 for SD1.x/2.x)
 * @param defaultScheduler  the scheduler the model's {@code scheduler_config.json} names
 * @param predictionType    "epsilon", "v_prediction" or "sample" (from the scheduler config)
 * @param tinyDecoder       a TAESD-format decoder ONNX in the folder, if any
 * @param latentRgbMap      a {@code latent_rgb.json} in the folder, if any
 * @param hasVaeEncoder     whether img2img is possible ({@code vae_encoder/model.onnx} exists)
 * @param dynamicSequence   whether the UNet accepts text embeddings longer than one 77-token chunk (long prompts)
 * @param guidanceEmbedded  whether the UNet takes the guidance scale as an embedding ({@code timestep_cond}, LCM)
 */
public record ModelInfo(Path folder, String displayName, ModelFamily family, int latentChannels,
                        float vaeScalingFactor, SchedulerKind defaultScheduler, String predictionType,
                        Optional<Path> tinyDecoder, Optional<Path> latentRgbMap, boolean hasVaeEncoder,
                        boolean dynamicSequence, boolean guidanceEmbedded) {

    public ModelInfo {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(defaultScheduler, "defaultScheduler");
        tinyDecoder = tinyDecoder == null ? Optional.empty() : tinyDecoder;
        latentRgbMap = latentRgbMap == null ? Optional.empty() : latentRgbMap;
    }
}
