package dev.stepcast.hoststub;

import java.awt.FlowLayout;
import java.util.EnumMap;
import java.util.Map;
import javax.swing.ButtonGroup;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JToggleButton;
import javax.swing.SpinnerNumberModel;

/**
 * The selection tool bar above the image: rectangle, ellipse or freehand (lasso) selection, and the feather radius
 * (pixels) the next selection gets. Every canvas reads the current tool from it.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class SelectionTools extends JPanel {

    private static final long serialVersionUID = 1L;

    private final Map<Selection.Kind, JToggleButton> buttons = new EnumMap<>(Selection.Kind.class);
    private final JSpinner feather = new JSpinner(new SpinnerNumberModel(0, 0, 200, 1));
    private Selection.Kind kind = Selection.Kind.RECTANGLE;

    SelectionTools() {
        super(new FlowLayout(FlowLayout.LEADING, 4, 2));
        setName("tools");
        ButtonGroup group = new ButtonGroup();
        add(new JLabel("Select:"));
        button(group, Selection.Kind.RECTANGLE, "Rectangle", "Drag to select a rectangle; click to deselect");
        button(group, Selection.Kind.ELLIPSE, "Ellipse", "Drag to select the ellipse in a rectangle");
        button(group, Selection.Kind.LASSO, "Lasso", "Drag around a freehand area; releasing closes it");
        JLabel label = new JLabel("Feather:");
        label.setDisplayedMnemonic('F');
        label.setLabelFor(feather);
        add(label);
        feather.setName("tools.feather");
        feather.setToolTipText("Soft edge of the next selection, in pixels (0 = hard edge)");
        add(feather);
        add(new JLabel("px"));
        buttons.get(kind).setSelected(true);
    }

    private void button(ButtonGroup group, Selection.Kind k, String text, String tip) {
        JToggleButton b = new JToggleButton(text);
        b.setName("tools." + k.name().toLowerCase(java.util.Locale.ROOT));
        b.setToolTipText(tip);
        b.setFocusable(false);
        b.addActionListener(e -> kind = k);
        group.add(b);
        buttons.put(k, b);
        add(b);
    }

    /** The selection tool in use. */
    Selection.Kind kind() {
        return kind;
    }

    /** Chooses a tool (as clicking its button does). */
    void choose(Selection.Kind k) {
        kind = k;
        buttons.get(k).setSelected(true);
    }

    /** The feather radius in pixels for the next selection. */
    int feather() {
        return (Integer) feather.getValue();
    }

    void feather(int pixels) {
        feather.setValue(pixels);
    }
}
