package dev.stepcast.engine.text;

/**
 * A prompt encoded for the text encoder: one or more chunks of exactly {@code maxLength} token ids, each
 * {@code [BOS, up to maxLength−2 tokens, EOS, pad…]}. Chunks beyond the first exist only when the caller allowed
 * chunking (the UNet's sequence axis is dynamic); their embeddings are concatenated along the sequence axis.
 *
 * @param chunks     token ids, {@code chunks.length ≥ 1}, each of length {@code maxLength}
 * @param truncated  whether tokens were dropped because the prompt was too long and chunking was not allowed
 * @param tokenCount the prompt's tokens without BOS/EOS (before truncation)
 * @param weights    A1111 emphasis: one weight per id of each chunk, or {@code null} when every token weighs 1
 */
public record EncodedPrompt(int[][] chunks, boolean truncated, int tokenCount, float[][] weights) {

    /** A prompt without emphasis. */
    public EncodedPrompt(int[][] chunks, boolean truncated, int tokenCount) {
        this(chunks, truncated, tokenCount, null);
    }

    /** Chunks and weights from {@link A1111Chunker} ({@code weights} dropped when all are 1). */
    public static EncodedPrompt of(A1111Chunker.Result chunks, boolean truncated) {
        return new EncodedPrompt(chunks.ids(), truncated, chunks.tokenCount(),
                chunks.hasWeights() ? chunks.weights() : null);
    }

    /** The weights of chunk {@code i} ({@code null} when it has none). */
    public float[] chunkWeights(int i) {
        return weights == null || i >= weights.length ? null : weights[i];
    }

    /** The number of chunks (text encoder runs). */
    public int chunkCount() {
        return chunks.length;
    }

    /** All chunks one after the other ({@code chunkCount × maxLength} ids). */
    public int[] concatenated() {
        int length = chunks.length == 0 ? 0 : chunks[0].length;
        int[] out = new int[chunks.length * length];
        for (int i = 0; i < chunks.length; i++) {
            System.arraycopy(chunks[i], 0, out, i * length, length);
        }
        return out;
    }
}
