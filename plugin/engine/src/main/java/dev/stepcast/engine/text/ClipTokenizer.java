package dev.stepcast.engine.text;

import dev.stepcast.engine.ModelException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer, giving the ids Hugging Face's {@code CLIPTokenizer} gives: text cleanup and
 * lower-casing ({@link TextCleaner}), CLIP's pre-tokenization regex, byte-level BPE with {@code </w>} word ends
 * ({@link BytePairEncoder}), BOS {@code <|startoftext|>} (49406) and EOS {@code <|endoftext|>} (49407).
 *
 * <p>Files read ({@link #load}): {@code vocab.json} + {@code merges.txt} or {@code tokenizer.json}; optional
 * {@code tokenizer_config.json} / {@code special_tokens_map.json} for {@code bos_token}, {@code eos_token},
 * {@code pad_token} (SD1.x pads with EOS, SD2.x with "!" = 0; the default is EOS) and {@code unk_token}. The parsed
 * tables are kept in a compact binary cache ({@link TokenizerCache}) so the next process loads them in milliseconds.
 *
 * <p><b>Threads:</b> thread-safe; the panel may call {@link #tokenCount} on the EDT while a generation encodes.
 * Per-word results are cached, so counting on every keystroke is cheap.
 */
public final class ClipTokenizer {

    /** CLIP's pre-tokenization pattern (case-insensitive, Unicode classes). */
    private static final Pattern PRE_TOKENS = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final String BOS = "<|startoftext|>";
    private static final String EOS = "<|endoftext|>";

    private final BytePairEncoder bpe;
    private final int bosId;
    private final int eosId;
    private final int padId;

    private ClipTokenizer(BytePairEncoder bpe, int bosId, int eosId, int padId) {
        this.bpe = bpe;
        this.bosId = bosId;
        this.eosId = eosId;
        this.padId = padId;
    }

    /**
     * Loads the tokenizer in {@code tokenizerDir} (a model's {@code tokenizer/} folder).
     *
     * @throws ModelException naming the file when a file is missing or corrupt, or a special token is unknown
     */
    public static ClipTokenizer load(Path tokenizerDir) throws ModelException {
        Optional<String> key = TokenizerCache.key(tokenizerDir);
        Optional<TokenizerCache.Entry> cached = key.flatMap(TokenizerCache::read);
        TokenizerCache.Entry entry = cached.isPresent() ? cached.get() : readFiles(tokenizerDir);
        if (cached.isEmpty() && key.isPresent()) {
            TokenizerCache.write(key.get(), entry);
        }
        return new ClipTokenizer(new BytePairEncoder(entry.vocab(), entry.merges(), entry.unk()),
                entry.bos(), entry.eos(), entry.pad());
    }

    /** The slow path: parse the tokenizer's own files (JSON and text). */
    private static TokenizerCache.Entry readFiles(Path tokenizerDir) throws ModelException {
        TokenizerFiles.Tables tables = TokenizerFiles.readTables(tokenizerDir);
        Map<String, Integer> vocab = tables.vocab();
        int bos = id(tokenizerDir, vocab, "bos_token", BOS);
        int eos = id(tokenizerDir, vocab, "eos_token", EOS);
        int unk = id(tokenizerDir, vocab, "unk_token", EOS);
        int pad = id(tokenizerDir, vocab, "pad_token", EOS);
        return new TokenizerCache.Entry(TokenTable.of(vocab), TokenTable.of(tables.mergeRanks()), bos, eos, unk, pad);
    }

    private static int id(Path dir, Map<String, Integer> vocab, String key, String fallback) throws ModelException {
        String token = TokenizerFiles.specialToken(dir, key).orElse(fallback);
        Integer id = vocab.get(token);
        if (id == null) {
            throw new ModelException("Tokenizer in " + dir + ": " + key + " '" + token
                    + "' is not in the vocabulary.", dir);
        }
        return id;
    }

    /** The ids of {@code text} with BOS first and EOS last, without padding or truncation. */
    public int[] encode(String text) {
        int[] tokens = tokens(text);
        int[] out = new int[tokens.length + 2];
        out[0] = bosId;
        System.arraycopy(tokens, 0, out, 1, tokens.length);
        out[out.length - 1] = eosId;
        return out;
    }

    /** The number of tokens of {@code text} without BOS/EOS (the UI's "23/75"). */
    public int tokenCount(String text) {
        return tokens(text).length;
    }

    /** The BPE ids of {@code text} without BOS/EOS (what Hugging Face gives with {@code add_special_tokens=False}). */
    public int[] tokenIds(String text) {
        return tokens(text);
    }

    /** The id of a lone comma ({@code ,</w>}, 267 for CLIP), or -1 if the vocabulary has none. */
    public int commaId() {
        int[] ids = tokens(",");
        return ids.length == 1 ? ids[0] : -1;
    }

    /** The start-of-text id (49406 for CLIP). */
    public int bosId() {
        return bosId;
    }

    /** The end-of-text id (49407 for CLIP). */
    public int eosId() {
        return eosId;
    }

    /** The id that fills chunks after EOS (49407 for SD1.x, 0 for SD2.x). */
    public int padId() {
        return padId;
    }

    /**
     * Ids for the text encoder: chunks of exactly {@code maxLength} ids (77 for CLIP), each
     * {@code [BOS, ≤ maxLength−2 tokens, EOS, pad…]}. A prompt longer than {@code maxLength−2} tokens is split into
     * several chunks when {@code allowChunks}, otherwise cut to {@code maxLength−2} tokens (EOS kept) and marked
     * truncated.
     */
    public EncodedPrompt encodeForModel(String text, int maxLength, boolean allowChunks) {
        if (maxLength < 3) {
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for tokens");
        }
        int[] tokens = tokens(text);
        int perChunk = maxLength - 2;
        boolean truncated = tokens.length > perChunk && !allowChunks;
        int chunkCount = allowChunks ? Math.max(1, (tokens.length + perChunk - 1) / perChunk) : 1;
        int[][] chunks = new int[chunkCount][];
        for (int c = 0; c < chunkCount; c++) {
            int from = c * perChunk;
            int to = Math.min(tokens.length, from + perChunk);
            chunks[c] = chunk(tokens, from, to, maxLength);
        }
        return new EncodedPrompt(chunks, truncated, tokens.length);
    }

    /**
     * Ids and emphasis weights as A1111 reads the prompt ({@link A1111Chunker}): 75-token chunks with comma
     * backtracking and {@code BREAK} when {@code allowChunks}; otherwise one chunk of the first 75 tokens (weights
     * kept, BREAK ignored), marked truncated when tokens were dropped. With {@code emphasis} off, brackets and
     * BREAK are plain text.
     */
    public EncodedPrompt encodeA1111(String text, boolean emphasis, boolean allowChunks) {
        A1111Chunker.Result chunks = A1111Chunker.chunk(this, text, emphasis);
        if (allowChunks) {
            return EncodedPrompt.of(chunks, false);
        }
        List<PromptAttention.Segment> parsed = emphasis ? PromptAttention.parse(text)
                : List.of(new PromptAttention.Segment(text == null ? "" : text, 1.0));
        int[] ids = new int[A1111Chunker.CHUNK_TOKENS + 2];
        float[] weights = new float[ids.length];
        Arrays.fill(ids, padId);
        Arrays.fill(weights, 1f);
        ids[0] = bosId;
        int n = 0;
        int total = 0;
        boolean weighted = false;
        for (PromptAttention.Segment segment : parsed) {
            if (segment.isBreak()) {
                continue;
            }
            for (int token : tokens(segment.text())) {
                total++;
                if (n < A1111Chunker.CHUNK_TOKENS) {
                    ids[1 + n] = token;
                    weights[1 + n] = (float) segment.weight();
                    weighted |= weights[1 + n] != 1f;
                    n++;
                }
            }
        }
        ids[1 + n] = eosId;
        return new EncodedPrompt(new int[][] {ids}, total > n, total, weighted ? new float[][] {weights} : null);
    }

    private int[] chunk(int[] tokens, int from, int to, int maxLength) {
        int[] out = new int[maxLength];
        Arrays.fill(out, padId);
        out[0] = bosId;
        System.arraycopy(tokens, from, out, 1, to - from);
        out[1 + to - from] = eosId;
        return out;
    }

    /** The BPE ids of the cleaned text, without BOS/EOS. */
    private int[] tokens(String text) {
        String cleaned = TextCleaner.clean(text == null ? "" : text);
        int[] out = new int[Math.max(8, cleaned.length())];
        int n = 0;
        Matcher m = PRE_TOKENS.matcher(cleaned);
        while (m.find()) {
            int[] ids = bpe.encode(m.group());
            if (n + ids.length > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + ids.length));
            }
            System.arraycopy(ids, 0, out, n, ids.length);
            n += ids.length;
        }
        return Arrays.copyOf(out, n);
    }
}
