package dev.stepcast.panel;

import dev.stepcast.panel.history.HistoryEntry;
import dev.stepcast.engine.InpaintOptions;
import dev.stepcast.engine.inpaint.InpaintPlan;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * Where a generation comes from and goes to: the document region (the selection, clipped to the image, or the whole
 * image for Image to image; the selection or nothing for Text to image) and the size to generate at. With a region,
 * the generated size keeps the region's aspect ratio, its long side equal to the form's long side, rounded to a
 * multiple of 8; the result is scaled back to the region when applied.
 *
 * <p>Immutable.
 *
 * @param region    the document region the result goes to, or {@code null} (top-left corner, own size)
 * @param width     pixels to generate, a multiple of 8
 * @param height    pixels to generate, a multiple of 8
 * @param source    the source pixels for Image to image (the region's crop), or {@code null}
 * @param inpaint   for Inpaint selection: the plan of the mask, the compositing and the repainted layer (the source is
 *                  then the whole image and the region the whole image), or {@code null}
 */
public record RegionPlan(Rectangle region, int width, int height, BufferedImage source, InpaintPlan inpaint) {

    /** A plan without inpainting. */
    public RegionPlan(Rectangle region, int width, int height, BufferedImage source) {
        this(region, width, height, source, null);
    }

    /**
     * The plan for Inpaint selection: the whole {@code image} is the source, {@code options}' mask (the host's
     * selection mask) says what is repainted; the size to generate at follows the whole image's aspect ratio, or, for
     * "only masked", the mask's bounding box's.
     *
     * @throws IllegalArgumentException if the mask is empty
     */
    public static RegionPlan inpaint(BufferedImage image, InpaintOptions options, int formWidth, int formHeight) {
        BufferedImage source = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = source.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        Rectangle whole = new Rectangle(0, 0, image.getWidth(), image.getHeight());
        Rectangle shape = whole;
        if (options.area() == InpaintOptions.Area.MASKED) {
            shape = InpaintPlan.prepare(source, options, formWidth, formHeight).maskBounds();
            shape.grow(options.padding(), options.padding());
            shape = shape.intersection(whole);
        }
        RegionPlan sized = of(shape, formWidth, formHeight, null);
        InpaintPlan plan = InpaintPlan.prepare(source, options, sized.width(), sized.height());
        return new RegionPlan(whole, sized.width(), sized.height(), source, plan);
    }

    /** The plan for a region (or none) given the form's width and height. */
    public static RegionPlan of(Rectangle region, int formWidth, int formHeight, BufferedImage source) {
        if (region == null || region.isEmpty()) {
            return new RegionPlan(null, formWidth, formHeight, source);
        }
        int longSide = Math.max(formWidth, formHeight);
        double scale = (double) longSide / Math.max(region.width, region.height);
        int w = roundTo8(region.width * scale);
        int h = roundTo8(region.height * scale);
        return new RegionPlan(new Rectangle(region), w, h, source);
    }

    /** The plan for Image to image from {@code image} and the host's selection (or the whole image). */
    public static RegionPlan imageToImage(BufferedImage image, Rectangle selection, int formWidth, int formHeight) {
        Rectangle bounds = new Rectangle(0, 0, image.getWidth(), image.getHeight());
        Rectangle region = selection == null ? bounds : selection.intersection(bounds);
        if (region.isEmpty()) {
            region = bounds;
        }
        BufferedImage crop = new BufferedImage(region.width, region.height, BufferedImage.TYPE_INT_RGB);
        var g = crop.createGraphics();
        g.drawImage(image, -region.x, -region.y, null);
        g.dispose();
        return of(region, formWidth, formHeight, crop);
    }

    /** The region as stored in the history. */
    public HistoryEntry.Region historyRegion() {
        return HistoryEntry.Region.of(region);
    }

    static int roundTo8(double v) {
        return Math.max(64, (int) Math.round(v / 8.0) * 8);
    }
}
