package dev.stepcast.engine.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * ({@code vae_approx/model.onnx} or {@code taesd_decoder/model.onnx}) and {@code latent_rgb.json}.
 *
 * <p>Settings read: model_index.json {@code _stepcast_family} (the demo model says "demo"), the presence of
 * {@code text_encoder_2} (SDXL); vae_decoder/config.json {@code scaling_factor}.
 *
 * <p><b>Threads:</b> immutable; thread-safe.
 */
public final class ModelFolder {

    static final String SDXL_MESSAGE = "is an SDXL model (two text encoders); SDXL is not supported yet";
    private static final List<String> TINY_DECODERS =
            List.of("vae_approx/model.onnx", "taesd_decoder/model.onnx", "taesd/decoder_model.onnx");
    private static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode modelIndex = Files.isRegularFile(index) ? readJson(index) : JSON.createObjectNode();
        ModelFolder folder = new ModelFolder(root, modelIndex);
        if (modelIndex.has("text_encoder_2") || Files.isDirectory(root.resolve("text_encoder_2"))) {
            throw new ModelException(root + " " + SDXL_MESSAGE, root);
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

    /** Reads a JSON file; a broken one is a {@link ModelException} naming it. */
    public static JsonNode readJson(Path file) throws ModelException {
        try {
            return JSON.readTree(file.toFile());
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
