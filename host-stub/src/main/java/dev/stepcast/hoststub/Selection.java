package dev.stepcast.hoststub;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.List;

/**
 * A selection of a document: a shape in document pixels (rectangle, ellipse or freehand lasso, clipped to the canvas)
 * and a feather radius. Its {@linkplain #mask() mask} is the shape rasterised with antialiasing (a rectangle on whole
 * pixels has hard edges) and, when feathered, blurred with three box blurs of the feather radius (close to a Gaussian).
 *
 * <p><b>Threads:</b> immutable; the mask is computed on first use (event dispatch thread only, as the document).
 */
final class Selection {

    /** The selection tools' shapes. */
    enum Kind { RECTANGLE, ELLIPSE, LASSO }

    private final Kind kind;
    private final Shape shape;
    private final int feather;
    private final int width;
    private final int height;
    private byte[] mask;
    private Rectangle bounds;

    private Selection(Kind kind, Shape shape, int feather, int width, int height) {
        this.kind = kind;
        this.shape = shape;
        this.feather = feather;
        this.width = width;
        this.height = height;
    }

    /** A rectangle selection on a {@code width × height} canvas, or {@code null} if it selects nothing. */
    static Selection rectangle(Rectangle r, int feather, int width, int height) {
        Rectangle clipped = r.intersection(new Rectangle(0, 0, width, height));
        return clipped.isEmpty() ? null : nonEmpty(new Selection(Kind.RECTANGLE, clipped, feather, width, height));
    }

    /** The ellipse inscribed in {@code r}, or {@code null} if it selects nothing. */
    static Selection ellipse(Rectangle r, int feather, int width, int height) {
        Area area = new Area(new Ellipse2D.Double(r.x, r.y, r.width, r.height));
        area.intersect(new Area(new Rectangle(0, 0, width, height)));
        return nonEmpty(new Selection(Kind.ELLIPSE, area, feather, width, height));
    }

    /** The polygon through {@code points} (document pixels, closed), or {@code null} if it selects nothing. */
    static Selection lasso(List<CanvasView.Point2> points, int feather, int width, int height) {
        if (points.size() < 3) {
            return null;
        }
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        path.moveTo(points.get(0).x(), points.get(0).y());
        for (CanvasView.Point2 p : points.subList(1, points.size())) {
            path.lineTo(p.x(), p.y());
        }
        path.closePath();
        Area area = new Area(path);
        area.intersect(new Area(new Rectangle(0, 0, width, height)));
        return nonEmpty(new Selection(Kind.LASSO, area, feather, width, height));
    }

    private static Selection nonEmpty(Selection s) {
        return s.bounds() == null ? null : s;
    }

    Kind kind() {
        return kind;
    }

    /** The shape in document pixels (before feathering): what the outline shows. */
    Shape shape() {
        return shape;
    }

    int feather() {
        return feather;
    }

    /** The bounding box of the mask's non-zero pixels (feathering included), or {@code null} if there are none. */
    Rectangle bounds() {
        if (mask == null) {
            rasterise();
        }
        return bounds == null ? null : new Rectangle(bounds);
    }

    /** The mask: TYPE_BYTE_GRAY, the canvas's size, 255 selected, 0 not; a new copy each call. */
    BufferedImage mask() {
        if (mask == null) {
            rasterise();
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        out.getRaster().setDataElements(0, 0, width, height, mask.clone());
        return out;
    }

    private void rasterise() {
        // Draw into an alpha channel (coverage, no colour-space conversion), then copy alpha into the gray bytes.
        BufferedImage coverage = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = coverage.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, kind == Kind.RECTANGLE
                    ? RenderingHints.VALUE_ANTIALIAS_OFF : RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fill(shape);
        } finally {
            g.dispose();
        }
        Raster alpha = coverage.getAlphaRaster();
        float[] values = new float[width * height];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            alpha.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                values[y * width + x] = row[x];
            }
        }
        if (feather > 0) {
            int r = Math.max(1, feather / 2);
            for (int pass = 0; pass < 3; pass++) {
                values = boxBlur(values, r);
            }
        }
        mask = new byte[width * height];
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = Math.round(Math.max(0f, Math.min(255f, values[y * width + x])));
                mask[y * width + x] = (byte) v;
                if (v != 0) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        bounds = x1 < 0 ? null : new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /** Mean over a (2r+1)² box, zero outside the canvas (so a selection at the border fades into it). */
    private float[] boxBlur(float[] in, int r) {
        float n = 2 * r + 1;
        float[] tmp = new float[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = Math.max(0, x - r); k <= Math.min(width - 1, x + r); k++) {
                    acc += in[y * width + k];
                }
                tmp[y * width + x] = acc / n;
            }
        }
        float[] out = new float[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = Math.max(0, y - r); k <= Math.min(height - 1, y + r); k++) {
                    acc += tmp[k * width + x];
                }
                out[y * width + x] = acc / n;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Selection[" + kind + " " + bounds() + (feather > 0 ? ", feather " + feather : "") + "]";
    }

}
