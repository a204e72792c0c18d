package dev.stepcast.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepcast.engine.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokenizer folder layouts, special-token configs and broken files. */
class ClipTokenizerFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROMPTS = List.of("a photo of a cat", "Hello, world!", "",
            "masterpiece, (ultra-detailed:1.2), 8k uhd, café 日本語 🙂 they've");

    @TempDir
    Path dir;

    @Test
    void should_give_the_same_ids_from_a_tokenizer_json_as_from_vocab_and_merges() throws Exception {
        ClipTokenizer slow = ClipTokenizer.load(ClipFiles.folder());
        writeTokenizerJson();

        ClipTokenizer fast = ClipTokenizer.load(dir);

        for (String prompt : PROMPTS) {
            assertThat(fast.encode(prompt)).as(prompt).containsExactly(slow.encode(prompt));
        }
    }

    @Test
    void should_read_tokenizer_json_with_pair_merges_and_added_tokens() throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"added_tokens\": [{\"id\": 3, \"content\": "
                + "\"<|startoftext|>\", \"special\": true}], \"model\": {\"type\": \"BPE\", \"vocab\": "
                + "{\"!\": 0, \"a\": 1, \"ab</w>\": 2, \"<|startoftext|>\": 3, \"<|endoftext|>\": 4, \"b\": 5, "
                + "\"a</w>\": 6}, \"merges\": [[\"a\", \"b</w>\"]]}}");

        assertThat(ClipTokenizer.load(dir).encode("AB ba")).containsExactly(3, 2, 5, 6, 4);
    }

    @Test
    void should_pad_with_eos_by_default_and_with_the_configured_pad_token() throws Exception {
        writeTiny();
        assertThat(ClipTokenizer.load(dir).padId()).isEqualTo(4);

        // SD2.x: tokenizer_config.json names "!" (id 0)
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"pad_token\": \"!\", \"model_max_length\": 77}");
        ClipTokenizer sd2 = ClipTokenizer.load(dir);
        assertThat(sd2.padId()).isZero();
        assertThat(sd2.encodeForModel("ab", 6, false).chunks()[0]).containsExactly(3, 2, 4, 0, 0, 0);

        // SD1.x: an AddedToken object in special_tokens_map.json
        Files.delete(dir.resolve("tokenizer_config.json"));
        Files.writeString(dir.resolve("special_tokens_map.json"),
                "{\"pad_token\": {\"content\": \"<|endoftext|>\", \"lstrip\": false}}");
        assertThat(ClipTokenizer.load(dir).padId()).isEqualTo(4);
    }

    @Test
    void should_apply_merges_by_rank() throws Exception {
        writeTiny();

        ClipTokenizer tokenizer = ClipTokenizer.load(dir);

        // "ab" → a b</w> → ab</w> (rank 0); "ba" has no merge for b+a</w>
        assertThat(tokenizer.encode("ab ba")).containsExactly(3, 2, 5, 6, 4);
    }

    @Test
    void should_name_the_missing_file() throws Exception {
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0}");

        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("merges.txt")
                .satisfies(e -> assertThat(((ModelException) e).file()).isEqualTo(dir.resolve("merges.txt")));
        assertThatThrownBy(() -> ClipTokenizer.load(dir.resolve("nowhere")))
                .isInstanceOf(ModelException.class).hasMessageContaining("vocab.json");
    }

    @Test
    void should_name_a_corrupt_vocab_or_merges_file() throws Exception {
        writeTiny();
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, ");
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class).hasMessageContaining("vocab.json");

        writeTiny();
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b</w>\nnot-a-pair\n");
        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class).hasMessageContaining("merges.txt").hasMessageContaining("line 3");
    }

    @Test
    void should_reject_a_pad_token_missing_from_the_vocabulary() throws Exception {
        writeTiny();
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"pad_token\": \"<pad>\"}");

        assertThatThrownBy(() -> ClipTokenizer.load(dir))
                .isInstanceOf(ModelException.class).hasMessageContaining("pad_token").hasMessageContaining("<pad>");
    }

    /** A 7-token vocabulary: "!", "a", "ab&lt;/w>", BOS, EOS, "b", "a&lt;/w>". */
    private void writeTiny() throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{\"!\": 0, \"a\": 1, \"ab</w>\": 2, \"<|startoftext|>\": 3, "
                + "\"<|endoftext|>\": 4, \"b\": 5, \"a</w>\": 6}");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b</w>\n");
    }

    /** The real vocab/merges rewritten as a Hugging Face fast-tokenizer {@code tokenizer.json}. */
    private void writeTokenizerJson() throws IOException {
        Path clip = ClipFiles.folder();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.put("end_of_word_suffix", "</w>");
        model.set("vocab", JSON.readTree(clip.resolve("vocab.json").toFile()));
        ArrayNode merges = model.putArray("merges");
        List<String> lines = Files.readAllLines(clip.resolve("merges.txt"));
        for (String line : lines.subList(1, lines.size())) {
            merges.add(line);
        }
        JSON.writeValue(dir.resolve("tokenizer.json").toFile(), root);
    }
}
