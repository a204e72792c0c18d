package dev.stepcast.engine.demo;

import dev.stepcast.engine.io.JsonMappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;

/**
 * Builds the demo model and writes it as a diffusers ONNX folder: renders each {@link SceneFamily}
 * {@link #RENDERS_PER_FAMILY} times, encodes the renders to latents ({@link LatentCodec}), fits one PPCA Gaussian per
 * family ({@link PriorFitter}), and writes {@code model_index.json}, {@code scheduler/}, {@code tokenizer/},
 * {@code text_encoder/}, {@code unet/}, {@code vae_decoder/}, {@code vae_encoder/} and {@code latent_rgb.json}. Deterministic: fixed seeds,
 * ordered maps, so the same build writes the same bytes.
 *
 * <p><b>Threads:</b> call from one thread; rendering runs on the common fork-join pool. Progress is reported on the
 * calling thread, in [0, 1].
 */
final class DemoModelWriter {

    /** Latent cells per side at the native size (512×512 pixels). */
    static final int NATIVE_LATENT = 64;
    /** Renders are drawn at this size and area-averaged 2×2 per latent cell (an 8×8 cell at 512 px). */
    static final int RENDER_SIZE = 128;
    static final int RENDERS_PER_FAMILY = 96;
    static final int RANK = 24;

    private final ObjectMapper json = JsonMappers.create().enable(SerializationFeature.INDENT_OUTPUT);

    /** The renders' latents of one family, training order; also used by tests to check novelty. */
    static float[][] trainingLatents(SceneFamily family) {
        float[][] out = new float[RENDERS_PER_FAMILY][];
        IntStream.range(0, RENDERS_PER_FAMILY).parallel().forEach(i -> out[i] =
                LatentCodec.encode(SceneRenderer.render(family, i, RENDER_SIZE), NATIVE_LATENT));
        return out;
    }

    /** Fits the prior of every family. Progress goes from {@code from} to {@code to}. */
    static List<FamilyPrior> fitPriors(DoubleConsumer progress, double from, double to) {
        List<FamilyPrior> priors = new ArrayList<>();
        List<SceneFamily> families = SceneFamily.all();
        for (int f = 0; f < families.size(); f++) {
            priors.add(PriorFitter.fit(trainingLatents(families.get(f)), RANK));
            progress.accept(from + (to - from) * (f + 1) / families.size());
        }
        return priors;
    }

    /** Writes the complete model into the empty or new folder {@code dir}. */
    void write(Path dir, DoubleConsumer progress) throws IOException {
        progress.accept(0);
        List<FamilyPrior> priors = fitPriors(progress, 0.02, 0.8);
        List<SceneFamily> families = SceneFamily.all();
        DemoTokenizer tokenizer = new DemoTokenizer(DemoTextEncoder.keywords(families));
        writeTokenizer(dir.resolve("tokenizer"), tokenizer);
        DemoTextEncoder.build(tokenizer, families).save(dir.resolve("text_encoder/model.onnx"));
        writeJson(dir.resolve("text_encoder/config.json"), map("_class_name", "CLIPTextModel",
                "hidden_size", DemoUnetGraph.HIDDEN, "max_position_embeddings", 77,
                "vocab_size", tokenizer.regularSize(), "bos_token_id", DemoTokenizer.BOS,
                "eos_token_id", DemoTokenizer.EOS, "pad_token_id", DemoTokenizer.EOS));
        progress.accept(0.85);
        DemoUnetGraph.build(priors, NATIVE_LATENT).save(dir.resolve("unet/model.onnx"));
        writeJson(dir.resolve("unet/config.json"), map("_class_name", "UNet2DConditionModel",
                "sample_size", NATIVE_LATENT, "in_channels", LatentCodec.CHANNELS,
                "out_channels", LatentCodec.CHANNELS, "cross_attention_dim", DemoUnetGraph.HIDDEN,
                "_stepcast_families", families.stream().map(SceneFamily::description).toList(),
                "_stepcast_rank", RANK));
        progress.accept(0.95);
        DemoDecoderGraph.build().save(dir.resolve("vae_decoder/model.onnx"));
        writeJson(dir.resolve("vae_decoder/config.json"), map("_class_name", "AutoencoderKL",
                "in_channels", 3, "out_channels", 3, "latent_channels", LatentCodec.CHANNELS,
                "sample_size", NATIVE_LATENT * LatentCodec.DOWNSCALE, "scaling_factor", LatentCodec.SCALING_FACTOR));
        DemoEncoderGraph.build().save(dir.resolve("vae_encoder/model.onnx"));
        writeJson(dir.resolve("vae_encoder/config.json"), map("_class_name", "AutoencoderKL",
                "in_channels", 3, "out_channels", 3, "latent_channels", LatentCodec.CHANNELS,
                "sample_size", NATIVE_LATENT * LatentCodec.DOWNSCALE, "scaling_factor", LatentCodec.SCALING_FACTOR));
        writeJson(dir.resolve("scheduler/scheduler_config.json"), schedulerConfig());
        writeJson(dir.resolve("latent_rgb.json"), map("matrix", LatentCodec.rgbMatrix(), "bias", new double[3]));
        writeJson(dir.resolve("model_index.json"), modelIndex());
        progress.accept(1);
    }

