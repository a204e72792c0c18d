package dev.stepcast.icons;

import static org.assertj.core.api.Assertions.assertThat;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.extras.FlatSVGIcon;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.swing.UIManager;
import javax.swing.UnsupportedLookAndFeelException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Renders every icon through {@link StepcastIcons#get} at 16 and 32 px under FlatLightLaf and FlatDarkLaf, the way
 * the panel and the host stub will, and fails on a missing, unparsable or blank file. Runs headless (rendering into
 * images needs no display). Thread: the test thread only; no windows are shown.
 */
class IconRenderingTest {

    private static final Path SVG_FOLDER = Path.of("src/main/resources/dev/stepcast/icons");

    static Stream<Arguments> iconsSizesAndThemes() {
        return Stream.of(StepcastIcon.values()).flatMap(icon -> Stream.of(16, 32).flatMap(size -> Stream.of(
                Arguments.of(icon, size, false), Arguments.of(icon, size, true))));
    }

    @AfterAll
    static void restoreLookAndFeel() throws UnsupportedLookAndFeelException {
        UIManager.setLookAndFeel(new FlatLightLaf());
    }

    @ParameterizedTest(name = "{0} at {1} px, dark={2}")
    @MethodSource("iconsSizesAndThemes")
    void should_render_every_icon_with_visible_pixels_in_light_and_dark(StepcastIcon icon, int size, boolean dark)
            throws UnsupportedLookAndFeelException {
        setTheme(dark);
        FlatSVGIcon svgIcon = StepcastIcons.get(icon, size);

        assertThat(svgIcon.hasFound())
                .as("%s found by the accessor's class loader", icon.resourcePath()).isEqualTo(true);
        assertThat(svgIcon.getIconWidth()).isEqualTo(size);
        assertThat(svgIcon.getIconHeight()).isEqualTo(size);
        BufferedImage image = paint(svgIcon, size);
        int visible = countVisiblePixels(image);
        assertThat(visible).as("visible pixels of %s at %d px", icon, size).isGreaterThan(size * size / 20);
        assertThat(visible).as("%s does not fill its whole square (FlatSVGIcon paints a red square on errors)", icon)
                .isLessThan(size * size);
    }

    @Test
    void should_have_an_enum_constant_for_every_svg_file_and_a_file_for_every_dark_variant() throws IOException {
        Set<String> expected = EnumSet.allOf(StepcastIcon.class).stream()
                .flatMap(icon -> icon.hasDarkVariant()
                        ? Stream.of(icon.fileName(), icon.fileName().replace(".svg", "_dark.svg"))
                        : Stream.of(icon.fileName()))
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(SVG_FOLDER)) {
            Set<String> actual = files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void should_load_the_dark_tile_variant_when_the_look_and_feel_is_dark() throws UnsupportedLookAndFeelException {
        setTheme(false);
        Color light = new Color(paint(StepcastIcons.get(StepcastIcon.STEPCAST, 16), 16).getRGB(2, 14), true);
        setTheme(true);
        Color dark = new Color(paint(StepcastIcons.get(StepcastIcon.STEPCAST, 16), 16).getRGB(2, 14), true);

        assertThat(brightness(dark)).as("dark tile %s lighter than light tile %s", dark, light)
                .isGreaterThan(brightness(light) + 20);
    }

    @Test
    void should_map_palette_grey_to_a_lighter_grey_in_dark_themes() throws UnsupportedLookAndFeelException {
        setTheme(false);
        int lightSum = brightnessOfVisiblePixels(paint(StepcastIcons.get(StepcastIcon.SETTINGS, 32), 32));
        setTheme(true);
        int darkSum = brightnessOfVisiblePixels(paint(StepcastIcons.get(StepcastIcon.SETTINGS, 32), 32));

        assertThat(darkSum).isGreaterThan(lightSum);
    }

    @Test
    void should_render_app_images_in_every_size_with_an_opaque_centre() {
        var images = StepcastIcons.appImages();

        assertThat(images).hasSize(StepcastIcons.APP_IMAGE_SIZES.length);
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = (BufferedImage) images.get(i);
            int size = StepcastIcons.APP_IMAGE_SIZES[i];
            assertThat(image.getWidth()).isEqualTo(size);
            assertThat(new Color(image.getRGB(size / 2, size / 2), true).getAlpha()).isEqualTo(255);
        }
    }

    private static void setTheme(boolean dark) throws UnsupportedLookAndFeelException {
        UIManager.setLookAndFeel(dark ? new FlatDarkLaf() : new FlatLightLaf());
        assertThat(FlatLaf.isLafDark()).isEqualTo(dark);
        assertThat(FlatSVGIcon.isDarkLaf()).isEqualTo(dark);
    }

    static BufferedImage paint(FlatSVGIcon icon, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            icon.paintIcon(null, g, 0, 0);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static int countVisiblePixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) > 40) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int brightnessOfVisiblePixels(BufferedImage image) {
        int sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y), true);
                if (c.getAlpha() > 200) {
                    sum += brightness(c);
                }
            }
        }
        return sum;
    }

    private static int brightness(Color c) {
        return (c.getRed() + c.getGreen() + c.getBlue()) / 3;
    }
}
