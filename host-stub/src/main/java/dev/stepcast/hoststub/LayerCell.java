package dev.stepcast.hoststub;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;
import javax.swing.UIManager;

/**
 * Renders one row of the layer list: an eye (visibility), a thumbnail on a checkerboard, the name and the opacity.
 *
 * <p>Reads the UI defaults {@code List.selectionBackground}, {@code List.selectionForeground},
 * {@code List.background}, {@code List.foreground} and {@code Label.disabledForeground}.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class LayerCell extends JPanel implements ListCellRenderer<Layer> {

    private static final long serialVersionUID = 1L;
    /** Width of the eye column in pixels; a click there toggles visibility. */
    static final int EYE_WIDTH = 26;
    private static final int THUMB = 36;

    private final JLabel eye = new JLabel("", JLabel.CENTER);
    private final Thumbnail thumbnail = new Thumbnail();
    private final JLabel name = new JLabel();

    LayerCell() {
        super(new BorderLayout(6, 0));
        eye.setPreferredSize(new Dimension(EYE_WIDTH - 6, THUMB));
        JPanel left = new JPanel(new BorderLayout(6, 0));
        left.setOpaque(false);
        left.add(eye, BorderLayout.WEST);
        left.add(thumbnail, BorderLayout.CENTER);
        add(left, BorderLayout.WEST);
        add(name, BorderLayout.CENTER);
        setBorder(BorderFactory.createEmptyBorder(3, 4, 3, 6));
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends Layer> list, Layer layer, int index,
                                                  boolean selected, boolean focused) {
        Color bg = UIManager.getColor(selected ? "List.selectionBackground" : "List.background");
        Color fg = UIManager.getColor(selected ? "List.selectionForeground" : "List.foreground");
        setBackground(bg);
        eye.setText(layer.visible() ? "\u25C9" : "\u25CB");
        eye.setToolTipText(layer.visible() ? "Visible (click to hide)" : "Hidden (click to show)");
        eye.setForeground(fg);
        thumbnail.image = layer.image();
        name.setText(layer.opacity() < 1f
                ? "<html>" + escape(layer.name()) + " <font color='#888888'>" + Math.round(layer.opacity() * 100)
                + " %</font></html>" : layer.name());
        name.setForeground(layer.visible() ? fg : UIManager.getColor("Label.disabledForeground"));
        return this;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }

    /** A scaled-down picture of a layer on a small checkerboard. */
    private static final class Thumbnail extends JPanel {
        private static final long serialVersionUID = 1L;
        private transient BufferedImage image;

        Thumbnail() {
            setPreferredSize(new Dimension(THUMB, THUMB));
            setOpaque(false);
        }

        @Override
        protected void paintComponent(Graphics graphics) {
            if (image == null) {
                return;
            }
            Graphics2D g = (Graphics2D) graphics.create();
            try {
                double scale = Math.min((double) THUMB / image.getWidth(), (double) THUMB / image.getHeight());
                int w = Math.max(1, (int) (image.getWidth() * scale));
                int h = Math.max(1, (int) (image.getHeight() * scale));
                int x = (THUMB - w) / 2;
                int y = (THUMB - h) / 2;
                for (int cy = 0; cy < h; cy += 4) {
                    for (int cx = 0; cx < w; cx += 4) {
                        g.setColor(((cx + cy) / 4) % 2 == 0 ? Color.WHITE : new Color(0xD0D0D0));
                        g.fillRect(x + cx, y + cy, Math.min(4, w - cx), Math.min(4, h - cy));
                    }
                }
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image, x, y, w, h, null);
                g.setColor(new Color(0, 0, 0, 70));
                g.drawRect(x, y, w - 1, h - 1);
            } finally {
                g.dispose();
            }
        }
    }
}
