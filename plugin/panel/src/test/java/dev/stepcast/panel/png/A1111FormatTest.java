package dev.stepcast.panel.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class A1111FormatTest {

    @Test
    void should_write_the_a1111_layout() {
        GenerationParameters p = new GenerationParameters("a red fox in the snow", "blurry", 20, "Euler a", 7.5, 42,
                512, 512, "Demo model (procedural scenes)", null);

        assertThat(A1111Format.format(p)).isEqualTo("""
                a red fox in the snow
                Negative prompt: blurry
                Steps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 42, Size: 512x512, \
                Model: Demo model (procedural scenes)""");
    }

    @Test
    void should_omit_the_negative_line_when_there_is_no_negative_prompt() {
        GenerationParameters p = new GenerationParameters("cat", "", 30, "DPM++ 2M Karras", 7, 1, 768, 512, null, 0.6);

        assertThat(A1111Format.format(p)).isEqualTo(
                "cat\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7.0, Seed: 1, Size: 768x512, "
                        + "Denoising strength: 0.6");
    }

    @Test
    void should_read_back_what_it_writes_including_multiline_prompts_and_quoted_values() {
        GenerationParameters p = new GenerationParameters("line one,\nline two", "ugly\nbad hands", 25, "DDIM", 12.5,
                -5L, 640, 448, "My model: v2, final", 0.35, Map.of("Clip skip", "2"));

        GenerationParameters back = A1111Format.parse(A1111Format.format(p)).orElseThrow();

        assertThat(back).isEqualTo(p);
    }

    @Test
    void should_read_text_written_by_a1111() {
        String text = """
                masterpiece, (cat:1.2) on a sofa
                Negative prompt: lowres, bad anatomy
                Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6, Seed: 3405691582, \
                Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, \
                Lora hashes: "add_detail: 7c6bad76eb54", Version: v1.9.4""";

        GenerationParameters p = A1111Format.parse(text).orElseThrow();

        assertThat(p.prompt()).isEqualTo("masterpiece, (cat:1.2) on a sofa");
        assertThat(p.negativePrompt()).isEqualTo("lowres, bad anatomy");
        assertThat(p.steps()).isEqualTo(28);
        assertThat(p.sampler()).isEqualTo("DPM++ 2M");
        assertThat(p.cfgScale()).isEqualTo(6.0);
        assertThat(p.seed()).isEqualTo(3405691582L);
        assertThat(p.width()).isEqualTo(512);
        assertThat(p.height()).isEqualTo(768);
        assertThat(p.model()).isEqualTo("v1-5-pruned-emaonly");
        assertThat(p.denoisingStrength()).isNull();
        assertThat(p.extras()).containsEntry("Schedule type", "Karras")
                .containsEntry("Lora hashes", "add_detail: 7c6bad76eb54")
                .containsEntry("Version", "v1.9.4");
    }

    @Test
    void should_not_take_plain_text_for_parameters() {
        assertThat(A1111Format.parse("just a caption, nothing else")).isEmpty();
        assertThat(A1111Format.parse("")).isEmpty();
        assertThat(A1111Format.parse(null)).isEmpty();
    }

    @Test
    void should_format_numbers_as_python_floats() {
        assertThat(A1111Format.number(7)).isEqualTo("7.0");
        assertThat(A1111Format.number(7.5)).isEqualTo("7.5");
        assertThat(A1111Format.number(0.75f)).isEqualTo("0.75");
    }
}
