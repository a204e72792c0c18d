package dev.stepcast.engine.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a prompt into 77-token chunks with per-token weights the way A1111's {@code modules/sd_hijack_clip.py}
 * {@code tokenize_line} does: the prompt is split by {@link PromptAttention} (or kept whole when emphasis is off),
 * each piece is tokenized on its own, tokens fill 75-slot chunks; when a chunk is full and a comma lies within its
 * last {@value #COMMA_BACKTRACK} tokens, the tokens after that comma move on to the next chunk; {@code BREAK} closes
 * the current chunk (even an empty one). Each chunk becomes {@code [BOS, 75 slots, EOS]}, the empty slots EOS, and
 * everything after the first EOS then the tokenizer's pad id (A1111's {@code process_tokens}; SD2's pad is 0).
 * BOS, EOS and padding weigh 1.0.
 *
 * <p>{@link Result#tokenCount()} is A1111's {@code token_count}: 75 for every chunk but the last, plus the last
 * chunk's tokens — what A1111 shows as "n/75" (or "n/150" …).
 *
 * <p>Stateless apart from the tokenizer (thread-safe); any thread.
 */
public final class A1111Chunker {

    /** A1111's {@code comma_padding_backtrack} default. */
    public static final int COMMA_BACKTRACK = 20;
    /** Prompt tokens per chunk. */
    public static final int CHUNK_TOKENS = 75;

    private A1111Chunker() {
    }

    /**
     * The chunks of one prompt.
     *
     * @param ids        77 ids per chunk
     * @param weights    77 weights per chunk
     * @param tokenCount A1111's token count
     */
    public record Result(int[][] ids, float[][] weights, int tokenCount) {

        /** The chunk count. */
        public int chunkCount() {
            return ids.length;
        }

        /** Whether any token weighs other than 1. */
        public boolean hasWeights() {
            for (float[] w : weights) {
                for (float x : w) {
                    if (x != 1f) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The first chunk alone, for a UNet that takes one 77-token sequence. */
        public Result firstChunk() {
            return new Result(new int[][] {ids[0]}, new float[][] {weights[0]}, tokenCount);
        }
    }

    /** Chunks {@code line} for {@code tokenizer}; {@code emphasis} off reads brackets and BREAK as plain text. */
    public static Result chunk(ClipTokenizer tokenizer, String line, boolean emphasis) {
        List<PromptAttention.Segment> parsed = emphasis ? PromptAttention.parse(line)
                : List.of(new PromptAttention.Segment(line == null ? "" : line, 1.0));
        int comma = tokenizer.commaId();
        Builder b = new Builder(tokenizer);
        for (PromptAttention.Segment segment : parsed) {
            if (segment.isBreak()) {
                b.nextChunk(false);
                continue;
            }
            float weight = (float) segment.weight();
            for (int token : tokenizer.tokenIds(segment.text())) {
                if (token == comma) {
                    b.lastComma = b.tokens.size();
                } else if (b.tokens.size() == CHUNK_TOKENS && b.lastComma != -1
                        && b.tokens.size() - b.lastComma <= COMMA_BACKTRACK) {
                    int breakAt = b.lastComma + 1;
                    List<Integer> movedTokens = new ArrayList<>(b.tokens.subList(breakAt, b.tokens.size()));
                    List<Float> movedWeights = new ArrayList<>(b.weights.subList(breakAt, b.weights.size()));
                    b.tokens.subList(breakAt, b.tokens.size()).clear();
                    b.weights.subList(breakAt, b.weights.size()).clear();
                    b.nextChunk(false);
                    b.tokens.addAll(movedTokens);
                    b.weights.addAll(movedWeights);
                }
                if (b.tokens.size() == CHUNK_TOKENS) {
                    b.nextChunk(false);
                }
                b.tokens.add(token);
                b.weights.add(weight);
            }
        }
        if (!b.tokens.isEmpty() || b.ids.isEmpty()) {
            b.nextChunk(true);
        }
        return new Result(b.ids.toArray(new int[0][]), b.chunkWeights.toArray(new float[0][]), b.tokenCount);
    }

    /** The chunk being filled and the chunks done. */
    private static final class Builder {
        private final ClipTokenizer tokenizer;
        final List<Integer> tokens = new ArrayList<>();
        final List<Float> weights = new ArrayList<>();
        final List<int[]> ids = new ArrayList<>();
        final List<float[]> chunkWeights = new ArrayList<>();
        int lastComma = -1;
        int tokenCount;

        Builder(ClipTokenizer tokenizer) {
            this.tokenizer = tokenizer;
        }

        void nextChunk(boolean isLast) {
            tokenCount += isLast ? tokens.size() : CHUNK_TOKENS;
            int[] chunk = new int[CHUNK_TOKENS + 2];
            float[] w = new float[CHUNK_TOKENS + 2];
            Arrays.fill(w, 1f);
            Arrays.fill(chunk, tokenizer.padId());
            chunk[0] = tokenizer.bosId();
            for (int i = 0; i < tokens.size(); i++) {
                chunk[1 + i] = tokens.get(i);
                w[1 + i] = weights.get(i);
            }
            // the slots after the tokens are EOS in A1111; the first EOS stays, the rest become the pad id
            chunk[1 + tokens.size()] = tokenizer.eosId();
            ids.add(chunk);
            chunkWeights.add(w);
            tokens.clear();
            weights.clear();
            lastComma = -1;
        }
    }
}
