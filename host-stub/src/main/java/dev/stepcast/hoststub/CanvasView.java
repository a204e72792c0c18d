package dev.stepcast.hoststub;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JViewport;
import javax.swing.Scrollable;
import javax.swing.SwingConstants;
import javax.swing.UIManager;
import javax.swing.event.ChangeListener;

/**
 * Shows one {@link Document}: its composited layers over a checkerboard, zoomed (fit to the view, 100 %, or the mouse
 * wheel around the pointer), with the selection tools of {@link SelectionTools} (rectangle, ellipse, lasso; drag to
 * select, a click clears; each finished drag is one undo step) and the selection's outline drawn white under black
 * dashes (a feathered selection also shows its feathered extent, dotted). Put it in a {@code JScrollPane}. Fires the bound property {@code "zoom"} (a {@code Double}, 1 = 100 %).
 *
 * <p>Reads the UI default {@code Panel.background} (the area around the image).
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class CanvasView extends JComponent implements Scrollable {

    private static final long serialVersionUID = 1L;
    static final double MIN_ZOOM = 1.0 / 32;
    static final double MAX_ZOOM = 32;
    private static final int MARGIN = 16;
    private static final int CHECKER = 8;

    private final transient Document document;
    private final transient SelectionTools tools;
    private final transient ChangeListener repaintOnChange = e -> changed();
    private transient BufferedImage composite;
    private double zoom = 1;
    private boolean fit = true;
    private double paintedZoom = Double.NaN;

    CanvasView(Document document, SelectionTools tools) {
        this.document = document;
        this.tools = tools;
        setOpaque(true);
        setFocusable(true);
        SelectionTool tool = new SelectionTool();
        addMouseListener(tool);
        addMouseMotionListener(tool);
        addMouseWheelListener(this::wheel);
        addComponentListener(new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                if (fit) {
                    firePropertyChange("zoom", Double.NaN, zoom());
                }
            }
        });
    }

    /** The document shown. */
    Document document() {
        return document;
    }

    @Override
    public void addNotify() {
        super.addNotify();
        document.addChangeListener(repaintOnChange);
    }

    @Override
    public void removeNotify() {
        document.removeChangeListener(repaintOnChange);
        super.removeNotify();
    }

    /** The zoom factor in effect (1 = 100 %), also in fit mode. */
    double zoom() {
        return fit ? fitZoom() : zoom;
    }

    /** Whether the view fits the whole image into the visible area. */
    boolean isFit() {
        return fit;
    }

    /** Fits the whole image into the visible area (and keeps fitting when the view is resized). */
    void zoomToFit() {
        setZoom(zoom(), true);
    }

    /** Shows the image at 100 % (one image pixel per screen pixel). */
    void zoomActualSize() {
        setZoom(1, false);
    }

    /** Multiplies the zoom by {@code factor} (clamped to 1/32 … 32). */
    void zoomBy(double factor) {
        setZoom(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom() * factor)), false);
    }

    private void setZoom(double newZoom, boolean newFit) {
        double old = zoom();
        zoom = newZoom;
        fit = newFit;
        revalidate();
        repaint();
        firePropertyChange("zoom", old, zoom());
    }

    private void wheel(MouseWheelEvent e) {
        Point2 before = toDocument(e.getPoint());
        zoomBy(Math.pow(1.25, -e.getPreciseWheelRotation()));
        if (getParent() instanceof JViewport viewport) {
            viewport.validate();
            Rectangle image = imageBounds();
            int x = image.x + (int) Math.round(before.x * zoom()) - e.getX() + viewport.getViewPosition().x;
            int y = image.y + (int) Math.round(before.y * zoom()) - e.getY() + viewport.getViewPosition().y;
            Dimension extent = viewport.getExtentSize();
            Dimension size = getSize();
            viewport.setViewPosition(new Point(Math.max(0, Math.min(x, size.width - extent.width)),
                    Math.max(0, Math.min(y, size.height - extent.height))));
        }
    }

    private void changed() {
        composite = null;
        repaint();
    }

    private double fitZoom() {
        Dimension area = getParent() instanceof JViewport viewport ? viewport.getExtentSize() : getSize();
        double zx = (area.width - 2.0 * MARGIN) / document.width();
        double zy = (area.height - 2.0 * MARGIN) / document.height();
        double z = Math.min(zx, zy);
        return z > 0 ? Math.min(z, 1) : MIN_ZOOM;
    }

    /** Where the image is drawn, in this component's coordinates (centred when smaller than the view). */
    Rectangle imageBounds() {
        double z = zoom();
        int w = (int) Math.round(document.width() * z);
        int h = (int) Math.round(document.height() * z);
        return new Rectangle(Math.max(MARGIN, (getWidth() - w) / 2), Math.max(MARGIN, (getHeight() - h) / 2), w, h);
    }

    /** A point of this component in document pixels (not clamped). */
    Point2 toDocument(Point p) {
        Rectangle image = imageBounds();
        double z = zoom();
        return new Point2((p.x - image.x) / z, (p.y - image.y) / z);
    }

    /** A point in document pixels (fractional). */
    record Point2(double x, double y) {
    }

    @Override
    public Dimension getPreferredSize() {
        double z = zoom();
        return new Dimension((int) Math.round(document.width() * z) + 2 * MARGIN,
                (int) Math.round(document.height() * z) + 2 * MARGIN);
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setColor(UIManager.getColor("Panel.background"));
            g.fillRect(0, 0, getWidth(), getHeight());
            Rectangle image = imageBounds();
            paintChecker(g, image);
            if (composite == null) {
                composite = document.composite();
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, zoom() >= 2
                    ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(composite, image.x, image.y, image.width, image.height, null);
            g.setColor(new Color(0, 0, 0, 60));
            g.drawRect(image.x - 1, image.y - 1, image.width + 1, image.height + 1);
            document.selectionShape().ifPresent(s -> paintSelection(g, image, s));
        } finally {
            g.dispose();
        }
        reportZoomIfChanged();
    }

    /** In fit mode the zoom follows the view's size; tell listeners the zoom actually painted. */
    private void reportZoomIfChanged() {
        double z = zoom();
        if (z != paintedZoom) {
            double old = paintedZoom;
            paintedZoom = z;
            firePropertyChange("zoom", old, z);
        }
    }

    private static void paintChecker(Graphics2D g, Rectangle r) {
        g.setColor(new Color(0xF4F4F4));
        g.fill(r);
        g.setColor(new Color(0xD8D8D8));
        Graphics2D clip = (Graphics2D) g.create(r.x, r.y, r.width, r.height);
        for (int y = 0; y < r.height; y += CHECKER) {
            for (int x = (y / CHECKER % 2) * CHECKER; x < r.width; x += 2 * CHECKER) {
                clip.fillRect(x, y, CHECKER, CHECKER);
            }
        }
        clip.dispose();
    }

    private void paintSelection(Graphics2D g, Rectangle image, Selection s) {
        double z = zoom();
        AffineTransform toView = new AffineTransform(z, 0, 0, z, image.x, image.y);
        Shape outline = toView.createTransformedShape(s.shape());
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setStroke(new BasicStroke(1));
        g.setColor(Color.WHITE);
        g.draw(outline);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 4}, 0));
        g.setColor(Color.BLACK);
        g.draw(outline);
        if (s.feather() > 0) {
            Rectangle b = s.bounds();
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {1, 3}, 0));
            g.setColor(new Color(0, 0, 0, 140));
            g.draw(toView.createTransformedShape(b));
        }
    }

    /**
     * Drag to select with the current tool (document pixels, clipped to the canvas); a click without a drag clears.
     * The drag shows live; releasing commits it as one undo step.
     */
    private final class SelectionTool extends MouseAdapter {
        private Point2 anchor;
        private final List<Point2> path = new ArrayList<>();
        private Selection before;
        private boolean dragged;

        @Override
        public void mousePressed(MouseEvent e) {
            requestFocusInWindow();
            anchor = e.getButton() == MouseEvent.BUTTON1 ? toDocument(e.getPoint()) : null;
            path.clear();
            dragged = false;
            if (anchor != null) {
                path.add(anchor);
                before = document.selectionShape().orElse(null);
            }
        }

        @Override
        public void mouseDragged(MouseEvent e) {
            if (anchor != null) {
                dragged = true;
                Point2 p = toDocument(e.getPoint());
                path.add(p);
                document.showSelection(current(p));
            }
        }

        private Selection current(Point2 p) {
            int feather = tools.feather();
            if (tools.kind() == Selection.Kind.LASSO) {
                return Selection.lasso(path, feather, document.width(), document.height());
            }
            int x0 = (int) Math.floor(Math.min(anchor.x(), p.x()));
            int y0 = (int) Math.floor(Math.min(anchor.y(), p.y()));
            int x1 = (int) Math.ceil(Math.max(anchor.x(), p.x()));
            int y1 = (int) Math.ceil(Math.max(anchor.y(), p.y()));
            Rectangle r = new Rectangle(x0, y0, x1 - x0, y1 - y0);
            return tools.kind() == Selection.Kind.ELLIPSE ? Selection.ellipse(r, feather, document.width(),
                    document.height()) : Selection.rectangle(r, feather, document.width(), document.height());
        }

        @Override
        public void mouseReleased(MouseEvent e) {
            if (anchor != null) {
                Point2 p = toDocument(e.getPoint());
                if (dragged) {
                    path.add(p);
                    document.commitSelection(before, current(p));
                } else {
                    document.commitSelection(before, null);
                }
            }
            anchor = null;
            path.clear();
        }
    }

    // Scrollable: in fit mode the view tracks the viewport, so it never scrolls.

    @Override
    public Dimension getPreferredScrollableViewportSize() {
        return getPreferredSize();
    }

    @Override
    public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
        return 16;
    }

    @Override
    public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
        return orientation == SwingConstants.VERTICAL ? visible.height - 32 : visible.width - 32;
    }

    @Override
    public boolean getScrollableTracksViewportWidth() {
        return fit || getParent() instanceof JViewport v && v.getWidth() > getPreferredSize().width;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return fit || getParent() instanceof JViewport v && v.getHeight() > getPreferredSize().height;
    }
}
