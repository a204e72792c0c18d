package dev.stepcast.hoststub;

import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Component;
import java.beans.PropertyChangeListener;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.SwingConstants;

/**
 * The centre of the editor: one tab per open document, each a {@link CanvasView} in a scroll pane, or a hint when no
 * document is open. Selecting a tab makes its document the workspace's active one, and the reverse.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class EditorArea extends JPanel {

    private static final long serialVersionUID = 1L;
    private static final String EMPTY = "empty";
    private static final String TABS = "tabs";

    private final transient Workspace workspace;
    private final JTabbedPane tabs = new JTabbedPane();
    private final SelectionTools tools = new SelectionTools();
    private final CardLayout cards = new CardLayout();
    private final transient PropertyChangeListener zoomForwarder =
            e -> firePropertyChange("zoom", e.getOldValue(), e.getNewValue());

    EditorArea(Workspace workspace) {
        super(new BorderLayout());
        this.workspace = workspace;
        JPanel body = new JPanel(cards);
        JLabel hint = new JLabel("<html><center>No image open<br><br>File \u25B8 Open\u2026 (Ctrl+O), or drop an image"
                + " file here</center></html>", SwingConstants.CENTER);
        hint.setEnabled(false);
        body.add(hint, EMPTY);
        body.add(tabs, TABS);
        add(body, BorderLayout.CENTER);
        add(tools, BorderLayout.NORTH);
        tabs.putClientProperty("JTabbedPane.tabClosable", true);
        tabs.putClientProperty("JTabbedPane.tabCloseCallback",
                (java.util.function.IntConsumer) i -> workspace.close(canvasAt(i).document()));
        tabs.addChangeListener(e -> activateSelectedTab());
        workspace.onOpened(this::addTab);
        workspace.onClosed(this::removeTab);
        workspace.onActiveChanged(this::selectTab);
        cards.show(body, EMPTY);
        workspace.onActiveChanged(d -> cards.show(body, d.isPresent() ? TABS : EMPTY));
    }

    /** The selection tool bar. */
    SelectionTools tools() {
        return tools;
    }

    /** The canvas showing the active document, if any. */
    Optional<CanvasView> activeCanvas() {
        int i = tabs.getSelectedIndex();
        return i < 0 ? Optional.empty() : Optional.of(canvasAt(i));
    }

    private void addTab(Document document) {
        CanvasView canvas = new CanvasView(document, tools);
        canvas.addPropertyChangeListener("zoom", zoomForwarder);
        JScrollPane scroll = new JScrollPane(canvas);
        scroll.setBorder(BorderFactory.createEmptyBorder());
        tabs.addTab(document.name(), scroll);
        tabs.setToolTipTextAt(tabs.getTabCount() - 1, document.file().map(Object::toString).orElse(document.name()));
    }

    private void removeTab(Document document) {
        indexOf(document).ifPresent(tabs::removeTabAt);
    }

    private void selectTab(Optional<Document> document) {
        document.flatMap(this::indexOf).ifPresent(tabs::setSelectedIndex);
        firePropertyChange("zoom", null, activeCanvas().map(CanvasView::zoom).orElse(Double.NaN));
    }

    private void activateSelectedTab() {
        activeCanvas().ifPresent(c -> workspace.setActive(c.document()));
    }

    private Optional<Integer> indexOf(Document document) {
        for (int i = 0; i < tabs.getTabCount(); i++) {
            if (canvasAt(i).document() == document) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private CanvasView canvasAt(int index) {
        Component scroll = tabs.getComponentAt(index);
        return (CanvasView) ((JScrollPane) scroll).getViewport().getView();
    }
}
