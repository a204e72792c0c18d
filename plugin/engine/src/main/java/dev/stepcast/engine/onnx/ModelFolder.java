package dev.stepcast.engine.onnx;

import dev.stepcast.engine.io.JsonTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stepcast.engine.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model folder in diffusers' ONNX layout, checked before any session is created: {@code model_index.json},
 * {@code text_encoder/model.onnx}, {@code unet/model.onnx}, {@code vae_decoder/model.onnx}, optional
 * {@code vae_encoder/model.onnx}, {@code tokenizer/}, {@code scheduler/scheduler_config.json}, optional tiny decoder
 * ({@code vae_approx/model.onnx}, {@code taesd_decoder/model.onnx} or {@code taesdxl_decoder/model.onnx}) and
 * {@code latent_rgb.json}. An SDXL folder (optimum's {@code stable-diffusion-xl} export) has a second encoder and
 * tokenizer as well: {@code text_encoder_2/model.onnx} and {@code tokenizer_2/}; a folder with only one half of a
 * pair is refused naming what is missing.
 *
 * <p>Settings read: model_index.json {@code _stepcast_family} (the demo model says "demo"), the presence of
 * {@code text_encoder_2} / {@code tokenizer_2} (SDXL), {@code force_zeros_for_empty_prompt} (SDXL; diffusers'
 * default {@code true} when absent); vae_decoder/config.json {@code scaling_factor}.
 *
 * <p><b>Threads:</b> immutable; thread-safe.
 */
public final class ModelFolder {

    private static final List<String> TINY_DECODERS = List.of("vae_approx/model.onnx", "taesd_decoder/model.onnx",
            "taesdxl_decoder/model.onnx", "taesd/decoder_model.onnx");

    private final Path root;
    private final JsonNode modelIndex;

    private ModelFolder(Path root, JsonNode modelIndex) {
        this.root = root;
        this.modelIndex = modelIndex;
    }

    /** Checks the layout of {@code root}; every problem names the file and what was expected. */
    public static ModelFolder open(Path root) throws ModelException {
        if (!Files.isDirectory(root)) {
            throw new ModelException("Model folder " + root + " does not exist or is not a folder", root);
        }
        Path index = root.resolve("model_index.json");
        JsonNode modelIndex = Files.isRegularFile(index) ? readJson(index) : JsonNodeFactory.instance.objectNode();
        ModelFolder folder = new ModelFolder(root, modelIndex);
        if (folder.isSdxl()) {
            folder.checkSdxlPairs();
        }
        for (Path required : List.of(folder.textEncoder(), folder.unet(), folder.vaeDecoder())) {
            if (!Files.isRegularFile(required)) {
                throw new ModelException("Missing " + root.relativize(required) + " in model folder " + root
                        + " (expected the diffusers ONNX layout: text_encoder/, unet/, vae_decoder/, tokenizer/ each"
                        + " with its model.onnx)", required);
            }
        }
        if (!Files.isDirectory(folder.tokenizerDir())) {
            throw new ModelException("Missing tokenizer/ in model folder " + root
                    + " (expected vocab.json + merges.txt or tokenizer.json)", folder.tokenizerDir());
        }
        return folder;
    }

    /**
     * Whether this is an SDXL folder: a second text encoder or tokenizer is present or model_index.json names one.
     */
    public boolean isSdxl() {
        return present(modelIndex.get("text_encoder_2")) || present(modelIndex.get("tokenizer_2"))
                || Files.isDirectory(root.resolve("text_encoder_2")) || Files.isDirectory(root.resolve("tokenizer_2"));
    }

    /** A model_index.json entry that names a component ({@code ["transformers", "CLIPTextModel"]}, not nulls). */
    private static boolean present(JsonNode entry) {
        return entry != null && entry.isArray() && entry.size() == 2 && !entry.get(1).isNull();
    }

    /** SDXL needs both encoders and both tokenizers; one message names everything that is missing. */
    private void checkSdxlPairs() throws ModelException {
        List<String> missing = new java.util.ArrayList<>();
        for (Path encoder : List.of(textEncoder(), textEncoder2())) {
            if (!Files.isRegularFile(encoder)) {
                missing.add(root.relativize(encoder).toString().replace('\\', '/'));
            }
        }
        for (Path tokenizer : List.of(tokenizerDir(), tokenizer2Dir())) {
            if (!Files.isDirectory(tokenizer)) {
                missing.add(root.relativize(tokenizer) + "/");
            }
        }
        if (!missing.isEmpty()) {
            Path first = root.resolve(missing.get(0));
            throw new ModelException("SDXL model folder " + root + " is incomplete: missing " + String.join(", ",
                    missing) + " (an SDXL export has text_encoder/ and text_encoder_2/ each with its model.onnx, and"
                    + " tokenizer/ and tokenizer_2/)", first);
        }
    }

    /** Reads a JSON file; a broken one is a {@link ModelException} naming it. */
    public static JsonNode readJson(Path file) throws ModelException {
        try {
            return JsonTrees.read(file);
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": expected JSON (" + e.getMessage() + ")", file, e);
        }
    }

    public Path root() {
        return root;
    }

    public String displayName() {
        Path name = root.toAbsolutePath().normalize().getFileName();
        return name == null ? root.toString() : name.toString();
    }

    /** model_index.json's {@code _stepcast_family}, lower case, or "" when absent. */
    public String declaredFamily() {
        return modelIndex.path("_stepcast_family").asText("");
    }

    /**
     * Whether the folder says its UNet is a dedicated inpainting UNet (9 input channels): model_index.json's
     * {@code _class_name} names an inpaint pipeline (e.g. {@code OnnxStableDiffusionInpaintPipeline}), or
     * {@code unet/config.json} has {@code in_channels} 9. The convert script exports {@code sample}'s channel axis as
     * dynamic, so the session alone cannot tell.
     */
    public boolean declaresInpainting() throws ModelException {
        if (modelIndex.path("_class_name").asText("").contains("Inpaint")) {
            return true;
        }
        Path config = root.resolve("unet/config.json");
        return Files.isRegularFile(config) && readJson(config).path("in_channels").asInt(0) == UnetModel.INPAINT_CHANNELS;
    }

    public Path textEncoder() {
        return root.resolve("text_encoder/model.onnx");
    }

    public Path unet() {
        return root.resolve("unet/model.onnx");
    }

    public Path vaeDecoder() {
        return root.resolve("vae_decoder/model.onnx");
    }

    /** The VAE encoder, if present (needed for img2img). */
    public Optional<Path> vaeEncoder() {
        return existing(root.resolve("vae_encoder/model.onnx"));
    }

    public Path tokenizerDir() {
        return root.resolve("tokenizer");
    }

    /** SDXL's second text encoder (OpenCLIP ViT-bigG with projection). */
    public Path textEncoder2() {
        return root.resolve("text_encoder_2/model.onnx");
    }

    /** SDXL's second tokenizer (pads with "!" in SDXL's files; read from them). */
    public Path tokenizer2Dir() {
        return root.resolve("tokenizer_2");
    }

    /**
     * model_index.json's {@code force_zeros_for_empty_prompt}: whether an empty negative prompt becomes zero
     * embeddings (pooled too) instead of the encoding of "". Absent means diffusers' SDXL default, {@code true}.
     */
    public boolean forceZerosForEmptyPrompt() {
        JsonNode flag = modelIndex.get("force_zeros_for_empty_prompt");
        return flag == null || !flag.isBoolean() || flag.booleanValue();
    }

    /** {@code scheduler/scheduler_config.json}, if present. */
    public Optional<Path> schedulerConfig() {
        return existing(root.resolve("scheduler/scheduler_config.json"));
    }

    /** A TAESD-format tiny decoder in the folder, if any. */
    public Optional<Path> tinyDecoder() {
        return TINY_DECODERS.stream().map(root::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** {@code latent_rgb.json}, if present. */
    public Optional<Path> latentRgbMap() {
        return existing(root.resolve("latent_rgb.json"));
    }

    /** vae_decoder/config.json's (or vae_encoder's) {@code scaling_factor}, if either says. */
    public Optional<Float> vaeScalingFactor() throws ModelException {
        for (String dir : List.of("vae_decoder", "vae_encoder", "vae")) {
            Path config = root.resolve(dir).resolve("config.json");
            if (Files.isRegularFile(config)) {
                JsonNode factor = readJson(config).get("scaling_factor");
                if (factor != null && factor.isNumber()) {
                    return Optional.of(factor.floatValue());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> existing(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
