package dev.stepcast.panel.settings;

import java.awt.Component;
import java.util.Optional;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;
import net.miginfocom.swing.MigLayout;

/**
 * Asks for a server's password once per session (the answer goes to {@link ServerPasswords}, never to a file).
 *
 * <p><b>Threads:</b> EDT only (modal).
 */
public final class PasswordPrompt {

    private PasswordPrompt() {
    }

    /** Asks for {@code server}'s password; empty when the user cancels. */
    public static Optional<String> ask(Component parent, Settings.ServerPrefs server) {
        JPasswordField field = new JPasswordField(18);
        field.setName("sessionPassword");
        field.getAccessibleContext().setAccessibleName("Password");
        JPanel panel = new JPanel(new MigLayout("insets 0, wrap 1", "[grow, fill]"));
        panel.add(new JLabel("Password of " + server.user() + " on " + server.name() + " (" + server.url() + ")"));
        panel.add(field);
        panel.add(new JLabel("Kept in memory until Stepcast closes; never saved."));
        SwingUtilities.invokeLater(field::requestFocusInWindow);
        int answer = JOptionPane.showConfirmDialog(parent, panel, "Server password", JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.PLAIN_MESSAGE);
        if (answer != JOptionPane.OK_OPTION) {
            return Optional.empty();
        }
        return Optional.of(new String(field.getPassword()));
    }
}
