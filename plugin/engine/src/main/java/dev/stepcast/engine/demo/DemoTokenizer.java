package dev.stepcast.engine.demo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The demo model's small CLIP-format BPE vocabulary: CLIP's 512 byte-level base tokens (the 256 byte symbols, then
 * the same with {@code </w>}, in CLIP's order), then one merge chain per keyword so that every keyword becomes a
 * single whole-word token {@code keyword</w>}, then the specials {@code <|startoftext|>} = 49406 and
 * {@code <|endoftext|>} = 49407 (SD1.x's ids; padding with EOS). Any other word falls apart into byte tokens or
 * keyword fragments, whose embedding rows are zero.
 *
 * <p>Merges are added one at a time after checking, with the same BPE algorithm as CLIP's tokenizer (lowest merge
 * rank first), that each keyword ends as one token; a merge added later never changes an earlier keyword, because
 * BPE applies it only once no earlier merge applies, and a finished keyword has no pairs left.
 *
 * <p><b>Threads:</b> immutable after construction.
 */
final class DemoTokenizer {

    static final int BOS = 49406;
    static final int EOS = 49407;
    static final String BOS_TOKEN = "<|startoftext|>";
    static final String EOS_TOKEN = "<|endoftext|>";

    private final Map<String, Integer> vocab = new LinkedHashMap<>();
    private final List<String[]> merges = new ArrayList<>();
    private final Map<String, Integer> mergeRanks = new HashMap<>();

    /** Builds the vocabulary for {@code keywords} (lower-case ASCII letters). */
    DemoTokenizer(Collection<String> keywords) {
        for (String symbol : byteSymbols()) {
            vocab.put(symbol, vocab.size());
        }
        for (String symbol : byteSymbols()) {
            vocab.put(symbol + "</w>", vocab.size());
        }
        for (String keyword : new TreeSet<>(keywords)) {
            if (!keyword.matches("[a-z]+")) {
                throw new IllegalArgumentException("keyword must be lower-case letters: " + keyword);
            }
            List<String> parts = bpe(keyword);
            while (parts.size() > 1) {
                addMerge(parts.get(0), parts.get(1));
                parts = bpe(keyword);
            }
        }
    }

    /** Token → id (base tokens, merge results; without the specials). */
    Map<String, Integer> vocab() {
        return vocab;
    }

    /** The merges in rank order, each {@code [left, right]}. */
    List<String[]> merges() {
        return merges;
    }

    /** Number of regular (non-special) tokens; their ids are 0 … size−1. */
    int regularSize() {
        return vocab.size();
    }

    /** The id of the whole-word token of {@code keyword}. */
    int keywordId(String keyword) {
        Integer id = vocab.get(keyword + "</w>");
        if (id == null) {
            throw new IllegalArgumentException("not a keyword: " + keyword);
        }
        return id;
    }

    /** CLIP's BPE of one word of lower-case ASCII letters: the tokens it ends as. */
    List<String> bpe(String word) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            parts.add(i == word.length() - 1 ? word.charAt(i) + "</w>" : String.valueOf(word.charAt(i)));
        }
        while (parts.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer rank = mergeRanks.get(parts.get(i) + " " + parts.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            String left = parts.get(best);
            String right = parts.get(best + 1);
            List<String> merged = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (i + 1 < parts.size() && parts.get(i).equals(left) && parts.get(i + 1).equals(right)) {
                    merged.add(left + right);
                    i++;
                } else {
                    merged.add(parts.get(i));
                }
            }
            parts = merged;
        }
        return parts;
    }

    private void addMerge(String left, String right) {
        mergeRanks.put(left + " " + right, merges.size());
        merges.add(new String[] {left, right});
        vocab.putIfAbsent(left + right, vocab.size());
    }

    /** {@code merges.txt} contents (CLIP's header line, then one merge per line). */
    String mergesText() {
        StringBuilder out = new StringBuilder("#version: 0.2\n");
        for (String[] m : merges) {
            out.append(m[0]).append(' ').append(m[1]).append('\n');
        }
        return out.toString();
    }

    /** CLIP's byte → unicode symbol table ({@code bytes_to_unicode}), in CLIP's vocabulary order. */
    static List<String> byteSymbols() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bs.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bs.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bs.add(b);
        }
        List<Integer> cs = new ArrayList<>(bs);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bs.contains(b)) {
                bs.add(b);
                cs.add(256 + n++);
            }
        }
        List<String> out = new ArrayList<>();
        for (int c : cs) {
            out.add(new String(Character.toChars(c)));
        }
        return out;
    }
}
