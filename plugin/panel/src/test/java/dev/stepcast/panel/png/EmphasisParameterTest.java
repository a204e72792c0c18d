package dev.stepcast.panel.png;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.CompatOptions;
import dev.stepcast.engine.GenerationRequest;
import org.junit.jupiter.api.Test;

/**
 * With emphasis off, a prompt's brackets were read as text: the parameters say {@code Emphasis: None} as A1111 writes
 * its emphasis mode (only when it is not the default and a prompt has "(" or "[").
 */
class EmphasisParameterTest {

    private static String text(String prompt, String negative, boolean emphasis) {
        GenerationRequest r = GenerationRequest.txt2img(prompt, negative, 64, 64, 2, 7f, 1)
                .withCompat(CompatOptions.DEFAULTS.withEmphasis(emphasis));
        return A1111Format.format(GenerationParameters.of(r, null, "m"));
    }

    @Test
    void emphasisOffWithBracketsIsWrittenAsA1111sEmphasisNone() {
        assertThat(text("a (cat:1.3)", "", false)).contains("Emphasis: None");
        assertThat(text("a cat", "[blurry]", false)).contains("Emphasis: None");
        assertThat(A1111Format.parse(text("a (cat:1.3)", "", false)).orElseThrow().extras())
                .containsEntry("Emphasis", "None");
    }

    @Test
    void nothingIsWrittenWithEmphasisOnOrWithoutBrackets() {
        assertThat(text("a (cat:1.3)", "", true)).doesNotContain("Emphasis");
        assertThat(text("a cat", "blurry", false)).doesNotContain("Emphasis");
    }
}
