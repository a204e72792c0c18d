package dev.stepcast.panel.parts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.ModelFamily;
import dev.stepcast.testkit.Edt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The size presets follow the loaded model's family: SDXL's buckets around 1024², SD's around 512². */
class SizeFieldFamilyTest {

    private static List<Integer> size(SizeField field) {
        return Edt.query(() -> List.of(field.widthValue().orElse(-1), field.heightValue().orElse(-1)));
    }

    @Test
    void sdxl_model_brings_its_aspect_buckets_and_1024_square() {
        SizeField field = Edt.query(SizeField::new);
        Edt.run(() -> field.followFamily(ModelFamily.SDXL));

        assertThat(Edt.query(field::presetLabels)).containsExactly("1024 × 1024  square", "1152 × 896  landscape",
                "896 × 1152  portrait", "1216 × 832  3:2", "832 × 1216  2:3", "1344 × 768  16:9", "768 × 1344  9:16",
                "1536 × 640  21:9", "640 × 1536  9:21", "Custom");
        assertThat(size(field)).containsExactly(1024, 1024);
    }

    @Test
    void back_to_sd_goes_back_to_512_square_from_a_bucket() {
        SizeField field = Edt.query(SizeField::new);
        Edt.run(() -> field.followFamily(ModelFamily.SDXL));
        Edt.run(() -> field.setSize(832, 1216));
        Edt.run(() -> field.followFamily(ModelFamily.SD1));

        assertThat(Edt.query(field::presetLabels)).startsWith("512 × 512  square", "512 × 768  portrait");
        assertThat(size(field)).containsExactly(512, 512);
    }

    @Test
    void a_typed_size_stays_when_the_family_changes() {
        SizeField field = Edt.query(SizeField::new);
        Edt.run(() -> field.setSize(1000, 600));
        Edt.run(() -> field.followFamily(ModelFamily.SDXL));

        assertThat(size(field)).containsExactly(1000, 600);
        assertThat(Edt.query(field::presetLabels)).first().isEqualTo("1024 × 1024  square");
    }

    @Test
    void same_family_again_keeps_the_chosen_bucket() {
        SizeField field = Edt.query(SizeField::new);
        Edt.run(() -> field.followFamily(ModelFamily.SDXL));
        Edt.run(() -> field.setSize(1344, 768));
        Edt.run(() -> field.followFamily(ModelFamily.SDXL));

        assertThat(size(field)).containsExactly(1344, 768);
    }
}
