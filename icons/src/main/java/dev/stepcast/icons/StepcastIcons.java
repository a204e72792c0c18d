package dev.stepcast.icons;

import com.formdev.flatlaf.extras.FlatSVGIcon;
import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads Stepcast's icons from this jar.
 *
 * <p>Always loads through this class's own class loader: in a host, the Stepcast plugin lives in its own
 * {@code URLClassLoader}, and {@code FlatSVGIcon}'s default (the loader of FlatLaf, usually the host's) would not see
 * our resources. Example:
 * <pre>{@code
 * JButton generate = new JButton("Generate", StepcastIcons.get(StepcastIcon.GENERATE, 16));
 * frame.setIconImages(StepcastIcons.appImages());
 * }</pre>
 *
 * <p>Thread: {@link #get} creates Swing icons, call it on the EDT like any other Swing call; {@link #render} and
 * {@link #appImages} only rasterise SVG and are safe on any thread. Sizes are in logical pixels (FlatLaf scales
 * {@code FlatSVGIcon}s further for HiDPI).
 */
public final class StepcastIcons {

    /** Sizes, in pixels, of the raster app icons for window title bars, task bars and launchers. */
    public static final int[] APP_IMAGE_SIZES = {16, 20, 24, 32, 40, 48, 64, 128, 256};

    private StepcastIcons() {
    }

    /** A 16 × 16 icon that follows the current FlatLaf theme (dark variant and palette colours). Thread: EDT. */
    public static FlatSVGIcon get(StepcastIcon icon) {
        return get(icon, 16);
    }

    /** An icon {@code size} × {@code size} logical pixels that follows the current FlatLaf theme. Thread: EDT. */
    public static FlatSVGIcon get(StepcastIcon icon, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("Icon size must be positive, was " + size);
        }
        return new FlatSVGIcon(icon.resourcePath(), size, size, classLoader());
    }

    /** The URL of an icon's (light) SVG file. Thread: any. */
    public static URL url(StepcastIcon icon) {
        URL url = classLoader().getResource(icon.resourcePath());
        if (url == null) {
            throw new IllegalStateException("Icon file missing from the stepcast-icons jar: " + icon.resourcePath());
        }
        return url;
    }

    /**
     * Rasterises an icon's light SVG, as drawn (no theme colour mapping), into a {@code size} × {@code size} ARGB
     * image. Thread: any.
     */
    public static BufferedImage render(StepcastIcon icon, int size) {
        return render(url(icon), size);
    }

    /**
     * The app icon in {@link #APP_IMAGE_SIZES}, for {@code Window.setIconImages}: the 16 px-hinted tile up to 24 px,
     * the detailed one above. Thread: any.
     */
    public static List<Image> appImages() {
        List<Image> images = new ArrayList<>();
        for (int size : APP_IMAGE_SIZES) {
            images.add(renderAppIcon(size));
        }
        return images;
    }

    /** The app icon at {@code size} px: {@link StepcastIcon#STEPCAST} up to 24 px, {@link StepcastIcon#APP} above. */
    public static BufferedImage renderAppIcon(int size) {
        return render(size <= 24 ? StepcastIcon.STEPCAST : StepcastIcon.APP, size);
    }

    static BufferedImage render(URL svg, int size) {
        SVGDocument document = new SVGLoader().load(svg);
        if (document == null) {
            throw new IllegalStateException("Not a readable SVG file: " + svg);
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            document.render(null, g, new ViewBox(0, 0, size, size));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static ClassLoader classLoader() {
        return StepcastIcons.class.getClassLoader();
    }
}
