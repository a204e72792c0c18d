package dev.stepcast.panel;

import dev.stepcast.host.EditorHost;
import dev.stepcast.panel.parts.ActionBar;
import dev.stepcast.panel.parts.HistoryStrip;
import dev.stepcast.panel.parts.MessageBox;
import dev.stepcast.panel.parts.ModelBar;
import dev.stepcast.panel.parts.ParametersPart;
import dev.stepcast.panel.parts.PromptArea;
import dev.stepcast.panel.parts.SectionHeader;
import dev.stepcast.panel.parts.SourcePart;
import dev.stepcast.panel.preview.ActivitySignal;
import dev.stepcast.panel.parts.PreviewArea;
import java.awt.Dimension;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import net.miginfocom.swing.MigLayout;

/**
 * The Stepcast panel: model bar and message box on top; then the form — prompts, parameters, source, the
 * preview/result view and the history strip — which scrolls when the dock is short; and Generate/Cancel with the
 * progress bar at the bottom, always visible. Ctrl+Enter generates and Esc cancels from anywhere in the panel; a PNG dropped on it restores
 * its settings.
 *
 * <p>It keeps its settings ({@code settings.json}) and history ({@code history/}) in the host's plugin data folder
 * for {@value #PLUGIN_ID}. The behaviour lives in small collaborators: {@link PanelController} (model, generation,
 * history, settings), {@link FormBinding}, {@link ResultActions}.
 *
 * <p><b>Threads:</b> EDT only. Create on the EDT; call {@link #shutdown()} on the EDT when the plugin stops.
 */
public final class StepcastPanel extends JPanel {

    private static final long serialVersionUID = 1L;

    /** The plugin id: the data folder's name. */
    public static final String PLUGIN_ID = "stepcast";

