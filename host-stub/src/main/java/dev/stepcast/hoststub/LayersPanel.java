package dev.stepcast.hoststub;

import java.awt.BorderLayout;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSlider;
import javax.swing.JToolBar;
import javax.swing.ListSelectionModel;
import javax.swing.event.ChangeListener;
import net.miginfocom.swing.MigLayout;

/**
 * The layer stack of the active document, top layer first: a list with thumbnails (click the eye to hide or show),
 * a visibility box and an opacity slider for the selected layer, and buttons to add an empty layer, delete, and move
 * up or down. Every change goes through {@link Document}, so it is undoable.
 *
 * <p>Component names (for tests): {@code layers.list}, {@code layers.visible}, {@code layers.opacity},
 * {@code layers.add}, {@code layers.delete}, {@code layers.up}, {@code layers.down}.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class LayersPanel extends JPanel {

    private static final long serialVersionUID = 1L;

    private final DefaultListModel<Layer> model = new DefaultListModel<>();
    private final JList<Layer> list = new JList<>(model);
    private final JCheckBox visible = new JCheckBox("Visible");
    private final JSlider opacity = new JSlider(0, 100, 100);
    private final JLabel opacityValue = new JLabel("100 %");
    private final JButton add = button("New", "Add an empty transparent layer on top", "layers.add");
    private final JButton delete = button("Delete", "Delete the selected layer", "layers.delete");
    private final JButton up = button("Up", "Move the selected layer up", "layers.up");
    private final JButton down = button("Down", "Move the selected layer down", "layers.down");
    private final transient ChangeListener onDocumentChange = e -> refresh();
    private transient Document document;
    private boolean refreshing;

    LayersPanel(Workspace workspace) {
        super(new BorderLayout());
        list.setName("layers.list");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setCellRenderer(new LayerCell());
        list.addListSelectionListener(e -> updateControls());
        list.addMouseListener(new EyeToggle());
        visible.setName("layers.visible");
        opacity.setName("layers.opacity");
        visible.addActionListener(e -> selected().ifPresent(l -> document.setVisible(l, visible.isSelected())));
        opacity.addChangeListener(e -> opacityChanged());
        add.addActionListener(e -> addEmptyLayer());
        delete.addActionListener(e -> selected().ifPresent(l -> document.deleteLayer(l)));
        up.addActionListener(e -> moveSelected(+1));
        down.addActionListener(e -> moveSelected(-1));
        add(new JScrollPane(list), BorderLayout.CENTER);
        add(controls(), BorderLayout.SOUTH);
        workspace.onActiveChanged(d -> show(d.orElse(null)));
        show(null);
    }

    /** The list of layers (top first), for tests and the Layer menu. */
    JList<Layer> layerList() {
        return list;
    }

    /** The selected layer of the active document, if any. */
    Optional<Layer> selected() {
        return Optional.ofNullable(list.getSelectedValue());
    }

    private JPanel controls() {
        JPanel south = new JPanel(new MigLayout("insets 4 6 4 6, gap 4 2", "[][grow,fill][right]"));
        south.add(visible, "span 3, wrap");
        south.add(new JLabel("Opacity"));
        south.add(opacity, "w 60::");
        south.add(opacityValue, "w 48!, wrap");
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.add(add);
        bar.add(delete);
        bar.addSeparator();
        bar.add(up);
        bar.add(down);
        south.add(bar, "span 3, growx");
        return south;
    }

    private static JButton button(String text, String tip, String name) {
        JButton b = new JButton(text);
        b.setToolTipText(tip);
        b.setName(name);
        b.setFocusable(false);
        return b;
    }

    private void show(Document next) {
        if (document != null) {
            document.removeChangeListener(onDocumentChange);
        }
        document = next;
        if (document != null) {
            document.addChangeListener(onDocumentChange);
        }
        refresh();
        if (!model.isEmpty()) {
            list.setSelectedIndex(0);
        }
    }

    private void refresh() {
        Layer keep = list.getSelectedValue();
        java.util.Set<Layer> before = new java.util.HashSet<>();
        for (int i = 0; i < model.size(); i++) {
            before.add(model.get(i));
        }
        refreshing = true;
        try {
            model.clear();
            if (document != null) {
                List<Layer> layers = document.layers();
                for (int i = layers.size() - 1; i >= 0; i--) {
                    model.addElement(layers.get(i));
                }
            }
            List<Layer> added = document == null || before.isEmpty() ? List.of()
                    : document.layers().stream().filter(l -> !before.contains(l)).toList();
            if (added.size() == 1) {
                keep = added.get(0); // a new layer (added, or back by undo/redo) becomes the selected one
            }
            int index = keep == null ? -1 : model.indexOf(keep);
            if (index >= 0) {
                list.setSelectedIndex(index);
            } else if (!model.isEmpty()) {
                list.setSelectedIndex(0);
            }
        } finally {
            refreshing = false;
        }
        updateControls();
        list.repaint();
    }

    private void updateControls() {
        Optional<Layer> layer = selected();
        boolean has = layer.isPresent();
        refreshing = true;
        try {
            visible.setSelected(layer.map(Layer::visible).orElse(false));
            int percent = Math.round(layer.map(Layer::opacity).orElse(1f) * 100);
            opacity.setValue(percent);
            opacityValue.setText(percent + " %");
        } finally {
            refreshing = false;
        }
        visible.setEnabled(has);
        opacity.setEnabled(has);
        add.setEnabled(document != null);
        delete.setEnabled(has);
        int index = list.getSelectedIndex();
        up.setEnabled(has && index > 0);
        down.setEnabled(has && index < model.size() - 1);
    }

    private void opacityChanged() {
        opacityValue.setText(opacity.getValue() + " %");
        if (!refreshing) {
            selected().ifPresent(l -> document.setOpacity(l, opacity.getValue() / 100f));
        }
    }

    /** Adds an empty transparent layer the size of the canvas on top of the active document, if any. */
    void addEmptyLayer() {
        if (document == null) {
            return;
        }
        BufferedImage empty = new BufferedImage(document.width(), document.height(), BufferedImage.TYPE_INT_ARGB);
        document.addLayer(new Layer("Layer " + (document.layers().size() + 1), empty, 0, 0));
    }

    /** Moves the selected layer one step up ({@code +1}) or down ({@code -1}) the stack. */
    void moveSelected(int direction) {
        selected().ifPresent(l -> {
            int target = document.layers().indexOf(l) + direction;
            if (target >= 0 && target < document.layers().size()) {
                document.moveLayer(l, target);
            }
        });
    }

    /** A click on a row's eye icon toggles that layer's visibility. */
    private final class EyeToggle extends MouseAdapter {
        @Override
        public void mouseClicked(MouseEvent e) {
            int row = list.locationToIndex(e.getPoint());
            if (row >= 0 && list.getCellBounds(row, row).contains(e.getPoint()) && e.getX() < LayerCell.EYE_WIDTH) {
                Layer layer = model.get(row);
                document.setVisible(layer, !layer.visible());
            }
        }
    }
}
