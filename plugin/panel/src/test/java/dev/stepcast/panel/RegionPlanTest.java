package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.panel.png.GenerationParameters;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RegionPlanTest {

    @Test
    void should_generate_at_the_form_size_without_a_region() {
        RegionPlan plan = RegionPlan.of(null, 512, 768, null);

        assertThat(plan.region()).isNull();
        assertThat(plan.width()).isEqualTo(512);
        assertThat(plan.height()).isEqualTo(768);
    }

    @Test
    void should_keep_the_region_aspect_with_the_form_long_side_in_multiples_of_8() {
        RegionPlan plan = RegionPlan.of(new Rectangle(10, 20, 300, 200), 512, 512, null);

        assertThat(plan.width()).isEqualTo(512);
        assertThat(plan.height()).isEqualTo(344);
        assertThat(plan.region()).isEqualTo(new Rectangle(10, 20, 300, 200));
    }

    @Test
    void should_crop_the_selection_clipped_to_the_image_for_image_to_image() {
        BufferedImage image = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        image.setRGB(60, 50, 0xFF0000);

        RegionPlan plan = RegionPlan.imageToImage(image, new Rectangle(50, 40, 100, 100), 256, 256);

        assertThat(plan.region()).isEqualTo(new Rectangle(50, 40, 50, 40));
        assertThat(plan.source().getWidth()).isEqualTo(50);
        assertThat(plan.source().getRGB(10, 10) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(plan.width()).isEqualTo(256);
        assertThat(plan.height()).isEqualTo(208); // 40 × 256/50 = 204.8, to the nearest multiple of 8
    }

    @Test
    void should_name_layers_after_the_prompt_and_seed() {
        GenerationParameters p = new GenerationParameters("a fox\nsecond line", "", 20, "Euler", 7, 42, 512, 512,
                null, null);

        assertThat(ResultActions.layerName(p)).isEqualTo("a fox (42)");
        assertThat(ResultActions.layerName(p.withSeed(7).withPrompt("x".repeat(80))))
                .hasSize(ResultActions.NAME_PROMPT_CHARS + " (7)".length()).endsWith("… (7)");
    }
}
