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
    void missing_tokenizer_folder_is_exit_code_2() {
        CliRun run = CliRun.of("tokenize", "--tokenizer", "/no/such/dir", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("/no/such/dir");
    }
}
