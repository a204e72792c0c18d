package dev.stepcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.testing.TestModels;
import org.junit.jupiter.api.Test;

class TokenizeCommandTest {

    @Test
    void prints_clip_ids_with_bos_and_eos_and_the_token_count() {
        CliRun run = CliRun.of("tokenize", "--tokenizer", TestModels.clipDir().toString(), "a photo of a cat");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().trim()).isEqualTo("{\"ids\":[49406,320,1125,539,320,2368,49407],\"count\":5}");
    }

    @Test
    void joins_several_words_and_handles_punctuation() {
        CliRun run = CliRun.of("tokenize", "--tokenizer", TestModels.clipDir().toString(), "Hello,", "world!");
        assertThat(run.out().trim()).isEqualTo("{\"ids\":[49406,3306,267,1002,256,49407],\"count\":4}");
    }

    @Test
    void a1111_mode_prints_77_ids_and_weights_per_chunk_and_a1111s_count() throws Exception {
        CliRun run = CliRun.of("tokenize", "--a1111", "--tokenizer", TestModels.clipDir().toString(),
                "a (cat:1.5) BREAK dog");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(json.get("count").asInt()).as("75 for the closed chunk + 1").isEqualTo(76);
        assertThat(json.get("chunks")).hasSize(2);
        var first = json.get("chunks").get(0);
        assertThat(first.get("ids")).hasSize(77);
        assertThat(first.get("weights")).hasSize(77);
        assertThat(first.get("ids").get(1).asInt()).isEqualTo(320);
        assertThat(first.get("ids").get(2).asInt()).isEqualTo(2368);
        assertThat(first.get("weights").get(2).asDouble()).isEqualTo(1.5);
        assertThat(first.get("weights").get(1).asDouble()).isEqualTo(1.0);
        assertThat(json.get("chunks").get(1).get("ids").get(1).asInt()).as("dog").isEqualTo(1929);
    }

    @Test
    void missing_tokenizer_folder_is_exit_code_2() {
        CliRun run = CliRun.of("tokenize", "--tokenizer", "/no/such/dir", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("/no/such/dir");
    }
}
