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

    /** One command on the selected result: the button, the context menu item and the key binding share it. */
    private final class Command extends AbstractAction {
        private static final long serialVersionUID = 1L;
        private final transient Consumer<HistoryItem> run;

        Command(String text, StepcastIcon icon, char mnemonic, String tip, Consumer<HistoryItem> run) {
            super(text, icon == null ? null : StepcastIcons.get(icon));
            this.run = run;
            putValue(SHORT_DESCRIPTION, tip);
            if (mnemonic != '\0') {
                putValue(MNEMONIC_KEY, (int) Character.toUpperCase(mnemonic));
            }
        }

        @Override
        public void actionPerformed(java.awt.event.ActionEvent e) {
            if (actions != null) {
                selected().ifPresent(run);
            }
        }
    }

    private final DefaultListModel<HistoryItem> model = new DefaultListModel<>();
    private final JList<HistoryItem> list = new JList<>(model);
    private final JLabel empty = new JLabel("Results appear here; they are kept between sessions.");
    private final java.awt.CardLayout cardLayout = new java.awt.CardLayout();
    private final JPanel cards = new JPanel(cardLayout);
    private transient Actions actions;
    private final Command applyCommand = new Command("Apply", StepcastIcon.APPLY, 'A', "Add the selected result to "
            + "the document as a new layer named after its prompt and seed, at the region it was made for (Enter)",
            i -> this.actions.apply(i));
    private final Command saveCommand = new Command("Save as PNG…", StepcastIcon.SAVE, 'v', "Save as PNG… — the "
            + "selected result with its parameters (Alt+V)", i -> this.actions.save(i));
    private final Command reuseCommand = new Command("Reuse", StepcastIcon.REUSE, 'u', "Reuse — put the selected "
            + "result's prompt, settings and seed back into the form (Alt+U)", i -> this.actions.reuse(i));
    private final Command copyCommand = new Command("Copy parameters", null, '\0', "Copy the selected result's "
            + "parameters (A1111 text) to the clipboard", i -> this.actions.copy(i));
    private final Command discardCommand = new Command("Discard", StepcastIcon.DISCARD, '\0', "Discard — remove "
            + "the selected result from the history (Delete; Ctrl+Z brings it back)", i -> this.actions.discard(i));
    private final JButton apply = new JButton(applyCommand);
    private final JButton save = new JButton(saveCommand);
    private final JButton reuse = new JButton(reuseCommand);
    private final JButton copy = new JButton(copyCommand);
    private final JButton discard = new JButton(discardCommand);

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
        bindKey(KeyEvent.VK_ENTER, "apply", applyCommand);
        bindKey(KeyEvent.VK_DELETE, "discard", discardCommand);
        selectionChanged();
    }

    private JPanel buttons() {
        JPanel row = new JPanel(new MigLayout("insets 0, gap 2, fillx", "[][][][][]push"));
        row.setOpaque(false);
        button(apply, "applyResult", false);
        button(save, "saveResult", true);
        button(reuse, "reuseResult", true);
        copy.setText("Copy");
        button(copy, "copyResult", false);
        button(discard, "discardResult", true);
        for (JButton b : new JButton[] {apply, save, reuse, copy, discard}) {
            row.add(b);
        }
        return row;
    }

    private static void button(JButton b, String name, boolean iconOnly) {
        b.setName(name);
        b.getAccessibleContext().setAccessibleName((String) b.getAction().getValue(Action.NAME));
        // Icon-only to fit narrow docks; the action keeps its text for the context menu, the tooltip and the
        // accessible name say what it does.
        b.setHideActionText(iconOnly);
        b.putClientProperty("JButton.buttonType", "toolBarButton");
        b.getAccessibleContext().setAccessibleDescription(b.getToolTipText());
    }

    /** Connects the actions (call once). */
    public void setActions(Actions a) {
        actions = a;
    }

    /** Apply, on the selected result. */
    public Action applyAction() {
        return applyCommand;
    }

    /** Discard, on the selected result. */
    public Action discardAction() {
        return discardCommand;
    }

    /** The commands on the selected result, in menu order (the context menu shows them). */
    public List<Action> commands() {
        return List.of(applyCommand, saveCommand, reuseCommand, copyCommand, discardCommand);
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

    /** Inserts {@code item} at {@code index} (clamped), selects it and scrolls to it (undoing a discard). */
    public void insert(int index, HistoryItem item) {
        int at = Math.max(0, Math.min(index, model.size()));
        model.add(at, item);
        list.setSelectedIndex(at);
        list.ensureIndexIsVisible(at);
        selectionChanged();
    }

    /** The position of the item with the same entry id, or -1. */
    public int indexOf(HistoryItem item) {
        for (int i = 0; i < model.size(); i++) {
            if (model.get(i).entry().id().equals(item.entry().id())) {
                return i;
            }
        }
        return -1;
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
        commands().forEach(c -> c.setEnabled(has));
        cardLayout.show(cards, model.isEmpty() ? "empty" : "list");
        if (has && actions != null) {
            actions.show(list.getSelectedValue());
        }
    }

    private void bindKey(int key, String name, Action action) {
        list.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key, 0), name);
        list.getActionMap().put(name, action);
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
                    menu.setName("historyMenu");
                    commands().forEach(menu::add);
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
