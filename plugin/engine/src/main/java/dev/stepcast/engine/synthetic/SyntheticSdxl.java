package dev.stepcast.engine.synthetic;

import dev.stepcast.engine.io.JsonMappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.onnx.GraphBuilder;
import dev.stepcast.engine.synthetic.SyntheticOptions.TimestepInput;
import dev.stepcast.engine.synthetic.SyntheticOptions.VaeEncoderOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes an SDXL-shaped model folder in optimum's {@code stable-diffusion-xl} export layout at tiny widths, with
 * exactly known functions, so tests can recompute every number (all internal math in float32):
 * <ul>
 * <li>{@code text_encoder/} (CLIP ViT-L's role, width {@code width1}) and {@code text_encoder_2/} (bigG's role, width
 *     {@code width2}): int64 {@code input_ids} → {@code hidden_states.j[b, s, i] = id[b, s] · ID_SCALE · (i + 1) / D ·
 *     (j + 1) · g} for {@code j = 0 … layers} ({@code g} = 1 for encoder 1, {@link #ENCODER2_GAIN} for encoder 2),
 *     {@code last_hidden_state} = the last of them; encoder 1 adds {@code pooler_output} (mean over s), encoder 2
 *     {@code text_embeds[b, p] = Σ_s id[b, s] · POOL_SCALE · (p + 1) / P} (so the pad id shows);</li>
 * <li>{@code unet/}: {@code sample}, {@code timestep} (rank 0 by default, as optimum ≥ 1.24), {@code
 *     encoder_hidden_states [b, seq, width1 + width2]}, {@code text_embeds [b, P]}, {@code time_ids [b, 6]} →
 *     {@code ε = SAMPLE_GAIN · x + TIMESTEP_GAIN · t / 1000 + TEXT_GAIN · mean_{s,i}(h[b, s, i] · (i + 1) / W)
 *     + QUAD_GAIN · mean_s(r[b, s]²) + POOL_GAIN · mean_p(text_embeds[b, p]) + TIME_GAIN · Σ_k (k + 1) ·
 *     time_ids[b, k]} with {@code r[b, s] = Σ_i h[b, s, i] · TEXT_GAIN · (i + 1) / W} (the weights make order and
 *     position matter: which encoder comes first, which time id is which; the square makes per-token weights
 *     visible, which a mean-preserving rescale would otherwise hide);</li>
 * <li>VAE decoder / encoder ({@code latent_parameters}) and optional tiny decoder as {@link SyntheticGraphs};</li>
 * <li>{@code tokenizer/} pads with EOS, {@code tokenizer_2/} with "!" (id 0), each said in its
 *     {@code special_tokens_map.json}, as SDXL's files say it; the scheduler config is SDXL's (Euler, leading, or
 *     Euler a, trailing, for Turbo).</li>
 * </ul>
 *
 * <p><b>Threads:</b> stateless; concurrent calls must use different folders.
 */
public final class SyntheticSdxl {

    public static final float ENCODER2_GAIN = 2f;
    public static final float POOL_SCALE = 1e-4f;
    public static final float POOL_GAIN = 0.3f;
    public static final float TIME_GAIN = 1e-5f;
    /** Gain of the UNet's quadratic text term, which makes per-token weights (A1111 emphasis) visible. */
    public static final float QUAD_GAIN = 100f;

    private static final int F32 = GraphBuilder.FLOAT;
    private static final ObjectMapper JSON = JsonMappers.create();

    /**
     * What to write.
     *
     * @param fp16               float16 model inputs/outputs (sample, timestep, embeddings, time ids, VAE)
     * @param width1             encoder 1's width (768 in SDXL)
     * @param width2             encoder 2's width (1280 in SDXL)
     * @param projection         encoder 2's projection width, {@code text_embeds} (1280 in SDXL)
     * @param layers             encoder layers: outputs {@code hidden_states.0 … hidden_states.layers}
     * @param timestep           the UNet's timestep contract
     * @param dynamicSequence    the UNet's sequence axis dynamic (long prompts) or fixed 77
     * @param forceZeros         model_index.json {@code force_zeros_for_empty_prompt}, or {@code null} to omit it
     * @param turbo              SDXL-Turbo's scheduler config (Euler a, trailing) instead of SDXL base's
     * @param tinyDecoder        write a TAESDXL-format decoder at {@code vae_approx/model.onnx}
     * @param clipTokenizerDir   real CLIP files for both tokenizers, or {@code null} for the tiny byte-level one
     */
    public record Options(boolean fp16, int width1, int width2, int projection, int layers, TimestepInput timestep,
                          boolean dynamicSequence, Boolean forceZeros, boolean turbo, boolean tinyDecoder,
                          Path clipTokenizerDir) {

        /** fp32, widths 8 + 12, projection 6, 2 layers, rank-0 float timestep, dynamic sequence, force zeros. */
        public static Options defaults() {
            return new Options(false, 8, 12, 6, 2, TimestepInput.FLOAT_SCALAR, true, true, false, false, null);
        }

        public Options withFp16(boolean v) {
            return new Options(v, width1, width2, projection, layers, timestep, dynamicSequence, forceZeros, turbo,
                    tinyDecoder, clipTokenizerDir);
        }

        public Options withForceZeros(Boolean v) {
            return new Options(fp16, width1, width2, projection, layers, timestep, dynamicSequence, v, turbo,
                    tinyDecoder, clipTokenizerDir);
        }

        public Options withDynamicSequence(boolean v) {
            return new Options(fp16, width1, width2, projection, layers, timestep, v, forceZeros, turbo,
                    tinyDecoder, clipTokenizerDir);
        }

        public Options withTimestep(TimestepInput v) {
            return new Options(fp16, width1, width2, projection, layers, v, dynamicSequence, forceZeros, turbo,
                    tinyDecoder, clipTokenizerDir);
        }

        public Options withTurbo(boolean v) {
            return new Options(fp16, width1, width2, projection, layers, timestep, dynamicSequence, forceZeros, v,
                    tinyDecoder, clipTokenizerDir);
        }

        public Options withTinyDecoder(boolean v) {
            return new Options(fp16, width1, width2, projection, layers, timestep, dynamicSequence, forceZeros, turbo,
                    v, clipTokenizerDir);
        }

        public Options withClipTokenizer(Path dir) {
            return new Options(fp16, width1, width2, projection, layers, timestep, dynamicSequence, forceZeros, turbo,
                    tinyDecoder, dir);
        }

        /** The SD-shaped options the shared VAE graphs are written from. */
        SyntheticOptions vaeOptions() {
            return SyntheticOptions.defaults().withFp16(fp16).withVaeEncoder(VaeEncoderOutput.LATENT_PARAMETERS)
                    .withTimestep(timestep).withDynamicSequence(dynamicSequence).withVaeScalingFactor(0.13025f);
        }
    }

    private SyntheticSdxl() {
    }

    /** Writes the folder (created if needed; existing files overwritten) and returns it. */
    public static Path write(Path folder, Options o) throws IOException {
        Files.createDirectories(folder);
        textEncoder(o, 1).save(folder.resolve("text_encoder/model.onnx"));
        textEncoder(o, 2).save(folder.resolve("text_encoder_2/model.onnx"));
        unet(o).save(folder.resolve("unet/model.onnx"));
        SyntheticOptions vae = o.vaeOptions();
        SyntheticGraphs.vaeDecoder(vae, false).save(folder.resolve("vae_decoder/model.onnx"));
        SyntheticGraphs.vaeEncoder(vae).save(folder.resolve("vae_encoder/model.onnx"));
        if (o.tinyDecoder()) {
            SyntheticGraphs.vaeDecoder(vae, true).save(folder.resolve("vae_approx/model.onnx"));
        }
        for (String part : List.of("vae_decoder", "vae_encoder")) {
            ObjectNode config = JSON.createObjectNode();
            config.put("_class_name", "AutoencoderKL");
            config.put("force_upcast", true);
            config.put("latent_channels", 4);
            config.put("scaling_factor", 0.13025);
            write(folder.resolve(part).resolve("config.json"), config);
        }
        tokenizer(folder.resolve("tokenizer"), o.clipTokenizerDir(), "<|endoftext|>");
        tokenizer(folder.resolve("tokenizer_2"), o.clipTokenizerDir(), "!");
        write(folder.resolve("scheduler/scheduler_config.json"), schedulerConfig(o));
        write(folder.resolve("model_index.json"), modelIndex(o));
        return folder;
    }

    static GraphBuilder textEncoder(Options o, int which) {
        int d = which == 1 ? o.width1() : o.width2();
        float gain = which == 1 ? 1f : ENCODER2_GAIN;
        GraphBuilder g = new GraphBuilder(which == 1 ? "text_encoder" : "text_encoder_2");
        g.input("input_ids", GraphBuilder.INT64, "batch_size", "sequence_length");
        g.initializer("axis2", new long[] {2}, 1);
        g.op("Cast", "ids_f", new String[] {"input_ids"}, "to", F32);
        g.op("Unsqueeze", "ids_u", new String[] {"ids_f", "axis2"});
        String[] states = new String[o.layers() + 1];
        for (int j = 0; j <= o.layers(); j++) {
            float[] w = new float[d];
            for (int i = 0; i < d; i++) {
                w[i] = SyntheticGraphs.ID_SCALE * (i + 1) / d * (j + 1) * gain;
            }
            g.initializer("w" + j, w, d);
            states[j] = g.op("Mul", "state" + j, new String[] {"ids_u", "w" + j});
        }
        int ft = o.fp16() ? GraphBuilder.FLOAT16 : F32;
        if (which == 1) {
            output(g, ft, states[o.layers()], "last_hidden_state", "batch_size", "sequence_length", d);
            g.op("ReduceMean", "pooled", new String[] {states[o.layers()]}, "axes", new long[] {1}, "keepdims", 0);
            output(g, ft, "pooled", "pooler_output", "batch_size", d);
        } else {
            float[] p = new float[o.projection()];
            for (int i = 0; i < p.length; i++) {
                p[i] = SyntheticSdxl.POOL_SCALE * (i + 1) / p.length;
            }
            g.initializer("proj", p, 1, p.length);
            g.initializer("axis1", new long[] {1}, 1);
            g.op("ReduceSum", "id_sum", new String[] {"ids_f", "axis1"}, "keepdims", 1);
            g.op("Mul", "projected", new String[] {"id_sum", "proj"});
            output(g, ft, "projected", "text_embeds", "batch_size", o.projection());
            output(g, ft, states[o.layers()], "last_hidden_state", "batch_size", "sequence_length", d);
        }
        for (int j = 0; j <= o.layers(); j++) {
            output(g, ft, states[j], "hidden_states." + j, "batch_size", "sequence_length", d);
        }
        return g;
    }

    /**
     * Replaces the folder's UNet with an SDXL inpainting UNet: {@code sample} has a fixed channel axis of 9
     * ({@code [latents, mask, masked image latents]}); ε is computed from the first 4 channels as above.
     */
    public static void writeInpaintingUnet(Path folder, Options o) throws IOException {
        unet(o, 9).save(folder.resolve("unet/model.onnx"));
    }

    static GraphBuilder unet(Options o) {
        return unet(o, 4);
    }

    static GraphBuilder unet(Options o, int channels) {
        int ft = o.fp16() ? GraphBuilder.FLOAT16 : F32;
        int width = o.width1() + o.width2();
        GraphBuilder g = new GraphBuilder("unet");
        g.input("sample", ft, "batch_size", channels, "height", "width");
        TimestepInput ts = o.timestep();
        boolean intT = ts == TimestepInput.INT64_ONE || ts == TimestepInput.INT64_SCALAR;
        int tType = intT ? GraphBuilder.INT64 : ft;
        switch (ts) {
            case FLOAT_SCALAR, INT64_SCALAR -> g.scalarInput("timestep", tType);
            case FLOAT_ONE, INT64_ONE -> g.input("timestep", tType, 1);
            case FLOAT_BATCH -> g.input("timestep", tType, "batch_size");
        }
        g.input("encoder_hidden_states", ft, "batch_size", o.dynamicSequence() ? "sequence_length" : (Object) 77,
                width);
        g.input("text_embeds", ft, "batch_size", o.projection());
        g.input("time_ids", ft, "batch_size", 6);
        g.initializer("shape4", new long[] {-1, 1, 1, 1}, 4);
        g.externalInitializer("a", new float[] {SyntheticGraphs.SAMPLE_GAIN}, SyntheticGraphs.UNET_WEIGHTS);
        g.externalInitializer("b", new float[] {SyntheticGraphs.TIMESTEP_GAIN / 1000f}, SyntheticGraphs.UNET_WEIGHTS);
        float[] v = new float[width];
        for (int i = 0; i < width; i++) {
            v[i] = SyntheticGraphs.TEXT_GAIN * (i + 1) / width;
        }
        g.initializer("v", v, width, 1);
        g.initializer("pg", new float[] {POOL_GAIN});
        float[] c = new float[6];
        for (int k = 0; k < 6; k++) {
            c[k] = TIME_GAIN * (k + 1);
        }
        g.initializer("c", c, 6, 1);
        g.op("Cast", "xc", new String[] {"sample"}, "to", F32);
        if (channels != 4) {
            g.initializer("slice_start", new long[] {0}, 1);
            g.initializer("slice_end", new long[] {4}, 1);
            g.initializer("slice_axis", new long[] {1}, 1);
            g.op("Slice", "x", new String[] {"xc", "slice_start", "slice_end", "slice_axis"});
        } else {
            g.op("Identity", "x", new String[] {"xc"});
        }
        g.op("Mul", "ax", new String[] {"x", "a"});
        g.op("Cast", "t", new String[] {"timestep"}, "to", F32);
        g.op("Reshape", "t4", new String[] {"t", "shape4"});
        g.op("Mul", "bt", new String[] {"t4", "b"});
        g.op("Cast", "hs", new String[] {"encoder_hidden_states"}, "to", F32);
        g.op("MatMul", "hv", new String[] {"hs", "v"});
        g.op("ReduceMean", "hm", new String[] {"hv"}, "axes", new long[] {1, 2}, "keepdims", 0);
        g.op("Reshape", "hm4", new String[] {"hm", "shape4"});
        g.op("Mul", "hv2", new String[] {"hv", "hv"});
        g.op("ReduceMean", "hq", new String[] {"hv2"}, "axes", new long[] {1, 2}, "keepdims", 0);
        g.op("Reshape", "hq4", new String[] {"hq", "shape4"});
        g.initializer("qg", new float[] {QUAD_GAIN});
        g.op("Mul", "hqg", new String[] {"hq4", "qg"});
        g.op("Cast", "te", new String[] {"text_embeds"}, "to", F32);
        g.op("ReduceMean", "tem", new String[] {"te"}, "axes", new long[] {1}, "keepdims", 0);
        g.op("Reshape", "tem4", new String[] {"tem", "shape4"});
        g.op("Mul", "pe", new String[] {"tem4", "pg"});
        g.op("Cast", "ti", new String[] {"time_ids"}, "to", F32);
        g.op("MatMul", "tic", new String[] {"ti", "c"});
        g.op("Reshape", "tic4", new String[] {"tic", "shape4"});
        g.op("Add", "s1", new String[] {"ax", "bt"});
        g.op("Add", "s1q", new String[] {"s1", "hqg"});
        g.op("Add", "s2", new String[] {"s1q", "hm4"});
        g.op("Add", "s3", new String[] {"s2", "pe"});
        String eps = g.op("Add", "s4", new String[] {"s3", "tic4"});
        output(g, ft, eps, "out_sample", "batch_size", 4, "height", "width");
        return g;
    }

    private static void output(GraphBuilder g, int ft, String value, String name, Object... dims) {
        g.op("Cast", name, new String[] {value}, "to", ft);
        g.output(name, ft, dims);
    }

    private static void tokenizer(Path dir, Path clip, String pad) throws IOException {
        if (clip == null) {
            SyntheticTokenizer.write(dir);
        } else {
            Files.createDirectories(dir);
            for (String name : List.of("vocab.json", "merges.txt")) {
                Files.copy(clip.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ObjectNode special = JSON.createObjectNode();
        special.put("bos_token", "<|startoftext|>");
        special.put("eos_token", "<|endoftext|>");
        special.put("pad_token", pad);
        special.put("unk_token", "<|endoftext|>");
        write(dir.resolve("special_tokens_map.json"), special);
    }

    /** SDXL base's scheduler_config.json (Euler, leading, steps_offset 1) or SDXL-Turbo's (Euler a, trailing). */
    private static ObjectNode schedulerConfig(Options o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("_class_name", o.turbo() ? "EulerAncestralDiscreteScheduler" : "EulerDiscreteScheduler");
        n.put("_diffusers_version", "0.24.0");
        n.put("beta_end", 0.012);
        n.put("beta_schedule", "scaled_linear");
        n.put("beta_start", 0.00085);
        n.put("clip_sample", false);
        n.put("interpolation_type", "linear");
        n.put("num_train_timesteps", 1000);
        n.put("prediction_type", "epsilon");
        n.put("sample_max_value", 1.0);
        n.put("set_alpha_to_one", false);
        n.put("skip_prk_steps", true);
        n.put("steps_offset", 1);
        n.put("timestep_spacing", o.turbo() ? "trailing" : "leading");
        n.putNull("trained_betas");
        n.put("use_karras_sigmas", false);
        return n;
    }

    private static ObjectNode modelIndex(Options o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("_class_name", "ORTStableDiffusionXLPipeline");
        n.put("_diffusers_version", "0.24.0");
        n.put("_stepcast_synthetic", true);
        if (o.forceZeros() != null) {
            n.put("force_zeros_for_empty_prompt", o.forceZeros());
        }
        component(n, "text_encoder", "transformers", "CLIPTextModel");
        component(n, "text_encoder_2", "transformers", "CLIPTextModelWithProjection");
        component(n, "tokenizer", "transformers", "CLIPTokenizer");
        component(n, "tokenizer_2", "transformers", "CLIPTokenizer");
        component(n, "unet", "diffusers", "UNet2DConditionModel");
        component(n, "vae", "diffusers", "AutoencoderKL");
        component(n, "scheduler", "diffusers", o.turbo() ? "EulerAncestralDiscreteScheduler"
                : "EulerDiscreteScheduler");
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
