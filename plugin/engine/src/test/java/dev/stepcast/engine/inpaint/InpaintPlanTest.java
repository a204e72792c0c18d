package dev.stepcast.engine.inpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.InpaintOptions.Area;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class InpaintPlanTest {

    @Test
    void pixels_outside_the_blurred_mask_are_the_sources_own_and_the_core_is_the_models() {
        BufferedImage source = noise(96, 80, 1);
        InpaintPlan plan = InpaintPlan.prepare(source, InpaintOptions.of(rectMask(96, 80, 30, 20, 30, 30))
                .withMaskBlur(3), 64, 64);
        BufferedImage out = plan.composite(solid(64, 64, 0x20E040));

        assertThat(out.getWidth()).isEqualTo(96);
        assertThat(out.getHeight()).isEqualTo(80);
        int radius = Math.round(2.5f * 3);
        int changed = 0;
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 96; x++) {
                boolean outside = x < 30 - radius || x >= 60 + radius || y < 20 - radius || y >= 50 + radius;
                if (outside) {
                    assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(source.getRGB(x, y));
                } else if (out.getRGB(x, y) != source.getRGB(x, y)) {
                    changed++;
                }
            }
        }
        assertThat(changed).isGreaterThan(30 * 30);
        assertThat(out.getRGB(45, 35) & 0xffffff).isEqualTo(0x20E040);
    }

    @Test
    void the_soft_edge_is_monotone_across_the_blur_band() {
        BufferedImage source = solid(128, 64, 0x000000);
        InpaintPlan plan = InpaintPlan.prepare(source, InpaintOptions.of(rectMask(128, 64, 64, 0, 64, 64))
                .withMaskBlur(6), 128, 64);
        BufferedImage out = plan.composite(solid(128, 64, 0xFFFFFF));
        int previous = -1;
        int distinct = 0;
        for (int x = 40; x < 90; x++) {
            int v = out.getRGB(x, 32) & 0xff;
            assertThat(v).as("x=%d", x).isGreaterThanOrEqualTo(previous);
            if (v != previous) {
                distinct++;
            }
            previous = v;
        }
        assertThat(out.getRGB(40, 32) & 0xff).isEqualTo(0);
        assertThat(out.getRGB(89, 32) & 0xff).isEqualTo(255);
        assertThat(distinct).as("levels across the band").isGreaterThan(10);
    }

    @Test
    void only_masked_pastes_back_at_the_mask_for_a_mask_touching_the_image_border() {
        BufferedImage source = noise(200, 120, 2);
        BufferedImage mask = rectMask(200, 120, 170, 90, 30, 30); // bottom-right corner
        InpaintPlan plan = InpaintPlan.prepare(source, InpaintOptions.of(mask).withMaskBlur(0)
                .withArea(Area.MASKED, 16), 64, 64);

        Rectangle region = plan.region();
        assertThat(new Rectangle(0, 0, 200, 120).contains(region)).as("inside the image " + region).isEqualTo(true);
        assertThat(region.contains(new Rectangle(154, 74, 46, 46)))
                .as("mask plus padding in " + region).isEqualTo(true);
        assertThat(region.width).isEqualTo(region.height);

        BufferedImage out = plan.composite(solid(64, 64, 0xFF0000));
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 200; x++) {
                int expected = x >= 170 && y >= 90 ? 0xFFFF0000 : source.getRGB(x, y);
                assertThat(out.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void only_masked_crop_at_the_top_left_border_grows_to_the_models_aspect() {
        Rectangle region = InpaintPlan.cropRegion(new Rectangle(0, 0, 10, 40), 8, 300, 200, 96, 64);
        assertThat(region).isEqualTo(new Rectangle(0, 0, 72, 48));
    }

    @Test
    void a_mask_of_another_size_is_scaled_to_the_source() {
        BufferedImage source = noise(128, 64, 3);
        InpaintPlan plan = InpaintPlan.prepare(source, InpaintOptions.of(rectMask(32, 16, 16, 0, 16, 16))
                .withMaskBlur(0), 64, 64);
        BufferedImage soft = plan.softMask();
        assertThat(soft.getWidth()).isEqualTo(128);
        assertThat(soft.getHeight()).isEqualTo(64);
        assertThat(soft.getRaster().getSample(10, 30, 0)).isEqualTo(0);
        assertThat(soft.getRaster().getSample(100, 30, 0)).isEqualTo(255);
        assertThat(plan.composite(solid(64, 64, 0x0000FF)).getRGB(10, 30)).isEqualTo(source.getRGB(10, 30));
    }

    @Test
    void an_empty_mask_is_refused_with_nothing_to_repaint() {
        BufferedImage empty = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(InpaintPlan.isEmptyMask(empty)).isEqualTo(true);
        assertThatThrownBy(() -> InpaintPlan.prepare(noise(20, 20, 4), InpaintOptions.of(empty), 64, 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to repaint");
    }

    @Test
    void the_masked_layer_is_transparent_outside_and_the_models_colour_inside() {
        InpaintPlan plan = InpaintPlan.prepare(noise(64, 64, 5), InpaintOptions.of(rectMask(64, 64, 16, 16, 32, 32))
                .withMaskBlur(0), 64, 64);
        BufferedImage layer = plan.maskedLayer(solid(64, 64, 0x123456));
        assertThat(layer.getRGB(5, 5)).isEqualTo(0);
        assertThat(layer.getRGB(30, 30)).isEqualTo(0xFF123456);
    }

    @Test
    void the_layer_from_a_composite_laid_over_the_source_gives_the_composite_back() {
        BufferedImage source = noise(80, 60, 6);
        InpaintPlan plan = InpaintPlan.prepare(source, InpaintOptions.of(rectMask(80, 60, 20, 10, 30, 30))
                .withMaskBlur(4), 64, 64);
        BufferedImage composite = plan.composite(noise(64, 64, 7));
        BufferedImage layer = plan.layerFromComposite(composite);
        Rectangle b = plan.maskBounds();
        assertThat(b).isEqualTo(new Rectangle(10, 0, 50, 50));
        assertThat(layer.getWidth()).isEqualTo(50);
        BufferedImage over = new BufferedImage(80, 60, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = over.createGraphics();
        g.drawImage(source, 0, 0, null);
        g.drawImage(layer, b.x, b.y, null);
        g.dispose();
        int worst = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                for (int s = 0; s <= 16; s += 8) {
                    worst = Math.max(worst, Math.abs(((over.getRGB(x, y) >> s) & 0xff)
                            - ((composite.getRGB(x, y) >> s) & 0xff)));
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(2);
    }

    @Test
    void fill_replaces_the_masked_pixels_with_the_surrounding_colour() {
        BufferedImage source = solid(64, 64, 0x3366CC);
        Graphics2D g = source.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(16, 16, 32, 32);
        g.dispose();
        InpaintPlan plan = InpaintPlan.prepare(source, InpaintOptions.of(rectMask(64, 64, 16, 16, 32, 32))
                .withMaskBlur(0).withMaskedContent(InpaintOptions.MaskedContent.FILL), 64, 64);
        assertThat(plan.modelImage().getRGB(32, 32) & 0xffffff).isEqualTo(0x3366CC);
        assertThat(plan.modelImage().getRGB(2, 2) & 0xffffff).isEqualTo(0x3366CC);
    }

    static BufferedImage rectMask(int w, int h, int x, int y, int rw, int rh) {
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int j = y; j < y + rh; j++) {
            for (int i = x; i < x + rw; i++) {
                mask.getRaster().setSample(i, j, 0, 255);
            }
        }
        return mask;
    }

    static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    static BufferedImage noise(int w, int h, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}
