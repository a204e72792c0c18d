package dev.stepcast.panel.parts;

import dev.stepcast.icons.StepcastIcon;
import dev.stepcast.icons.StepcastIcons;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.ListCellRenderer;
import javax.swing.ListSelectionModel;
import javax.swing.ScrollPaneConstants;
import javax.swing.border.EmptyBorder;
import net.miginfocom.swing.MigLayout;

/**
 * The history strip: thumbnails of the results, newest first, in one scrolling row, with the actions on the selected
 * one — Apply (as a new layer named "prompt (seed)" at its source region; Enter), Save as PNG…, Reuse (prompt,
 * settings and seed into the form), Copy (its parameters text) and Discard (Delete). Applied results carry a green
 * check. The same actions are in the thumbnail's context menu.
 *
 * <p>UI defaults read: {@code List.selectionBackground}, {@code Actions.Green} (applied mark), see {@link UiColors}.
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class HistoryStrip extends JPanel {

    private static final long serialVersionUID = 1L;

    /** What the strip's actions do; the panel implements them. */
    public interface Actions {
        void apply(HistoryItem item);

        void save(HistoryItem item);

        void reuse(HistoryItem item);

        void copy(HistoryItem item);

        void discard(HistoryItem item);

        void show(HistoryItem item);
    }

    private final DefaultListModel<HistoryItem> model = new DefaultListModel<>();
    private final JList<HistoryItem> list = new JList<>(model);
    private final JLabel empty = new JLabel("Results appear here; they are kept between sessions.");
    private final java.awt.CardLayout cardLayout = new java.awt.CardLayout();
    private final JPanel cards = new JPanel(cardLayout);
    private final JButton apply = new JButton("Apply");
    private final JButton save = new JButton("Save…");
    private final JButton reuse = new JButton("Reuse");
    private final JButton copy = new JButton("Copy");
    private final JButton discard = new JButton("Discard");
    private transient Actions actions;

    public HistoryStrip() {
        super(new MigLayout("insets 0, gap 4 2, hidemode 3", "[grow, fill]", "[][]"));
        setOpaque(false);
        list.setName("history");
        list.setLayoutOrientation(JList.HORIZONTAL_WRAP);
        list.setVisibleRowCount(1);
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setCellRenderer(new Renderer());
        list.setFixedCellWidth(HistoryItem.THUMB + 8);
        list.setFixedCellHeight(HistoryItem.THUMB + 8);
        list.getAccessibleContext().setAccessibleName("History of results");
        list.setToolTipText("Results, newest first. Enter applies, Delete discards, right-click for more.");
        JScrollPane scroll = new JScrollPane(list, ScrollPaneConstants.VERTICAL_SCROLLBAR_NEVER,
                ScrollPaneConstants.HORIZONTAL_SCROLLBAR_AS_NEEDED);
        scroll.setName("historyScroll");
        empty.setName("historyEmpty");
        empty.setForeground(UiColors.secondaryText());
        empty.setHorizontalAlignment(JLabel.CENTER);
        frameEmpty();
        cards.setName("historyCards");
        cards.add(scroll, "list");
        cards.add(empty, "empty");
        cards.setBorder(javax.swing.BorderFactory.createEmptyBorder());
        add(cards, "hmin " + (HistoryItem.THUMB + 12) + ", wmin 0, w 60::, wrap");
        add(buttons(), "growx, wmin 0");
        list.addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                selectionChanged();
            }
        });
        list.addMouseListener(popupOpener());
        bindKey(KeyEvent.VK_ENTER, "apply", i -> actions.apply(i));
        bindKey(KeyEvent.VK_DELETE, "discard", i -> actions.discard(i));
        selectionChanged();
    }

    private JPanel buttons() {
        JPanel row = new JPanel(new MigLayout("insets 0, gap 2, fillx", "[][][][][]push"));
        row.setOpaque(false);
        button(apply, "applyResult", StepcastIcon.APPLY, 'A', "Add the selected result to the document as a new "
                + "layer named after its prompt and seed, at the region it was made for (Enter)");
        button(save, "saveResult", StepcastIcon.SAVE, 'v', "Save as PNG… — the selected result with its parameters "
                + "(Alt+V)");
        button(reuse, "reuseResult", StepcastIcon.REUSE, 'u', "Reuse — put the selected result's prompt, settings and "
                + "seed back into the form (Alt+U)");
        button(copy, "copyResult", null, '\0', "Copy the selected result's parameters (A1111 text) to the clipboard");
        button(discard, "discardResult", StepcastIcon.DISCARD, '\0', "Discard — delete the selected result from the "
                + "history (Delete)");
        for (JButton b : new JButton[] {apply, save, reuse, copy, discard}) {
            row.add(b);
        }
        return row;
    }

    private static void button(JButton b, String name, StepcastIcon icon, char mnemonic, String tip) {
        b.setName(name);
        b.getAccessibleContext().setAccessibleName(b.getText());
        if (icon != null && !"applyResult".equals(name)) {
            b.setText(""); // icon-only to fit narrow docks; the name, tooltip and accessible name say what it does
        }
        b.putClientProperty("JButton.buttonType", "toolBarButton");
        b.setToolTipText(tip);
        b.getAccessibleContext().setAccessibleDescription(tip);
        if (icon != null) {
            b.setIcon(StepcastIcons.get(icon));
        }
        if (mnemonic != '\0') {
            b.setMnemonic(mnemonic);
        }
    }

    /** Connects the actions (call once). */
    public void setActions(Actions a) {
        actions = a;
        apply.addActionListener(e -> selected().ifPresent(actions::apply));
        save.addActionListener(e -> selected().ifPresent(actions::save));
        reuse.addActionListener(e -> selected().ifPresent(actions::reuse));
        copy.addActionListener(e -> selected().ifPresent(actions::copy));
        discard.addActionListener(e -> selected().ifPresent(actions::discard));
    }

    /** Replaces the items (newest first). */
    public void setItems(List<HistoryItem> items) {
        model.clear();
        items.forEach(model::addElement);
        selectionChanged();
    }

    /** Adds a new result at the front and selects it. */
    public void addFirst(HistoryItem item) {
        model.add(0, item);
        list.setSelectedIndex(0);
        list.ensureIndexIsVisible(0);
        selectionChanged();
    }

    /** Replaces the item with the same entry id (e.g. now applied). */
    public void replace(HistoryItem item) {
        for (int i = 0; i < model.size(); i++) {
            if (model.get(i).entry().id().equals(item.entry().id())) {
                model.set(i, item);
            }
        }
        selectionChanged();
    }

    /** Removes the item with the same entry id. */
    public void remove(HistoryItem item) {
        for (int i = model.size() - 1; i >= 0; i--) {
            if (model.get(i).entry().id().equals(item.entry().id())) {
                model.remove(i);
            }
        }
        selectionChanged();
    }

    /** Keeps only the items whose entry ids are in {@code ids} (after the store trimmed to its cap). */
    public void retain(java.util.Set<String> ids) {
        for (int i = model.size() - 1; i >= 0; i--) {
            if (!ids.contains(model.get(i).entry().id())) {
                model.remove(i);
            }
        }
        selectionChanged();
    }

    public List<HistoryItem> items() {
        return java.util.Collections.list(model.elements());
    }

    public Optional<HistoryItem> selected() {
        return Optional.ofNullable(list.getSelectedValue());
    }

    public JList<HistoryItem> historyList() {
        return list;
    }

    private void selectionChanged() {
        boolean has = list.getSelectedValue() != null;
        for (JButton b : new JButton[] {apply, save, reuse, copy, discard}) {
            b.setEnabled(has);
        }
        cardLayout.show(cards, model.isEmpty() ? "empty" : "list");
        if (has && actions != null) {
            actions.show(list.getSelectedValue());
        }
    }

    private void bindKey(int key, String name, Consumer<HistoryItem> action) {
        list.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key, 0), name);
        list.getActionMap().put(name, new AbstractAction(name) {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                if (actions != null) {
                    selected().ifPresent(action);
                }
            }
        });
    }

    private MouseAdapter popupOpener() {
        return new MouseAdapter() {
            @Override public void mousePressed(MouseEvent e) { maybePopup(e); }
            @Override public void mouseReleased(MouseEvent e) { maybePopup(e); }

            private void maybePopup(MouseEvent e) {
                int index = list.locationToIndex(e.getPoint());
                if (e.isPopupTrigger() && index >= 0) {
                    list.setSelectedIndex(index);
                    JPopupMenu menu = new JPopupMenu();
                    for (JButton b : new JButton[] {apply, save, reuse, copy, discard}) {
                        Action a = new AbstractAction(b.getText(), b.getIcon()) {
                            private static final long serialVersionUID = 1L;

                            @Override
                            public void actionPerformed(java.awt.event.ActionEvent ev) {
                                b.doClick();
                            }
                        };
                        menu.add(a);
                    }
                    menu.show(list, e.getX(), e.getY());
                }
            }
        };
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (empty != null) {
            empty.setForeground(UiColors.secondaryText());
            frameEmpty();
        }
    }

    private void frameEmpty() {
        empty.setBorder(javax.swing.BorderFactory.createLineBorder(UiColors.ui(Color.GRAY, "Component.borderColor")));
    }

    /** Paints a thumbnail, centred, with a selection frame and a check mark when applied. */
    private static final class Renderer extends JLabel implements ListCellRenderer<HistoryItem> {

        private static final long serialVersionUID = 1L;
        private transient HistoryItem item;
        private boolean selected;
        private Color selection;

        Renderer() {
            setBorder(new EmptyBorder(4, 4, 4, 4));
            setPreferredSize(new Dimension(HistoryItem.THUMB + 8, HistoryItem.THUMB + 8));
        }

        @Override
        public Component getListCellRendererComponent(JList<? extends HistoryItem> list, HistoryItem value,
                                                      int index, boolean isSelected, boolean cellHasFocus) {
            item = value;
            selected = isSelected;
            selection = list.getSelectionBackground();
            setToolTipText(value.describe());
            getAccessibleContext().setAccessibleName(value.describe());
            return this;
        }

        @Override
        protected void paintComponent(Graphics g) {
            Graphics2D g2 = (Graphics2D) g.create();
            try {
                g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                if (selected) {
                    g2.setColor(selection);
                    g2.fillRoundRect(0, 0, getWidth(), getHeight(), 8, 8);
                }
                var t = item.thumbnail();
                int x = (getWidth() - t.getWidth()) / 2;
                int y = (getHeight() - t.getHeight()) / 2;
                g2.drawImage(t, x, y, null);
                if (item.entry().applied()) {
                    paintCheck(g2, x + t.getWidth() - 18, y + t.getHeight() - 18);
                }
            } finally {
                g2.dispose();
            }
        }

        private static void paintCheck(Graphics2D g, int x, int y) {
            g.setColor(UiColors.success());
            g.fillOval(x, y, 16, 16);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.drawPolyline(new int[] {x + 4, x + 7, x + 12}, new int[] {y + 8, y + 11, y + 5}, 3);
        }
    }
}
