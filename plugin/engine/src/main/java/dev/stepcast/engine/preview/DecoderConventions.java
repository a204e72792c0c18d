package dev.stepcast.engine.preview;

import dev.stepcast.engine.io.JsonTrees;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a tiny decoder file declares about itself: its latent scaling factor and its output range. Sources, first
 * wins: ONNX custom metadata ({@code scaling_factor}, {@code output_range} such as "[-1,1]"), then a diffusers
 * {@code config.json} beside the file ({@code scaling_factor}; {@code _class_name: "AutoencoderTiny"} means [-1, 1]
 * because diffusers' {@code DecoderTiny} rescales its [0, 1] output to [-1, 1]). Defaults: factor 1 (TAESD), range
 * not declared (detected from values).
 *
 * @param scalingFactor x0 is divided by this before decoding
 * @param range         the declared output range, if any
 */
record DecoderConventions(float scalingFactor, Optional<OutputRange> range) {

    private static final System.Logger LOG = System.getLogger(DecoderConventions.class.getName());

    static DecoderConventions of(Path onnx, Map<String, String> metadata) {
        JsonNode config = readConfig(onnx.resolveSibling("config.json"));
        float factor = 1f;
        if (metadata.containsKey("scaling_factor")) {
            factor = parseFactor(metadata.get("scaling_factor"), factor);
        } else if (config != null && config.hasNonNull("scaling_factor")) {
            factor = (float) config.get("scaling_factor").asDouble(factor);
        }
        Optional<OutputRange> range = OutputRange.parse(metadata.get("output_range"));
        if (range.isEmpty() && config != null && "AutoencoderTiny".equals(config.path("_class_name").asText())) {
            range = Optional.of(OutputRange.MINUS_ONE_ONE);
        }
        if (!(factor > 0f) || !Float.isFinite(factor)) {
            factor = 1f;
        }
        return new DecoderConventions(factor, range);
    }

    private static float parseFactor(String text, float fallback) {
        try {
            return Float.parseFloat(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static JsonNode readConfig(Path json) {
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            return JsonTrees.read(json);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable " + json, e);
            return null;
        }
    }
}
