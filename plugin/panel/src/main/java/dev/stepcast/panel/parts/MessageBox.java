package dev.stepcast.panel.parts;

import java.awt.Color;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JTextArea;
import javax.swing.JPanel;
import javax.swing.UIManager;
import net.miginfocom.swing.MigLayout;

/**
 * The panel's message box: a red box for errors (a yellow one for warnings such as "settings set aside") with the
 * message wrapped to the panel's width, the full text in a tooltip, a Copy button and a Close button. Never shows a
 * stack trace: callers pass a user-facing message.
 *
 * <p>Colours are read from the look and feel at paint time ({@link #updateUI}), so a light/dark switch repaints it
 * correctly. UI defaults read: {@code Component.error.focusedBorderColor}, {@code Component.warning.focusedBorderColor}
 * (FlatLaf), then {@code Actions.Red}, {@code Actions.Yellow} (see {@link UiColors}); {@code Panel.background},
 * {@code Label.foreground}, {@code Label.font}.
 *
 * <p><b>Threads:</b> EDT only.
 */
public final class MessageBox extends JPanel {

    private static final long serialVersionUID = 1L;

    /** How serious a message is. */
    public enum Kind { ERROR, WARNING, INFO }

    private final JTextArea text = new JTextArea();
    private final JButton copy = new JButton("Copy");
    private final JButton close = new JButton("×");
    private final JButton link = new JButton();
    private Kind kind = Kind.ERROR;
    private String message = "";

    public MessageBox() {
        super(new MigLayout("insets 6 8 6 6, gap 4", "[grow, fill][]", "[top]"));
        setName("messageBox");
        text.setName("messageText");
        text.setEditable(false);
        text.setLineWrap(true);
        text.setWrapStyleWord(true);
        text.setOpaque(false);
        text.setFocusable(true);
        text.setRows(0);
        copy.setName("copyMessage");
        copy.setMnemonic('y');
        copy.setToolTipText("Copy the whole message to the clipboard (Alt+Y)");
        copy.getAccessibleContext().setAccessibleName("Copy message");
        close.setName("closeMessage");
        close.setToolTipText("Hide this message");
        close.getAccessibleContext().setAccessibleName("Close message");
        close.putClientProperty("JButton.buttonType", "toolBarButton");
        copy.addActionListener(e -> Toolkit.getDefaultToolkit().getSystemClipboard()
                .setContents(new StringSelection(message), null));
        close.addActionListener(e -> clear());
        link.setName("messageAction");
        link.putClientProperty("JButton.buttonType", "borderless");
        link.setVisible(false);
        add(text, "wmin 0, width 50:100:, hmax 120");
        add(link, "split 3, flowx, aligny top, hidemode 3");
        add(copy, "aligny top, hidemode 3");
        add(close, "aligny top");
        setVisible(false);
        updateColours();
    }

    /** Shows {@code userMessage} as an error. */
    public void showError(String userMessage) {
        show(Kind.ERROR, userMessage);
    }

    /** Shows {@code userMessage} as a warning. */
    public void showWarning(String userMessage) {
        show(Kind.WARNING, userMessage);
    }

    /**
     * Shows a confirmation ("Saved … in …") in neutral colours, with {@code action} as a link button next to it
     * (e.g. Undo), or none when {@code action} is {@code null}.
     */
    public void showInfo(String userMessage, javax.swing.Action action) {
        show(Kind.INFO, userMessage);
        link.setAction(action);
        link.setVisible(action != null);
        copy.setVisible(false);
    }

    /** Shows a message of the given kind; an empty message hides the box. */
    public void show(Kind newKind, String userMessage) {
        link.setAction(null);
        link.setVisible(false);
        copy.setVisible(true);
        if (userMessage == null || userMessage.isBlank()) {
            clear();
            return;
        }
        kind = newKind;
        message = userMessage;
        text.setText(userMessage);
        text.setCaretPosition(0);
        String prefix = switch (kind) {
            case ERROR -> "Error: ";
            case WARNING -> "Warning: ";
            case INFO -> "";
        };
        setToolTipText("<html><p width=420>" + escape(userMessage) + "</p></html>");
        text.setToolTipText(getToolTipText());
        getAccessibleContext().setAccessibleName(prefix + userMessage);
        updateColours();
        setVisible(true);
        revalidate();
    }

    /** Hides the box. */
    public void clear() {
        message = "";
        link.setAction(null);
        text.setText("");
        setVisible(false);
        revalidate();
    }

    /** The message shown, "" when hidden. */
    public String message() {
        return message;
    }

    /** The kind of the message shown. */
    public Kind kind() {
        return kind;
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (text != null) {
            updateColours();
        }
    }

    private void updateColours() {
        Color accent = switch (kind) {
            case ERROR -> UiColors.error();
            case WARNING -> UiColors.warning();
            case INFO -> UiColors.accent();
        };
        setBackground(UiColors.mix(UiColors.background(), accent, 0.16f));
        setBorder(BorderFactory.createMatteBorder(1, 4, 1, 1, accent));
        text.setForeground(UiColors.text());
        java.awt.Font font = UIManager.getFont("Label.font");
        if (font != null) {
            text.setFont(font.deriveFont(font.getSize2D()));
        }
        text.setBorder(BorderFactory.createEmptyBorder());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
    }
}
