package dev.stepcast.engine.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CLIP's byte-level BPE for one pre-token: UTF-8 bytes mapped to printable characters (GPT-2's
 * {@code bytes_to_unicode}), {@code </w>} appended to the last symbol, then the lowest-ranked merge applied
 * repeatedly. Results are cached per pre-token, so re-encoding a prompt on every keystroke costs a map lookup per
 * word.
 *
 * <p><b>Threads:</b> thread-safe (immutable tables, concurrent cache).
 */
final class BytePairEncoder {

    static final String END_OF_WORD = "</w>";
    private static final int CACHE_LIMIT = 20_000;
    private static final char[] BYTE_TO_UNICODE = bytesToUnicode();

    private final TokenTable vocab;
    private final TokenTable mergeRanks;
    private final int unknownId;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab      token → id
     * @param mergeRanks "left right" → rank (lower merges first)
     * @param unknownId  the id of a symbol missing from the vocabulary (CLIP's unk_token is its EOS)
     */
    BytePairEncoder(TokenTable vocab, TokenTable mergeRanks, int unknownId) {
        this.vocab = vocab;
        this.mergeRanks = mergeRanks;
        this.unknownId = unknownId;
    }

    /** GPT-2/CLIP {@code bytes_to_unicode}: printable bytes map to themselves, the rest to 256, 257, …. */
    static char[] bytesToUnicode() {
        char[] table = new char[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char) b : (char) (256 + n++);
        }
        return table;
    }

    /** The ids of one pre-token (a regex match of the cleaned text), or of a special token given verbatim. */
    int[] encode(String preToken) {
        int[] cached = cache.get(preToken);
        if (cached != null) {
            return cached;
        }
        int[] ids = encodeUncached(preToken);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(preToken, ids);
        return ids;
    }

    private int[] encodeUncached(String preToken) {
        if (preToken.startsWith("<|")) {
            int special = vocab.get(preToken, -1);
            if (special >= 0) {
                return new int[] {special};
            }
        }
        List<String> word = merge(symbols(preToken));
        int[] ids = new int[word.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocab.get(word.get(i), unknownId);
        }
        return ids;
    }

    /** The byte-level symbols of a pre-token, the last one ending in {@code </w>}. */
    private static List<String> symbols(String preToken) {
        byte[] bytes = preToken.getBytes(StandardCharsets.UTF_8);
        List<String> word = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            word.add(String.valueOf(BYTE_TO_UNICODE[b & 0xFF]));
        }
        int last = word.size() - 1;
        word.set(last, word.get(last) + END_OF_WORD);
        return word;
    }

    /** Applies the best-ranked merge until none applies (CLIP's {@code bpe}). */
    private List<String> merge(List<String> word) {
        while (word.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            String bestLeft = null;
            String bestRight = null;
            for (int i = 0; i + 1 < word.size(); i++) {
                int rank = mergeRanks.get(word.get(i) + " " + word.get(i + 1), Integer.MAX_VALUE);
                if (rank < bestRank) {
                    bestRank = rank;
                    bestLeft = word.get(i);
                    bestRight = word.get(i + 1);
                }
            }
            if (bestLeft == null) {
                break;
            }
            word = mergeAll(word, bestLeft, bestRight);
        }
        return word;
    }

    private static List<String> mergeAll(List<String> word, String left, String right) {
        List<String> out = new ArrayList<>(word.size());
        int i = 0;
        while (i < word.size()) {
            if (i + 1 < word.size() && word.get(i).equals(left) && word.get(i + 1).equals(right)) {
                out.add(left + right);
                i += 2;
            } else {
                out.add(word.get(i));
                i++;
            }
        }
        return out;
    }
}
