package dev.stepcast.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer on the real CLIP files ({@link ClipFiles}). Known ids come from the issue and the files' README;
 * the longer expectations were produced by a throwaway Python port of openai/CLIP's {@code simple_tokenizer.py}
 * (the {@code regex} module, the same vocab/merges; no ftfy, so those prompts avoid what ftfy would change).
 */
class ClipTokenizerTest {

    private static final int BOS = 49406;
    private static final int EOS = 49407;
    private static final int CAT = 2368;

    private static ClipTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        tokenizer = ClipTokenizer.load(ClipFiles.folder());
    }

    @Test
    void should_encode_known_prompts_like_the_reference_tokenizer() {
        assertThat(tokenizer.encode("a photo of a cat")).containsExactly(BOS, 320, 1125, 539, 320, 2368, EOS);
        assertThat(tokenizer.encode("a photo of a dog")).containsExactly(BOS, 320, 1125, 539, 320, 1929, EOS);
        assertThat(tokenizer.encode("Hello, world!")).containsExactly(BOS, 3306, 267, 1002, 256, EOS);
        assertThat(tokenizer.encode("")).containsExactly(BOS, EOS);
        assertThat(tokenizer.bosId()).isEqualTo(BOS);
        assertThat(tokenizer.eosId()).isEqualTo(EOS);
    }

    @Test
    void should_ignore_case_and_extra_whitespace() {
        assertThat(tokenizer.encode("  A   PHOTO\tof a\n CAT  ")).containsExactly(tokenizer.encode("a photo of a cat"));
        assertThat(tokenizer.encode(" \t\n ")).containsExactly(BOS, EOS);
    }

    @Test
    void should_match_the_python_port_on_weighted_sd_prompts() {
        String prompt = "masterpiece, best quality, (ultra-detailed:1.2), 8k uhd, a portrait of an astronaut riding "
                + "a horse on mars, trending on artstation, by greg rutkowski and alphonse mucha";
        assertThat(tokenizer.encode(prompt)).containsExactly(BOS, 12066, 267, 949, 3027, 267, 263, 8118, 268, 12609,
                281, 272, 269, 273, 2361, 279, 330, 84, 4414, 267, 320, 5352, 539, 550, 18376, 6765, 320, 4558, 525,
                7496, 267, 6087, 525, 1486, 2631, 267, 638, 7943, 14973, 17649, 537, 37865, 611, 42191, EOS);
    }

    @Test
    void should_match_the_python_port_on_contractions_digits_unicode_and_special_tokens() {
        String prompt = "don't stop 1234 café naïve <|endoftext|> 日本語 emoji 🙂 it's we'll they've I'M";
        assertThat(tokenizer.encode(prompt)).containsExactly(BOS, 847, 713, 1691, 272, 273, 274, 275, 15304, 1097,
                35689, 563, EOS, 39121, 44353, 34002, 508, 16327, 14860, 585, 568, 649, 1342, 889, 1200, 328, 880,
                EOS);
        assertThat(tokenizer.encode("ÀÉÎÕÜ ß straße Ωmega ñandú —")).containsExactly(BOS, 36149, 3459, 48704, 127,
                113, 47177, 127, 509, 1894, 127, 253, 324, 139, 231, 9068, 6445, 672, 36019, 2005, EOS);
        assertThat(tokenizer.encode("a_b-c.d/e\\f [g]{h} <i> @j #k $l %m ^n &o *p +q =r |s ~t `u"))
                .containsExactly(BOS, 320, 318, 321, 268, 322, 269, 323, 270, 324, 315, 325, 314, 326, 60, 346, 327,
                        348, 283, 328, 285, 287, 329, 258, 330, 259, 331, 260, 332, 317, 333, 261, 334, 265, 335, 266,
                        336, 284, 337, 347, 338, 349, 339, 319, 340, EOS);
    }

    @Test
    void should_clean_text_like_ftfy_before_tokenizing() {
        assertThat(tokenizer.encode("“quoted” ‘cat’")).containsExactly(tokenizer.encode("\"quoted\" 'cat'"));
        assertThat(tokenizer.encode("ＣＡＴ！")).containsExactly(tokenizer.encode("cat!"));
        assertThat(tokenizer.encode("ﬁsh")).containsExactly(tokenizer.encode("fish"));
        assertThat(tokenizer.encode("ca\u0000t")).containsExactly(tokenizer.encode("cat"));
        assertThat(tokenizer.encode("fish &amp; chips, caf&#233;")).containsExactly(tokenizer.encode("fish & chips, café"));
        assertThat(tokenizer.encode("<b> &amp;")).isNotEqualTo(tokenizer.encode("<b> &"));
    }

    @Test
    void should_count_tokens_without_start_and_end() {
        assertThat(tokenizer.tokenCount("a photo of a cat")).isEqualTo(5);
        assertThat(tokenizer.tokenCount("")).isZero();
        assertThat(tokenizer.tokenCount(null)).isZero();
    }

    @Test
    void should_pad_a_short_prompt_to_77_with_eos() {
        EncodedPrompt encoded = tokenizer.encodeForModel("a photo of a cat", 77, true);

        assertThat(encoded.chunks()).hasNumberOfRows(1);
        assertThat(encoded.truncated()).as("encoded.truncated()").isEqualTo(false);
        assertThat(encoded.tokenCount()).isEqualTo(5);
        int[] ids = encoded.chunks()[0];
        assertThat(ids).hasSize(77);
        assertThat(Arrays.copyOf(ids, 7)).containsExactly(BOS, 320, 1125, 539, 320, 2368, EOS);
        assertThat(Arrays.copyOfRange(ids, 7, 77)).containsOnly(EOS);
    }

    @Test
    void should_fill_one_chunk_exactly_with_75_tokens() {
        EncodedPrompt encoded = tokenizer.encodeForModel(cats(75), 77, false);

        assertThat(encoded.chunks()).hasNumberOfRows(1);
        assertThat(encoded.truncated()).as("encoded.truncated()").isEqualTo(false);
        assertThat(encoded.chunks()[0]).containsExactly(chunk(75, 77));
    }

    @Test
    void should_split_long_prompts_into_75_token_chunks_when_allowed() {
        EncodedPrompt encoded = tokenizer.encodeForModel(cats(100), 77, true);

        assertThat(encoded.truncated()).as("encoded.truncated()").isEqualTo(false);
        assertThat(encoded.tokenCount()).isEqualTo(100);
        assertThat(encoded.chunks()).hasNumberOfRows(2);
        assertThat(encoded.chunks()[0]).containsExactly(chunk(75, 77));
        assertThat(encoded.chunks()[1]).containsExactly(chunk(25, 77));
        assertThat(encoded.concatenated()).hasSize(154);
        assertThat(tokenizer.encodeForModel(cats(150), 77, true).chunks()).hasNumberOfRows(2);
    }

    @Test
    void should_truncate_long_prompts_keeping_eos_when_chunks_are_not_allowed() {
        EncodedPrompt encoded = tokenizer.encodeForModel(cats(100), 77, false);

        assertThat(encoded.truncated()).as("encoded.truncated()").isEqualTo(true);
        assertThat(encoded.tokenCount()).isEqualTo(100);
        assertThat(encoded.chunks()).hasNumberOfRows(1);
        assertThat(encoded.chunks()[0]).containsExactly(chunk(75, 77));
    }

    @Test
    void should_give_the_same_ids_when_threads_share_the_cache() throws Exception {
        ClipTokenizer fresh = ClipTokenizer.load(ClipFiles.folder());
        String[] prompts = IntStream.range(0, 300)
                .mapToObj(i -> "prompt " + i + " with word" + (i % 37) + " and café-" + (i * 7919 % 1000))
                .toArray(String[]::new);
        int[][] expected = Arrays.stream(prompts).map(tokenizer::encode).toArray(int[][]::new);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 75;
                results.add(pool.submit(() -> IntStream.range(0, prompts.length)
                        .map(i -> (i + offset) % prompts.length)
                        .allMatch(i -> Arrays.equals(fresh.encode(prompts[i]), expected[i]))));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).as("r.get()").isEqualTo(true);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String cats(int n) {
        return String.join(" ", Collections.nCopies(n, "cat"));
    }

    /** [BOS, n × cat, EOS, EOS padding…] of {@code length}. */
    private static int[] chunk(int n, int length) {
        return IntStream.range(0, length).map(i -> i == 0 ? BOS : i <= n ? CAT : EOS).toArray();
    }
}
