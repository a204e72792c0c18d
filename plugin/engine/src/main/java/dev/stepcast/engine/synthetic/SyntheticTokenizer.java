package dev.stepcast.engine.synthetic;

import dev.stepcast.engine.io.JsonMappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny tokenizer in CLIP's file format ({@code vocab.json} + {@code merges.txt}) for synthetic models: the 256
 * byte-level base tokens in GPT-2/CLIP {@code bytes_to_unicode} order (ids 0–255), the same with {@code </w>}
 * (256–511), a handful of merges, then {@code <|startoftext|>} and {@code <|endoftext|>}. Every text tokenizes (byte
 * fallback), so the real tokenizer code runs; ids differ from real CLIP's, which only a real vocabulary gives.
 *
 * <p><b>Threads:</b> stateless.
 */
final class SyntheticTokenizer {

    private static final String[][] MERGES = {{"t", "h"}, {"th", "e</w>"}, {"a", "t"}, {"i", "n"}, {"o", "n</w>"}};

    private SyntheticTokenizer() {
    }

    /** Writes {@code vocab.json} and {@code merges.txt} into {@code dir}. */
    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> base = byteTokens();
        ObjectNode vocab = JsonMappers.create().createObjectNode();
        int id = 0;
        for (String t : base) {
            vocab.put(t, id++);
        }
        for (String t : base) {
            vocab.put(t + "</w>", id++);
        }
        StringBuilder merges = new StringBuilder("#version: 0.2\n");
        for (String[] m : MERGES) {
            merges.append(m[0]).append(' ').append(m[1]).append('\n');
            vocab.put(m[0] + m[1], id++);
        }
        vocab.put("<|startoftext|>", id++);
        vocab.put("<|endoftext|>", id);
        Files.writeString(dir.resolve("vocab.json"), vocab.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("merges.txt"), merges.toString(), StandardCharsets.UTF_8);
    }

    /** GPT-2/CLIP {@code bytes_to_unicode}: printable bytes map to themselves, the rest to U+0100 onwards. */
    static List<String> byteTokens() {
        List<Integer> printable = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            printable.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable.add(b);
        }
        List<String> out = new ArrayList<>();
        printable.forEach(b -> out.add(String.valueOf((char) b.intValue())));
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable.contains(b)) {
                out.add(String.valueOf((char) (256 + n++)));
            }
        }
        return out;
    }
}
