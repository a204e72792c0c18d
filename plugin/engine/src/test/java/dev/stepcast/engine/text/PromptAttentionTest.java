package dev.stepcast.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.text.PromptAttention.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A1111's {@code parse_prompt_attention}: its own doctest examples and more, expected values from a throwaway Python
 * transcription of the function run on CPython (exact doubles, including A1111's float artefacts).
 */
class PromptAttentionTest {

    @Test
    void should_pass_a1111s_own_doctest_examples() {
        assertThat(PromptAttention.parse("normal text")).containsExactly(s("normal text", 1.0));
        assertThat(PromptAttention.parse("an (important) word"))
                .containsExactly(s("an ", 1.0), s("important", 1.1), s(" word", 1.0));
        assertThat(PromptAttention.parse("(unbalanced")).containsExactly(s("unbalanced", 1.1));
        assertThat(PromptAttention.parse("\\(literal\\]")).containsExactly(s("(literal]", 1.0));
        assertThat(PromptAttention.parse("(unnecessary)(parens)")).containsExactly(s("unnecessaryparens", 1.1));
        assertThat(PromptAttention.parse("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).")).containsExactly(
                s("a ", 1.0), s("house", 1.5730000000000004), s(" ", 1.1), s("on", 1.0), s(" a ", 1.1),
                s("hill", 0.55), s(", sun, ", 1.1), s("sky", 1.4641000000000006), s(".", 1.1));
    }

    @Test
    void should_multiply_nested_and_divide_square_brackets() {
        assertThat(PromptAttention.parse("[a]")).containsExactly(s("a", 0.9090909090909091));
        assertThat(PromptAttention.parse("((a))")).containsExactly(s("a", 1.2100000000000002));
        assertThat(PromptAttention.parse("[[a]")).containsExactly(s("a", 0.8264462809917354));
        assertThat(PromptAttention.parse("((a:2):3)")).containsExactly(s("a", 6.0));
        assertThat(PromptAttention.parse("[(a)]")).containsExactly(s("a", 1.0));
        assertThat(PromptAttention.parse("(a[b)c]"))
                .containsExactly(s("a", 1.1), s("b", 1.0), s("c", 0.9090909090909091));
        assertThat(PromptAttention.parse("masterpiece, (best quality:1.2), [[blurry]]")).containsExactly(
                s("masterpiece, ", 1.0), s("best quality", 1.2), s(", ", 1.0), s("blurry", 0.8264462809917354));
    }

    @Test
    void should_read_explicit_weights_with_spaces_and_signs() {
        assertThat(PromptAttention.parse("(a:1.5)")).containsExactly(s("a", 1.5));
        assertThat(PromptAttention.parse("(a: 1.5 )")).containsExactly(s("a", 1.5));
        assertThat(PromptAttention.parse("(a:-0.5)")).containsExactly(s("a", -0.5));
        assertThat(PromptAttention.parse("(a:b)")).containsExactly(s("a:b", 1.1));
        assertThat(PromptAttention.parse("a:b")).containsExactly(s("a:b", 1.0));
        // Python's float() raises on 1.2.3 and A1111 fails; here the weight part stays text
        assertThat(PromptAttention.parse("(a:1.2.3)")).containsExactly(s("a:1.2.3)", 1.1));
    }

    @Test
    void should_keep_unmatched_closers_escapes_and_empty_text_as_a1111_does() {
        assertThat(PromptAttention.parse("a)")).containsExactly(s("a)", 1.0));
        assertThat(PromptAttention.parse("a]")).containsExactly(s("a]", 1.0));
        assertThat(PromptAttention.parse("\\\\x")).containsExactly(s("\\x", 1.0));
        assertThat(PromptAttention.parse("x \\ y")).containsExactly(s("x  y", 1.0));
        assertThat(PromptAttention.parse("")).containsExactly(s("", 1.0));
        assertThat(PromptAttention.parse("(")).containsExactly(s("", 1.0));
    }

    @Test
    void should_split_break_only_as_a_whole_word_in_plain_text() {
        assertThat(PromptAttention.parse("a BREAK b")).containsExactly(s("a", 1.0), s("BREAK", -1), s("b", 1.0));
        assertThat(PromptAttention.parse("BREAK a")).containsExactly(s("", 1.0), s("BREAK", -1), s("a", 1.0));
        assertThat(PromptAttention.parse("a BREAK")).containsExactly(s("a", 1.0), s("BREAK", -1), s("", 1.0));
        assertThat(PromptAttention.parse("aBREAKb")).containsExactly(s("aBREAKb", 1.0));
        assertThat(PromptAttention.parse("a BREAK BREAK b")).containsExactly(s("a", 1.0), s("BREAK", -1),
                s("", 1.0), s("BREAK", -1), s("b", 1.0));
        List<Segment> inBrackets = PromptAttention.parse("(a\nBREAK\nb)");
        assertThat(inBrackets).containsExactly(s("a", 1.1), s("BREAK", -1.1), s("b", 1.1));
        assertThat(inBrackets.get(1).isBreak()).as("a weighted BREAK is the word 'BREAK' in A1111").isEqualTo(false);
    }

    private static Segment s(String text, double weight) {
        return new Segment(text, weight);
    }
}
