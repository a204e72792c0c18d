package dev.stepcast.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A1111's {@code tokenize_line} on the real CLIP tokenizer: "cat" is one token (2368), "," is 267, BOS 49406,
 * EOS 49407. Expected layouts worked out by hand from A1111's rules.
 */
class A1111ChunkerTest {

    private static final int BOS = 49406;
    private static final int EOS = 49407;
    private static final int CAT = 2368;
    private static final int COMMA = 267;
    private static ClipTokenizer clip;

    @TempDir
    Path temp;

    @BeforeAll
    static void load() throws Exception {
        clip = ClipTokenizer.load(TestModels.clipDir());
    }

    @Test
    void should_wrap_a_short_prompt_in_bos_eos_and_pad_with_eos() {
        A1111Chunker.Result r = A1111Chunker.chunk(clip, "a photo of a cat", true);
        assertThat(r.chunkCount()).isEqualTo(1);
        assertThat(Arrays.copyOf(r.ids()[0], 8)).containsExactly(BOS, 320, 1125, 539, 320, CAT, EOS, EOS);
        assertThat(r.ids()[0]).hasSize(77);
        assertThat(r.ids()[0][76]).isEqualTo(EOS);
        assertThat(r.tokenCount()).isEqualTo(5);
        assertThat(r.hasWeights()).as("r.hasWeights()").isEqualTo(false);
        assertThat(clip.commaId()).isEqualTo(COMMA);
    }

    @Test
    void should_split_after_75_tokens_without_a_nearby_comma() {
        A1111Chunker.Result r = A1111Chunker.chunk(clip, cats(80), true);
        assertThat(r.chunkCount()).isEqualTo(2);
        assertThat(count(r.ids()[0], CAT)).isEqualTo(75);
        assertThat(r.ids()[0][76]).isEqualTo(EOS);
        assertThat(count(r.ids()[1], CAT)).isEqualTo(5);
        assertThat(r.tokenCount()).isEqualTo(80);
    }

    @Test
    void should_move_the_words_after_a_comma_within_the_last_20_tokens_to_the_next_chunk() {
        // 70 cats, a comma at slot 70, 10 cats: the chunk fills at 75 with the comma 5 back → cut after it
        A1111Chunker.Result r = A1111Chunker.chunk(clip, cats(70) + ", " + cats(10), true);
        assertThat(r.chunkCount()).isEqualTo(2);
        assertThat(r.ids()[0][71]).isEqualTo(COMMA);
        assertThat(r.ids()[0][72]).isEqualTo(EOS);
        assertThat(count(r.ids()[0], CAT)).isEqualTo(70);
        assertThat(count(r.ids()[1], CAT)).isEqualTo(10);
        assertThat(r.tokenCount()).as("75 for the first chunk + 10").isEqualTo(85);
        // exactly 20 back still moves, 21 back does not
        A1111Chunker.Result twenty = A1111Chunker.chunk(clip, cats(55) + ", " + cats(30), true);
        assertThat(count(twenty.ids()[0], CAT)).isEqualTo(55);
        assertThat(count(twenty.ids()[1], CAT)).isEqualTo(30);
        A1111Chunker.Result far = A1111Chunker.chunk(clip, cats(54) + ", " + cats(30), true);
        assertThat(count(far.ids()[0], CAT)).isEqualTo(74);
        assertThat(count(far.ids()[1], CAT)).isEqualTo(10);
    }

    @Test
    void should_close_a_chunk_at_break_even_at_the_start_but_not_add_one_at_the_end() {
        A1111Chunker.Result start = A1111Chunker.chunk(clip, "BREAK cat", true);
        assertThat(start.chunkCount()).isEqualTo(2);
        assertThat(Arrays.copyOf(start.ids()[0], 3)).containsExactly(BOS, EOS, EOS);
        assertThat(Arrays.copyOf(start.ids()[1], 3)).containsExactly(BOS, CAT, EOS);
        assertThat(start.tokenCount()).isEqualTo(76);

        A1111Chunker.Result end = A1111Chunker.chunk(clip, "cat BREAK", true);
        assertThat(end.chunkCount()).isEqualTo(1);
        assertThat(end.tokenCount()).isEqualTo(75);

        A1111Chunker.Result middle = A1111Chunker.chunk(clip, "cat BREAK dog", true);
        assertThat(middle.chunkCount()).isEqualTo(2);
        assertThat(middle.tokenCount()).isEqualTo(76);

        A1111Chunker.Result literal = A1111Chunker.chunk(clip, "cat BREAK dog", false);
        assertThat(literal.chunkCount()).as("emphasis off: BREAK is a word").isEqualTo(1);
    }

    @Test
    void should_carry_the_weights_of_each_token_and_one_for_bos_eos_and_padding() {
        A1111Chunker.Result r = A1111Chunker.chunk(clip, "(cat:1.5) [cat]", true);
        assertThat(Arrays.copyOf(r.ids()[0], 4)).containsExactly(BOS, CAT, CAT, EOS);
        assertThat(Arrays.copyOf(r.weights()[0], 5)).containsExactly(1f, 1.5f, (float) (1 / 1.1), 1f, 1f);
        assertThat(r.hasWeights()).as("r.hasWeights()").isEqualTo(true);
        A1111Chunker.Result plain = A1111Chunker.chunk(clip, "(cat:1.5)", false);
        assertThat(plain.hasWeights()).as("plain.hasWeights()").isEqualTo(false);
        assertThat(plain.tokenCount()).as("( cat : 1 . 5 )").isGreaterThan(1);
    }

    @Test
    void should_pad_after_the_first_eos_with_the_pad_id_of_sd2_tokenizers() throws Exception {
        Files.copy(TestModels.clipDir().resolve("vocab.json"), temp.resolve("vocab.json"));
        Files.copy(TestModels.clipDir().resolve("merges.txt"), temp.resolve("merges.txt"));
        Files.writeString(temp.resolve("tokenizer_config.json"), "{\"pad_token\": \"!\"}");
        ClipTokenizer sd2 = ClipTokenizer.load(temp);
        A1111Chunker.Result r = A1111Chunker.chunk(sd2, "cat", true);
        assertThat(Arrays.copyOf(r.ids()[0], 5)).containsExactly(BOS, CAT, EOS, 0, 0);
        A1111Chunker.Result empty = A1111Chunker.chunk(sd2, "BREAK cat", true);
        assertThat(Arrays.copyOf(empty.ids()[0], 4)).containsExactly(BOS, EOS, 0, 0);
    }

    @Test
    void should_truncate_to_75_tokens_with_weights_when_chunks_are_not_allowed() {
        EncodedPrompt t = clip.encodeA1111("(cat:1.2) " + cats(80), true, false);
        assertThat(t.chunkCount()).isEqualTo(1);
        assertThat(t.truncated()).as("t.truncated()").isEqualTo(true);
        assertThat(t.tokenCount()).isEqualTo(81);
        assertThat(t.chunks()[0][76]).isEqualTo(EOS);
        assertThat(t.weights()[0][1]).isEqualTo(1.2f);
        // emphasis off and truncated is diffusers' tokenization exactly
        String text = "a (red) fox, " + cats(90);
        assertThat(clip.encodeA1111(text, false, false).chunks()[0])
                .containsExactly(clip.encodeForModel(text, 77, false).chunks()[0]);
    }

    private static String cats(int n) {
        return String.join(" ", Collections.nCopies(n, "cat"));
    }

    private static long count(int[] ids, int id) {
        return Arrays.stream(ids).filter(x -> x == id).count();
    }
}