    private void writeTokenizer(Path dir, DemoTokenizer tokenizer) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>(tokenizer.vocab());
        vocab.put(DemoTokenizer.BOS_TOKEN, DemoTokenizer.BOS);
        vocab.put(DemoTokenizer.EOS_TOKEN, DemoTokenizer.EOS);
        writeJson(dir.resolve("vocab.json"), vocab);
        Files.writeString(dir.resolve("merges.txt"), tokenizer.mergesText(), StandardCharsets.UTF_8);
        Map<String, Object> specials = map("bos_token", DemoTokenizer.BOS_TOKEN, "eos_token", DemoTokenizer.EOS_TOKEN,
                "unk_token", DemoTokenizer.EOS_TOKEN, "pad_token", DemoTokenizer.EOS_TOKEN);
        writeJson(dir.resolve("special_tokens_map.json"), specials);
        Map<String, Object> config = new LinkedHashMap<>(specials);
        config.put("tokenizer_class", "CLIPTokenizer");
        config.put("model_max_length", 77);
        config.put("do_lower_case", true);
        writeJson(dir.resolve("tokenizer_config.json"), config);
    }

    private static Map<String, Object> schedulerConfig() {
        return map("_class_name", "EulerDiscreteScheduler", "_diffusers_version", "0.30.0",
                "beta_start", TrainingSchedule.BETA_START, "beta_end", TrainingSchedule.BETA_END,
                "beta_schedule", "scaled_linear", "num_train_timesteps", TrainingSchedule.TRAIN_TIMESTEPS,
                "prediction_type", "epsilon", "interpolation_type", "linear", "set_alpha_to_one", false,
                "skip_prk_steps", true, "steps_offset", 1, "clip_sample", false, "trained_betas", null);
    }

    private static Map<String, Object> modelIndex() {
        return map("_class_name", "OnnxStableDiffusionPipeline", "_diffusers_version", "0.30.0",
                "_stepcast_family", "demo", "_stepcast_display_name", DemoModel.DISPLAY_NAME,
                "_stepcast_description", DemoModel.DESCRIPTION, "_stepcast_version", DemoModel.VERSION,
                "feature_extractor", Arrays.asList(null, null), "requires_safety_checker", false,
                "safety_checker", Arrays.asList(null, null),
                "scheduler", List.of("diffusers", "EulerDiscreteScheduler"),
                "text_encoder", List.of("diffusers", "OnnxRuntimeModel"),
                "tokenizer", List.of("transformers", "CLIPTokenizer"),
                "unet", List.of("diffusers", "OnnxRuntimeModel"),
                "vae_decoder", List.of("diffusers", "OnnxRuntimeModel"),
                "vae_encoder", List.of("diffusers", "OnnxRuntimeModel"));
    }

    private void writeJson(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        json.writeValue(file.toFile(), value);
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    /** A render of {@code family} for {@code seed} at {@code size} px (for tests and documentation). */
    static BufferedImage render(SceneFamily family, long seed, int size) {
        return SceneRenderer.render(family, seed, size);
    }
}