    final ModelBar modelBar = new ModelBar();
    final MessageBox messages = new MessageBox();
    final PromptArea prompts = new PromptArea();
    final ParametersPart parameters = new ParametersPart();
    final SourcePart source = new SourcePart();
    final ActionBar actions = new ActionBar();
    final PreviewArea preview = new PreviewArea();
    final HistoryStrip history = new HistoryStrip();
    final SectionHeader parametersHeader = new SectionHeader("Parameters", parameters, parameters::summary);
    final SectionHeader sourceHeader = new SectionHeader("Source", source, source::summary);
    private final transient PanelController controller;
    private transient JComponent form;
    /** Ctrl+Enter and Esc wherever the focus is in the panel, before a field's own binding can take them. */
    private final transient java.awt.KeyEventDispatcher shortcuts = this::shortcut;
    /** Tabbing to a control of the scrolling form scrolls it into view. */
    private final transient java.beans.PropertyChangeListener scrollToFocus = e -> {
        if (e.getNewValue() instanceof JComponent c && this.form != null
                && SwingUtilities.isDescendingFrom(c, this.form)) {
            // On the form, not the field: a text field's scrollRectToVisible scrolls its own text.
            this.form.scrollRectToVisible(SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), this.form));
        }
    };

    /** Builds the panel in {@code host}; starts loading the model and the history in the background. */
    public StepcastPanel(EditorHost host) {
        super(new MigLayout("insets 8, gap 0 6, fill, wrap 1", "[grow, fill]", "[][][grow, fill][]"));
        setName("stepcastPanel");
        getAccessibleContext().setAccessibleName("Stepcast");
        Path data = host.pluginDataFolder(PLUGIN_ID);
        add(modelBar);
        add(messages, "hidemode 3");
        add(content(), "grow, hmin 100, wmin 0");
        add(actions, "wmin 0");
        controller = new PanelController(this, host, data, ActivitySignal.of(host, this));
        actions.setResultActions(history.applyAction(), history.discardAction());
        bindKeys();
        PngDropHandler.install(this, controller::restoreFromPng);
        PngDropHandler.install(preview, controller::restoreFromPng);
        PngDropHandler.install(preview.view(), controller::restoreFromPng);
        PngDropHandler.install(prompts.promptField(), controller::restoreFromPng);
        PngDropHandler.install(prompts.negativeField(), controller::restoreFromPng);
        setFocusTraversalPolicyProvider(true);
        setFocusTraversalPolicy(new GenerateEarlyPolicy());
        java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(shortcuts);
        java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().addPropertyChangeListener("focusOwner",
                scrollToFocus);
        controller.start();
    }

    /**
     * Ctrl+Enter generates and Esc (while a run is on) cancels with the focus anywhere in the panel, also in
     * spinners, combo boxes and lists whose own bindings would take the key first. Other keys pass on.
     */
    private boolean shortcut(java.awt.event.KeyEvent e) {
        if (e.getID() != java.awt.event.KeyEvent.KEY_PRESSED || !isShowing()) {
            return false;
        }
        java.awt.Component focus = java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
        if (focus == null || !javax.swing.SwingUtilities.isDescendingFrom(focus, this)) {
            return false;
        }
        boolean ctrl = (e.getModifiersEx() & (InputEvent.CTRL_DOWN_MASK | InputEvent.META_DOWN_MASK)) != 0;
        if (e.getKeyCode() == KeyEvent.VK_ENTER && ctrl && (e.getModifiersEx() & InputEvent.SHIFT_DOWN_MASK) == 0) {
            e.consume();
            controller.generate();
            return true;
        }
        if (e.getKeyCode() == KeyEvent.VK_ESCAPE && e.getModifiersEx() == 0 && controller.isGenerating()) {
            e.consume();
            controller.cancel();
            return true;
        }
        return false;
    }

    /**
     * The panel's Tab order: the layout's, except that Generate (and Apply next to it) follow the prompt, so a
     * painter reaches Generate with one Tab from the prompt, as in A1111.
     */
    private final class GenerateEarlyPolicy extends javax.swing.LayoutFocusTraversalPolicy {
        private static final long serialVersionUID = 1L;

        private java.util.List<java.awt.Component> order(java.awt.Container root) {
            java.util.List<java.awt.Component> list = new java.util.ArrayList<>();
            java.awt.Component first = super.getFirstComponent(root);
            for (java.awt.Component c = first; c != null && !list.contains(c) && list.size() < 500;
                 c = super.getComponentAfter(root, c)) {
                list.add(c);
            }
            java.util.List<java.awt.Component> early = new java.util.ArrayList<>();
            for (java.awt.Component c : new java.awt.Component[] {actions.generateButton(),
                actions.applyLatestButton()}) {
                if (list.remove(c)) {
                    early.add(c);
                }
            }
            int at = list.indexOf(prompts.promptField());
            list.addAll(at < 0 ? 0 : at + 1, early);
            return list;
        }

        /** After {@code c}; {@code null} past the last, so Tab leaves the panel into the host's order. */
        @Override
        public java.awt.Component getComponentAfter(java.awt.Container root, java.awt.Component c) {
            if (root != StepcastPanel.this) {
                return super.getComponentAfter(root, c);
            }
            java.util.List<java.awt.Component> list = order(root);
            int i = list.indexOf(c);
            if (i < 0) {
                return super.getComponentAfter(root, c);
            }
            return i + 1 < list.size() ? list.get(i + 1) : null;
        }

        @Override
        public java.awt.Component getComponentBefore(java.awt.Container root, java.awt.Component c) {
            if (root != StepcastPanel.this) {
                return super.getComponentBefore(root, c);
            }
            java.util.List<java.awt.Component> list = order(root);
            int i = list.indexOf(c);
            if (i < 0) {
                return super.getComponentBefore(root, c);
            }
            return i > 0 ? list.get(i - 1) : null;
        }
    }

    private JScrollPane content() {
        FormPanel form = new FormPanel();
        this.form = form;
        // wmin 0 everywhere: no part's minimum may widen the form past a narrow dock (it would push every row out).
        form.add(prompts, "grow 30, hmin 120, wmin 0");
        form.add(parametersHeader, "gaptop 6, wmin 0");
        form.add(parameters, "wmin 0");
        form.add(sourceHeader, "gaptop 6, wmin 0");
        form.add(source, "wmin 0");
        form.add(FormPanel.section("Result"), "gaptop 6");
        preview.setPreferredSize(new Dimension(200, 200));
        form.add(preview, "grow 70, hmin 140, wmin 0");
        form.add(history, "wmin 0");
        JScrollPane scroll = new JScrollPane(form, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED,
                JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        // An empty border, not null: with null, a theme switch (updateUI) would put the look and feel's frame back.
        scroll.setBorder(javax.swing.BorderFactory.createEmptyBorder());
        scroll.setName("formScroll");
        scroll.getVerticalScrollBar().setUnitIncrement(16);
        return scroll;
    }

    private void bindKeys() {
        Action generate = action("generate", controller::generate);
        Action cancel = action("cancel", controller::cancel);
        KeyStroke ctrlEnter = KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, InputEvent.CTRL_DOWN_MASK);
        KeyStroke esc = KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0);
        getInputMap(WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(ctrlEnter, "stepcast.generate");
        getInputMap(WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(esc, "stepcast.cancel");
        getActionMap().put("stepcast.generate", generate);
        getActionMap().put("stepcast.cancel", cancel);
        prompts.bindInFields(ctrlEnter, "stepcast.generate", generate);
        KeyStroke ctrlZ = KeyStroke.getKeyStroke(KeyEvent.VK_Z, InputEvent.CTRL_DOWN_MASK);
        getInputMap(WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(ctrlZ, "stepcast.undoDiscard");
        getActionMap().put("stepcast.undoDiscard", controller.undoDiscardAction());
        actions.generateButton().addActionListener(e -> controller.generate());
        actions.cancelButton().addActionListener(e -> controller.cancel());
    }

    private static Action action(String name, Runnable r) {
        return new AbstractAction(name) {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                r.run();
            }
        };
    }

    /** Rewrites the folded sections' summaries (after Reuse or a dropped PNG changed the form). */
    void refreshSummaries() {
        parametersHeader.refresh();
        sourceHeader.refresh();
    }

    /** The controller (tests and the plugin use it). */
    public PanelController controller() {
        return controller;
    }

    /** Cancels a running generation, saves the settings, closes the model and the history. EDT; once. */
    public void shutdown() {
        java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().removeKeyEventDispatcher(shortcuts);
        java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().removePropertyChangeListener("focusOwner",
                scrollToFocus);
        controller.shutdown();
    }

    /** The form area: tracks the viewport's width, and its height when there is room. */
    static final class FormPanel extends JPanel implements javax.swing.Scrollable {
        private static final long serialVersionUID = 1L;

        FormPanel() {
            super(new MigLayout("insets 0 0 4 4, gap 0 4, fill, wrap 1, hidemode 3", "[grow, fill]",
                    "[grow 30, fill][][][][][][grow 70, fill][]"));
            setOpaque(false);
        }

        static JComponent section(String title) {
            JPanel p = new JPanel(new MigLayout("insets 0, gap 6", "[][grow, fill]"));
            p.setOpaque(false);
            javax.swing.JLabel label = new javax.swing.JLabel(title);
            label.putClientProperty("FlatLaf.styleClass", "h4");
            p.add(label);
            p.add(new javax.swing.JSeparator(), "growx");
            return p;
        }

        @Override
        public Dimension getPreferredScrollableViewportSize() {
            return getPreferredSize();
        }

        @Override
        public int getScrollableUnitIncrement(java.awt.Rectangle r, int orientation, int direction) {
            return 16;
        }

        @Override
        public int getScrollableBlockIncrement(java.awt.Rectangle r, int orientation, int direction) {
            return r.height - 16;
        }

        @Override
        public boolean getScrollableTracksViewportWidth() {
            return true;
        }

        @Override
        public boolean getScrollableTracksViewportHeight() {
            // Fill a tall dock; in a short one keep the preferred height and scroll (squeezing clips the rows).
            return getParent() != null && getParent().getHeight() >= getPreferredSize().height;
        }
    }
}
