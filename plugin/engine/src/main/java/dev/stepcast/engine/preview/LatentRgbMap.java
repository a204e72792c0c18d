package dev.stepcast.engine.preview;

import dev.stepcast.engine.io.JsonTrees;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepcast.engine.ModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A linear latent→RGB map with bias: {@code rgb[k] = bias[k] + Σ_c latents[c] · matrix[c][k]}, applied per latent
 * cell to latents in the UNet's scaling; the result is in [-1, 1] image space (mapped to [0, 1] by {@code (v + 1)/2}).
 *
 * <p>Published factors (Comfy-Org/ComfyUI, {@code comfy/latent_formats.py}, classes {@code SD15} and {@code SDXL};
 * ComfyUI applies them to the sampler's x0 in the same scaled space and shows {@code (rgb + 1) / 2}). SD 2.x uses the
 * SD 1.x VAE (same latent space), so it shares the SD 1.x factors, as ComfyUI and A1111 do. A model folder may carry
 * its own exact map as {@code latent_rgb.json}: {@code {"matrix":[[r,g,b] per channel…],"bias":[r,g,b]}}.
 *
 * <p><b>Threads:</b> immutable; shared freely.
 */
public final class LatentRgbMap {

    /** SD 1.x (and 2.x): ComfyUI {@code latent_formats.SD15.latent_rgb_factors}, no bias. */
    public static final LatentRgbMap SD1 = new LatentRgbMap(new float[][] {
            {0.3512f, 0.2297f, 0.3227f},
            {0.3250f, 0.4974f, 0.2350f},
            {-0.2829f, 0.1762f, 0.2721f},
            {-0.2120f, -0.2616f, -0.7177f}}, new float[] {0f, 0f, 0f});

    /** SD 2.x: the SD 1.x VAE, hence the SD 1.x factors. */
    public static final LatentRgbMap SD2 = SD1;

    /** SDXL: ComfyUI {@code latent_formats.SDXL.latent_rgb_factors} and {@code latent_rgb_factors_bias}. */
    public static final LatentRgbMap SDXL = new LatentRgbMap(new float[][] {
            {0.3651f, 0.4232f, 0.4341f},
            {-0.2533f, -0.0042f, 0.1068f},
            {0.1076f, 0.1111f, -0.0362f},
            {-0.3165f, -0.2492f, -0.2188f}}, new float[] {0.1084f, -0.0175f, -0.0011f});

    private final float[][] matrix;
    private final float[] bias;

    /**
     * @param matrix one {@code [r, g, b]} row per latent channel
     * @param bias   {@code [r, g, b]} added after the matrix
     */
    public LatentRgbMap(float[][] matrix, float[] bias) {
        if (matrix.length == 0 || bias.length != 3) {
            throw new IllegalArgumentException("need ≥ 1 channel row and a bias of 3, got "
                    + matrix.length + " rows and bias " + Arrays.toString(bias));
        }
        this.matrix = new float[matrix.length][];
        for (int c = 0; c < matrix.length; c++) {
            if (matrix[c].length != 3) {
                throw new IllegalArgumentException("row " + c + " has " + matrix[c].length + " values, expected 3");
            }
            this.matrix[c] = matrix[c].clone();
        }
        this.bias = bias.clone();
    }

    /** Reads a {@code latent_rgb.json}; the message names the file and what is wrong. */
    public static LatentRgbMap read(Path json) throws ModelException {
        JsonNode root;
        try {
            root = JsonTrees.read(json);
        } catch (IOException e) {
            throw new ModelException("Cannot read the latent→RGB map " + json + ": " + e.getMessage(), json, e);
        }
        JsonNode rows = root == null ? null : root.get("matrix");
        JsonNode bias = root == null ? null : root.get("bias");
        if (rows == null || !rows.isArray() || rows.isEmpty() || bias == null || bias.size() != 3) {
            throw new ModelException(json + ": expected {\"matrix\":[[r,g,b] per latent channel…],\"bias\":[r,g,b]}",
                    json);
        }
        float[][] matrix = new float[rows.size()][];
        for (int c = 0; c < rows.size(); c++) {
            if (rows.get(c).size() != 3) {
                throw new ModelException(json + ": matrix row " + c + " has " + rows.get(c).size()
                        + " values, expected 3 (r, g, b)", json);
            }
            matrix[c] = floats(rows.get(c));
        }
        return new LatentRgbMap(matrix, floats(bias));
    }

    /** The number of latent channels this map reads. */
    public int channels() {
        return matrix.length;
    }

    /** The weight of latent channel {@code channel} in colour {@code rgb} (0 red, 1 green, 2 blue). */
    public float weight(int channel, int rgb) {
        return matrix[channel][rgb];
    }

    /** The bias of colour {@code rgb}. */
    public float bias(int rgb) {
        return bias[rgb];
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    @Override
    public String toString() {
        return "LatentRgbMap" + Arrays.deepToString(matrix) + " + " + Arrays.toString(bias);
    }
}
