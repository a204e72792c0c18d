package dev.stepcast.engine.synthetic;

import dev.stepcast.engine.io.JsonMappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.synthetic.SyntheticOptions.VaeEncoderOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a complete diffusers-layout ONNX model folder of small SD-shaped graphs ({@link SyntheticGraphs}):
 * {@code model_index.json}, {@code text_encoder/}, {@code unet/}, {@code vae_decoder/} (+ {@code config.json}),
 * optional {@code vae_encoder/} and {@code vae_approx/} (tiny decoder), {@code tokenizer/},
 * {@code scheduler/scheduler_config.json} (SD1.5's betas). The engine loads it like any real model; tests check
 * its numbers, the {@code bench} command times it.
 *
 * <pre>{@code
 * Path folder = SyntheticModelWriter.write(dir, SyntheticOptions.defaults().withFp16(true));
 * }</pre>
 *
 * <p><b>Threads:</b> stateless; concurrent calls must use different folders.
 */
public final class SyntheticModelWriter {

    private static final ObjectMapper JSON = JsonMappers.create();

    private SyntheticModelWriter() {
    }

    /** Writes the folder (created if needed; existing files overwritten) and returns it. */
    public static Path write(Path folder, SyntheticOptions o) throws IOException {
        Files.createDirectories(folder);
        SyntheticGraphs.textEncoder(o).save(folder.resolve("text_encoder/model.onnx"));
        SyntheticGraphs.unet(o).save(folder.resolve("unet/model.onnx"));
        SyntheticGraphs.vaeDecoder(o, false).save(folder.resolve("vae_decoder/model.onnx"));
        if (o.vaeEncoder() != VaeEncoderOutput.NONE) {
            SyntheticGraphs.vaeEncoder(o).save(folder.resolve("vae_encoder/model.onnx"));
        }
        if (o.tinyDecoder()) {
            SyntheticGraphs.vaeDecoder(o, true).save(folder.resolve("vae_approx/model.onnx"));
        }
        if (o.vaeScalingFactor() != null) {
            ObjectNode vae = JSON.createObjectNode();
            vae.put("_class_name", "AutoencoderKL");
            vae.put("latent_channels", o.latentChannels());
            vae.put("scaling_factor", o.vaeScalingFactor());
            write(folder.resolve("vae_decoder/config.json"), vae);
        }
        writeTokenizer(folder.resolve("tokenizer"), o.clipTokenizerDir());
        write(folder.resolve("scheduler/scheduler_config.json"), schedulerConfig(o));
        write(folder.resolve("model_index.json"), modelIndex(o));
        return folder;
    }

    /**
     * Writes the folder as {@link #write} does, with a UNet that down-samples its latents {@code downStages} times
     * (by 2 each) and joins them back like SD's skip connections, so it takes only latent sides that are multiples of
     * {@code 2^downStages} (SD: 3, so 64 px images). Its predictions are the plain synthetic UNet's.
     */
    public static Path write(Path folder, SyntheticOptions o, int downStages) throws IOException {
        write(folder, o);
        SyntheticGraphs.unet(o, downStages).save(folder.resolve("unet/model.onnx"));
        return folder;
    }

    private static void writeTokenizer(Path dir, Path clip) throws IOException {
        if (clip == null) {
            SyntheticTokenizer.write(dir);
            return;
        }
        Files.createDirectories(dir);
        for (String name : List.of("vocab.json", "merges.txt")) {
            Files.copy(clip.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** SD1.5's scheduler_config.json with the class and prediction type of the options. */
    private static ObjectNode schedulerConfig(SyntheticOptions o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("_class_name", o.schedulerClass());
        n.put("_diffusers_version", "0.30.0");
        n.put("beta_end", 0.012);
        n.put("beta_schedule", "scaled_linear");
        n.put("beta_start", 0.00085);
        n.put("clip_sample", false);
        n.put("num_train_timesteps", 1000);
        n.put("prediction_type", o.predictionType());
        n.put("set_alpha_to_one", false);
        n.put("skip_prk_steps", true);
        n.put("steps_offset", 1);
        n.putNull("trained_betas");
        if (o.lcm()) {
            n.put("original_inference_steps", 50);
            n.put("timestep_scaling", 10.0);
        }
        return n;
    }

    private static ObjectNode modelIndex(SyntheticOptions o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("_class_name", o.lcm() ? "OnnxLatentConsistencyModelPipeline" : "OnnxStableDiffusionPipeline");
        n.put("_diffusers_version", "0.30.0");
        n.put("_stepcast_synthetic", true);
        component(n, "text_encoder", "diffusers", "OnnxRuntimeModel");
        component(n, "unet", "diffusers", "OnnxRuntimeModel");
        component(n, "vae_decoder", "diffusers", "OnnxRuntimeModel");
        if (o.vaeEncoder() != VaeEncoderOutput.NONE) {
            component(n, "vae_encoder", "diffusers", "OnnxRuntimeModel");
        }
        component(n, "tokenizer", "transformers", "CLIPTokenizer");
        component(n, "scheduler", "diffusers", o.schedulerClass());
        return n;
    }

    private static void component(ObjectNode index, String name, String library, String className) {
        ArrayNode a = index.putArray(name);
        a.add(library).add(className);
    }

    private static void write(Path file, ObjectNode json) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    }
}
