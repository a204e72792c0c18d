package dev.stepcast.engine.text;

/**
 * A1111's default ("Original") emphasis, {@code modules/sd_emphasis.py} {@code EmphasisOriginal}: every token's
 * output embedding is multiplied by its weight, then the whole chunk is scaled so that the mean of all its values is
 * what it was before.
 *
 * <p>Stateless; any thread.
 */
public final class Emphasis {

    private Emphasis() {
    }

    /**
     * Applies the weights of one chunk in place.
     *
     * @param hidden  the chunk's embeddings {@code [tokens, width]}, flat, starting at {@code offset}
     * @param offset  where the chunk starts in {@code hidden}
     * @param weights one weight per token
     * @param width   the embedding width
     */
    public static void applyOriginal(float[] hidden, int offset, float[] weights, int width) {
        int n = weights.length * width;
        double before = 0;
        for (int i = 0; i < n; i++) {
            before += hidden[offset + i];
        }
        double after = 0;
        for (int t = 0; t < weights.length; t++) {
            float w = weights[t];
            int at = offset + t * width;
            for (int k = 0; k < width; k++) {
                hidden[at + k] *= w;
                after += hidden[at + k];
            }
        }
        if (after == 0) {
            return;
        }
        float ratio = (float) ((before / n) / (after / n));
        for (int i = 0; i < n; i++) {
            hidden[offset + i] *= ratio;
        }
    }
}
