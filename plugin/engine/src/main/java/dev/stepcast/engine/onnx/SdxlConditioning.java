package dev.stepcast.engine.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stepcast.engine.text.ClipTokenizer;
import dev.stepcast.engine.text.Emphasis;
import dev.stepcast.engine.text.EncodedPrompt;
import java.util.List;

/**
 * SDXL's text conditioning, with the semantics of diffusers' {@code StableDiffusionXLPipeline.encode_prompt} and
 * {@code _get_add_time_ids} (and optimum's {@code ORTStableDiffusionXLPipeline}, which follows them):
 * <ul>
 * <li>the prompt is tokenized by both tokenizers (each pads with its own pad token: SDXL's second pads with "!"),
 *     each encoder gives its penultimate hidden state ({@code hidden_states[-2]}), and the two are concatenated on
 *     the last axis ({@code [1, 77, 768] ‖ [1, 77, 1280] → [1, 77, 2048]});</li>
 * <li>the pooled embedding ({@code text_embeds}) is the second encoder's projected pooled output;</li>
 * <li>with guidance, an empty negative prompt and {@code force_zeros_for_empty_prompt} give zero embeddings, pooled
 *     too; otherwise the negative prompt (or "") is encoded the same way;</li>
 * <li>{@code time_ids} = original size (h, w) + crop top-left (0, 0) + target size (h, w), both the requested size,
 *     the same row for the conditional and the unconditional pass.</li>
 * </ul>
 * Prompts go through A1111's prompt syntax and chunking ({@link ClipTokenizer#encodeA1111}: {@code (x:1.3)},
 * {@code [x]}, BREAK, 75-token chunks with comma backtracking) with each tokenizer, as A1111's SDXL path does for both
 * of its embedders; with emphasis on, each encoder's output gets A1111's "Original" emphasis ({@link Emphasis}) before
 * the two are concatenated; the pooled embedding (first chunk) is not weighted, as in A1111. Long prompts become
 * several chunks when the UNet's sequence axis is dynamic; cond and uncond get the same number of chunks (empty
 * chunks pad).
 *
 * <p><b>Threads:</b> stateless; runs on the generation thread.
 */
final class SdxlConditioning {

    /**
     * The UNet's text inputs of one run.
     *
     * @param cond         {@code encoder_hidden_states} of the prompt, {@code [1, sequence, width1 + width2]} flat
     * @param uncond       the same for the negative prompt, or {@code null} without guidance
     * @param pooledCond   {@code text_embeds} of the prompt {@code [1, projection]}
     * @param pooledUncond {@code text_embeds} of the negative prompt, or {@code null} without guidance
     * @param sequence     the sequence length (77 × chunks)
     */
    record Result(float[] cond, float[] uncond, float[] pooledCond, float[] pooledUncond, int sequence) {
    }

    private SdxlConditioning() {
    }

    /** diffusers' {@code _get_add_time_ids} with default crop (0, 0) and original = target = the requested size. */
    static float[] timeIds(int width, int height) {
        return new float[] {height, width, 0f, 0f, height, width};
    }

    /**
     * Whether the negative pass gets zero embeddings: guidance is on, the negative prompt is empty (diffusers: None)
     * and the model's config says {@code force_zeros_for_empty_prompt}.
     */
    static boolean zeroNegative(boolean cfg, String negative, boolean forceZeros) {
        return cfg && forceZeros && (negative == null || negative.isBlank());
    }

    /** Concatenates {@code [seq, wa]} and {@code [seq, wb]} row by row into {@code [seq, wa + wb]}. */
    static float[] concatLastAxis(float[] a, int wa, float[] b, int wb) {
        int seq = a.length / wa;
        if (seq * wa != a.length || seq * wb != b.length) {
            throw new IllegalArgumentException("cannot concatenate " + a.length + " values of width " + wa + " with "
                    + b.length + " values of width " + wb + ": sequence lengths differ");
        }
        float[] out = new float[seq * (wa + wb)];
        for (int s = 0; s < seq; s++) {
            System.arraycopy(a, s * wa, out, s * (wa + wb), wa);
            System.arraycopy(b, s * wb, out, s * (wa + wb) + wa, wb);
        }
        return out;
    }

    static Result encode(ModelParts parts, String prompt, String negative, boolean cfg, boolean allowChunks,
                         boolean emphasis, List<String> warnings, OrtSession.RunOptions options)
            throws OrtException {
        ClipTokenizer t1 = parts.tokenizer();
        ClipTokenizer t2 = parts.tokenizer2();
        boolean zeros = zeroNegative(cfg, negative, parts.folder().forceZerosForEmptyPrompt());
        boolean encodeNegative = cfg && !zeros;
        boolean dynamic = parts.unet().dynamicSequence();
        EncodedPrompt p1 = LoadedModel.encodePrompt(t1, dynamic, prompt, emphasis, allowChunks, warnings, "prompt");
        EncodedPrompt p2 = t2.encodeA1111(prompt, emphasis, allowChunks);
        EncodedPrompt n1 = encodeNegative ? LoadedModel.encodePrompt(t1, dynamic, negative, emphasis, allowChunks,
                warnings, "negative prompt") : null;
        EncodedPrompt n2 = encodeNegative ? t2.encodeA1111(negative, emphasis, allowChunks) : null;
        int chunks = Math.max(p1.chunkCount(), p2.chunkCount());
        if (encodeNegative) {
            chunks = Math.max(chunks, Math.max(n1.chunkCount(), n2.chunkCount()));
        }
        Embedded cond = embed(parts, p1, p2, LoadedModel.padded(t1, p1, chunks), LoadedModel.padded(t2, p2, chunks),
                options);
        Embedded uncond = null;
        if (encodeNegative) {
            uncond = embed(parts, n1, n2, LoadedModel.padded(t1, n1, chunks), LoadedModel.padded(t2, n2, chunks),
                    options);
        } else if (zeros) {
            uncond = new Embedded(new float[cond.hidden.length], new float[cond.pooled.length]);
        }
        return new Result(cond.hidden, uncond == null ? null : uncond.hidden, cond.pooled,
                uncond == null ? null : uncond.pooled, chunks * LoadedModel.CHUNK);
    }

    private record Embedded(float[] hidden, float[] pooled) {
    }

    private static Embedded embed(ModelParts parts, EncodedPrompt prompt1, EncodedPrompt prompt2, int[][] ids1,
                                  int[][] ids2, OrtSession.RunOptions options) throws OrtException {
        TextEncoder.Embedding e1 = parts.textEncoder().encodeWithPooled(ids1, options);
        TextEncoder.Embedding e2 = parts.textEncoder2().encodeWithPooled(ids2, options);
        int seq = ids1.length * LoadedModel.CHUNK;
        int w1 = e1.hidden().length / seq;
        int w2 = e2.hidden().length / seq;
        float[] hidden = concatLastAxis(LoadedModel.weighted(e1.hidden(), prompt1, ids1.length), w1,
                LoadedModel.weighted(e2.hidden(), prompt2, ids2.length), w2);
        return new Embedded(hidden, e2.pooled());
    }
}
