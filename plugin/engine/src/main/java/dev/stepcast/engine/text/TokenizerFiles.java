package dev.stepcast.engine.text;

import dev.stepcast.engine.io.JsonTrees;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepcast.engine.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a tokenizer folder: {@code vocab.json} + {@code merges.txt} (slow-tokenizer layout; the first line of
 * {@code merges.txt} may be a {@code #version} header), or {@code tokenizer.json} (Hugging Face fast-tokenizer
 * layout: {@code model.vocab}, {@code model.merges} as "a b" strings or ["a", "b"] pairs), plus the special-token
 * names from {@code tokenizer_config.json} / {@code special_tokens_map.json} ({@code bos_token}, {@code eos_token},
 * {@code pad_token}, {@code unk_token}; a name or an object with {@code content}).
 *
 * <p><b>Threads:</b> stateless.
 */
final class TokenizerFiles {


    /** The tables one tokenizer needs. */
    record Tables(Map<String, Integer> vocab, Map<String, Integer> mergeRanks) {
    }

    private TokenizerFiles() {
    }

    /** Vocabulary and merges from whichever layout the folder has (vocab.json + merges.txt first). */
    static Tables readTables(Path dir) throws ModelException {
        Path vocab = dir.resolve("vocab.json");
        Path merges = dir.resolve("merges.txt");
        Path fast = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(vocab) || Files.isRegularFile(merges) || !Files.isRegularFile(fast)) {
            return new Tables(streamVocab(require(vocab)), readMerges(require(merges)));
        }
        return readFast(fast);
    }

    /** tokenizer.json, streamed: only {@code model.vocab} and {@code model.merges} are kept. */
    private static Tables readFast(Path file) throws ModelException {
        Map<String, Integer> vocab = null;
        Map<String, Integer> ranks = null;
        try (JsonParser p = JsonTrees.parser(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelException("Tokenizer file " + file + " should hold a JSON object.", file);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.START_OBJECT || !"model".equals(name)) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken t = p.nextToken();
                    if ("vocab".equals(key) && t == JsonToken.START_OBJECT) {
                        vocab = vocabObject(p, file);
                    } else if ("merges".equals(key) && t == JsonToken.START_ARRAY) {
                        ranks = mergesArray(p, file);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelException("Tokenizer file " + file + " cannot be read as JSON: " + e.getMessage(),
                    file, e);
        }
        if (vocab == null || ranks == null) {
            throw new ModelException("Tokenizer file " + file + " has no BPE model (expected model.vocab and "
                    + "model.merges).", file);
        }
        return new Tables(vocab, ranks);
    }

    /** model.merges: "a b" strings (older files) or ["a", "b"] pairs (tokenizers ≥ 0.20). */
    private static Map<String, Integer> mergesArray(JsonParser p, Path file) throws IOException, ModelException {
        Map<String, Integer> ranks = new HashMap<>(1 << 17);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String pair;
            if (t == JsonToken.VALUE_STRING) {
                pair = p.getText();
            } else if (t == JsonToken.START_ARRAY) {
                String a = p.nextTextValue();
                String b = p.nextTextValue();
                if (a == null || b == null || p.nextToken() != JsonToken.END_ARRAY) {
                    throw new ModelException("Tokenizer file " + file + ": merge " + (ranks.size() + 1)
                            + " is not a pair of strings.", file);
                }
                pair = a + " " + b;
            } else {
                throw new ModelException("Tokenizer file " + file + ": merge " + (ranks.size() + 1) + " is "
                        + p.getText() + ", not a string or a pair.", file);
            }
            ranks.putIfAbsent(pair, ranks.size());
        }
        return ranks;
    }

    /** The special token named {@code key} in the folder's config files, if any (tokenizer_config.json first). */
    static Optional<String> specialToken(Path dir, String key) throws ModelException {
        for (String name : List.of("tokenizer_config.json", "special_tokens_map.json")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                JsonNode token = readJson(file).path(key);
                String content = token.isObject() ? token.path("content").asText(null) : token.asText(null);
                if (token.isTextual() || token.isObject()) {
                    return Optional.ofNullable(content);
                }
            }
        }
        return Optional.empty();
    }

    private static Path require(Path file) throws ModelException {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("Tokenizer file " + file + " is missing (a tokenizer folder needs vocab.json "
                    + "and merges.txt, or tokenizer.json).", file);
        }
        return file;
    }

    private static JsonNode readJson(Path file) throws ModelException {
        try {
            return JsonTrees.parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ModelException("Tokenizer file " + file + " is missing.", file, e);
        } catch (IOException e) {
            throw new ModelException("Tokenizer file " + file + " cannot be read as JSON: " + e.getMessage(),
                    file, e);
        }
    }

    /** vocab.json read with Jackson's streaming parser (about 49k entries; a tree would cost more). */
    private static Map<String, Integer> streamVocab(Path file) throws ModelException {
        try (JsonParser p = JsonTrees.parser(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelException("Tokenizer file " + file + " should map tokens to ids (a JSON object).",
                        file);
            }
            return vocabObject(p, file);
        } catch (IOException e) {
            throw new ModelException("Tokenizer file " + file + " cannot be read as JSON: " + e.getMessage(),
                    file, e);
        }
    }

    /** A token → id object, the parser standing on its START_OBJECT. */
    private static Map<String, Integer> vocabObject(JsonParser p, Path file) throws IOException, ModelException {
        Map<String, Integer> out = new HashMap<>(1 << 17);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String token = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new ModelException("Tokenizer file " + file + ": the id of '" + token + "' is "
                        + p.getText() + ", not an integer.", file);
            }
            out.put(token, p.getIntValue());
        }
        if (out.isEmpty()) {
            throw new ModelException("Tokenizer file " + file + " has no tokens.", file);
        }
        return out;
    }

    private static Map<String, Integer> readMerges(Path file) throws ModelException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ModelException("Tokenizer file " + file + " cannot be read: " + e.getMessage(), file, e);
        }
        Map<String, Integer> ranks = new HashMap<>(lines.size() * 2);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                throw new ModelException("Tokenizer file " + file + ", line " + (i + 1) + ": expected two symbols "
                        + "separated by a space, found '" + line + "'.", file);
            }
            ranks.putIfAbsent(line, ranks.size());
        }
        if (ranks.isEmpty()) {
            throw new ModelException("Tokenizer file " + file + " has no merges.", file);
        }
        return ranks;
    }
}
