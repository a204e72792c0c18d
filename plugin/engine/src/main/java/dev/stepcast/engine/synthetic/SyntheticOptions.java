package dev.stepcast.engine.synthetic;

import java.nio.file.Path;

/**
 * What {@link SyntheticModelWriter} writes: the input/output contracts real exports use, and how much dummy compute
 * each graph carries. Start from {@link #defaults()} and change what a test or benchmark needs with the withers.
 *
 * @param fp16             float16 inputs/outputs for sample, timestep (when float), hidden states, VAE tensors
 * @param int64Ids         {@code input_ids} int64 (newer optimum) instead of int32 (diffusers' script)
 * @param timestep         the UNet's timestep input contract
 * @param unetBatch        the UNet batch axis: 0 dynamic, 1 or 2 fixed
 * @param dynamicSequence  the UNet's {@code encoder_hidden_states} sequence axis dynamic (long prompts) or fixed 77
 * @param latentChannels   latent channels (4 for SD)
 * @param hiddenSize       text embedding width (768 makes the folder look like SD1.x, 1024 like SD2.x)
 * @param vaeEncoder       which VAE encoder output contract to write, or none
 * @param tinyDecoder      whether to write a TAESD-format decoder at {@code vae_approx/model.onnx}
 * @param lcm              whether the UNet takes {@code timestep_cond} (guidance embedding) and the scheduler is LCM
 * @param guidanceEmbedDim width of {@code timestep_cond}
 * @param schedulerClass   the diffusers class named in {@code scheduler_config.json}
 * @param predictionType   "epsilon", "v_prediction" or "sample"
 * @param vaeScalingFactor written to {@code vae_decoder/config.json}; {@code null} writes no config (family default)
 * @param clipTokenizerDir real CLIP {@code vocab.json}/{@code merges.txt} to copy (tests only); {@code null} writes
 *                         a tiny byte-level CLIP-format vocabulary
 * @param textEncoderCost  extra MatMul layers in the text encoder (compute only, result unchanged)
 * @param unetCost         extra 3×3 Conv layers in the UNet
 * @param vaeDecoderCost   extra 3×3 Conv layers at full image resolution in the VAE decoder
 * @param tinyDecoderCost  extra 3×3 Conv layers at full image resolution in the tiny decoder
 * @param costWidth        channels of the extra Conv layers (and width of the extra MatMuls)
 */
public record SyntheticOptions(boolean fp16, boolean int64Ids, TimestepInput timestep, int unetBatch,
                               boolean dynamicSequence, int latentChannels, int hiddenSize, VaeEncoderOutput vaeEncoder,
                               boolean tinyDecoder, boolean lcm, int guidanceEmbedDim, String schedulerClass,
                               String predictionType, Float vaeScalingFactor, Path clipTokenizerDir,
                               int textEncoderCost, int unetCost, int vaeDecoderCost, int tinyDecoderCost,
                               int costWidth) {

    /** The UNet's {@code timestep} input as exports have it. */
    public enum TimestepInput {
        /** float (float16 in fp16 exports), rank 0 — optimum ≥ 1.24. */
        FLOAT_SCALAR,
        /** float, shape [1] — diffusers' convert script. */
        FLOAT_ONE,
        /** float, shape [batch] (same batch axis as the sample). */
        FLOAT_BATCH,
        /** int64, shape [1] — older exports. */
        INT64_ONE,
        /** int64, rank 0. */
        INT64_SCALAR
    }

    /** The VAE encoder's output contract. */
    public enum VaeEncoderOutput {
        NONE,
        /** {@code latent_sample [1, C, h, w]}. */
        LATENT_SAMPLE,
        /** {@code latent_parameters [1, 2C, h, w]}: mean ‖ log-variance. */
        LATENT_PARAMETERS
    }

    public SyntheticOptions {
        if (unetBatch < 0 || unetBatch > 2) {
            throw new IllegalArgumentException("unetBatch must be 0 (dynamic), 1 or 2: " + unetBatch);
        }
        if (latentChannels < 3) {
            throw new IllegalArgumentException("latentChannels must be at least 3: " + latentChannels);
        }
    }

    /** fp32, int32 ids, float [1] timestep, dynamic batch and sequence, 4 channels, width 32, PNDM, no extra cost. */
    public static SyntheticOptions defaults() {
        return new SyntheticOptions(false, false, TimestepInput.FLOAT_ONE, 0, true, 4, 32,
                VaeEncoderOutput.LATENT_SAMPLE, false, false, 16, "PNDMScheduler", "epsilon", 0.18215f, null,
                0, 0, 0, 0, 16);
    }

    public SyntheticOptions withFp16(boolean v) {
        return new SyntheticOptions(v, int64Ids, timestep, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    public SyntheticOptions withInt64Ids(boolean v) {
        return new SyntheticOptions(fp16, v, timestep, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    public SyntheticOptions withTimestep(TimestepInput v) {
        return new SyntheticOptions(fp16, int64Ids, v, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    public SyntheticOptions withUnetBatch(int v) {
        return new SyntheticOptions(fp16, int64Ids, timestep, v, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    public SyntheticOptions withDynamicSequence(boolean v) {
        return new SyntheticOptions(fp16, int64Ids, timestep, unetBatch, v, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    public SyntheticOptions withHiddenSize(int v) {
        return new SyntheticOptions(fp16, int64Ids, timestep, unetBatch, dynamicSequence, latentChannels, v,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    public SyntheticOptions withVaeEncoder(VaeEncoderOutput v) {
        return new SyntheticOptions(fp16, int64Ids, timestep, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                v, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    public SyntheticOptions withTinyDecoder(boolean v) {
        return new SyntheticOptions(fp16, int64Ids, timestep, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, v, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    /** An LCM-distilled UNet ({@code timestep_cond}) with an LCMScheduler config. */
    public SyntheticOptions withLcm(boolean v) {
        return new SyntheticOptions(fp16, int64Ids, timestep, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, v, guidanceEmbedDim, v ? "LCMScheduler" : schedulerClass, predictionType,
                vaeScalingFactor, clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost,
                costWidth);
    }

    public SyntheticOptions withScheduler(String diffusersClass, String prediction) {
        return new SyntheticOptions(fp16, int64Ids, timestep, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, diffusersClass, prediction, vaeScalingFactor,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    public SyntheticOptions withVaeScalingFactor(Float v) {
        return new SyntheticOptions(fp16, int64Ids, timestep, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, v,
                clipTokenizerDir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    public SyntheticOptions withClipTokenizer(Path dir) {
        return new SyntheticOptions(fp16, int64Ids, timestep, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                dir, textEncoderCost, unetCost, vaeDecoderCost, tinyDecoderCost, costWidth);
    }

    /** Extra compute layers per graph (0 = none) and their width. */
    public SyntheticOptions withCost(int textEncoder, int unet, int vaeDecoder, int tiny, int width) {
        return new SyntheticOptions(fp16, int64Ids, timestep, unetBatch, dynamicSequence, latentChannels, hiddenSize,
                vaeEncoder, tinyDecoder, lcm, guidanceEmbedDim, schedulerClass, predictionType, vaeScalingFactor,
                clipTokenizerDir, textEncoder, unet, vaeDecoder, tiny, width);
    }
}
