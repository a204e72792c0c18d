package dev.stepcast.hoststub;

import java.awt.BorderLayout;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;

/**
 * The strip at the bottom of the main window: the newest message (or a hint) on the left, the active document's size
 * and the zoom on the right. Component names (for tests): {@code status.message}, {@code status.document}.
 *
 * <p>Reads the UI default {@code Component.borderColor}.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class StatusBar extends JPanel {

    private static final long serialVersionUID = 1L;

    private final JLabel message = new JLabel("Ready");
    private final JLabel document = new JLabel();

    StatusBar() {
        super(new BorderLayout(12, 0));
        message.setName("status.message");
        document.setName("status.document");
        add(message, BorderLayout.CENTER);
        add(document, BorderLayout.EAST);
        updateUI();
    }

    @Override
    public void updateUI() {
        super.updateUI();
        setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(1, 0, 0, 0, UIManager.getColor("Component.borderColor")),
                BorderFactory.createEmptyBorder(3, 8, 3, 8)));
    }

    /** Shows a message (one line; the full text is the tooltip). */
    void message(MessageLog.Message m) {
        String line = m.text().replace('\n', ' ');
        message.setText(m.title().isBlank() ? line : m.title() + ": " + line);
        message.setToolTipText(m.text());
    }

    /** Shows the active document's size and the zoom (NaN: unknown), or nothing. */
    void document(Optional<Document> active, double zoom) {
        document.setText(active.map(d -> d.width() + " \u00D7 " + d.height() + " px"
                + (Double.isNaN(zoom) ? "" : "   " + Math.round(zoom * 100) + " %")).orElse(""));
    }
}
