package dev.stepcast.panel.settings;

import java.awt.Window;
import java.awt.event.KeyEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import net.miginfocom.swing.MigLayout;

/**
 * Adds or edits one generation server: name, URL, protocol (auto, sdapi, sdnext-v2, comfyui), an optional user and
 * its password. The password goes to {@link ServerPasswords} (this session's memory), never into the settings. A URL
 * typed with credentials ({@code http://user:pass@host:7860}) is split: the user into its field, the password into
 * the password field. A bad URL or a duplicate name is said in one line under the fields; OK stays open until fixed.
 *
 * <p><b>Threads:</b> EDT only (modal).
 */
final class ServerDialog extends JDialog {

    private static final long serialVersionUID = 1L;

    private final JTextField name = new JTextField(18);
    private final JTextField url = new JTextField(24);
    private final JComboBox<String> protocol =
            new JComboBox<>(Settings.ServerPrefs.PROTOCOLS.toArray(String[]::new));
    private final JTextField user = new JTextField(12);
    private final JPasswordField password = new JPasswordField(12);
    private final JLabel problem = new JLabel(" ");
    private final transient Collection<String> takenNames;
    private transient Settings.ServerPrefs result;
    private transient String resultPassword;

    private ServerDialog(Window owner, Settings.ServerPrefs server, String knownPassword,
                         Collection<String> takenNames) {
        super(owner, server == null ? "Add a server" : "Edit server", ModalityType.APPLICATION_MODAL);
        this.takenNames = takenNames;
        setName("serverDialog");
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 2, gap 8 6", "[right][grow, fill]", ""));
        row(content, "Name", 'N', name, "serverName", "What the model picker calls this server, e.g. gpu-box");
        row(content, "URL", 'U', url, "serverUrl", "The server's address, e.g. http://gpu-box:7860 (A1111/SD.Next) "
                + "or http://gpu-box:8188 (ComfyUI)");
        row(content, "Protocol", 'P', protocol, "serverProtocol", "auto detects it; sdapi: A1111 / SD.Next "
                + "(started with --api); sdnext-v2: SD.Next's job API with pushed previews; comfyui: ComfyUI");
        row(content, "User", 'e', user, "serverUser", "Only for a server started with --api-auth user:password");
        row(content, "Password", 'w', password, "serverPassword", "Kept in memory for this session only, never "
                + "saved; Stepcast asks again next time");
        JLabel note = new JLabel("The password is never saved: Stepcast asks once per session.");
        note.putClientProperty("FlatLaf.styleClass", "small");
        content.add(note, "skip 1");
        problem.setName("serverProblem");
        content.add(problem, "span, growx, wmin 0");
        JButton ok = new JButton("OK");
        JButton cancel = new JButton("Cancel");
        ok.setName("serverOk");
        cancel.setName("serverCancel");
        ok.addActionListener(e -> accept());
        cancel.addActionListener(e -> dispose());
        content.add(ok, "span, split 2, right, sg b, gaptop 8");
        content.add(cancel, "sg b");
        getRootPane().setDefaultButton(ok);
        getRootPane().registerKeyboardAction(e -> dispose(), KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        if (server != null) {
            name.setText(server.name());
            url.setText(server.url());
            protocol.setSelectedItem(server.protocol());
            user.setText(server.user() == null ? "" : server.user());
            password.setText(knownPassword == null ? "" : knownPassword);
        }
        setContentPane(content);
        pack();
        setLocationRelativeTo(owner);
    }

    /** What the dialog returned: the server and the password typed (or {@code null}). */
    record Edited(Settings.ServerPrefs server, String password) {
    }

    /** Shows the dialog; empty when cancelled. */
    static Optional<Edited> edit(Window owner, Settings.ServerPrefs server, String knownPassword,
                                 Collection<String> takenNames) {
        ServerDialog dialog = create(owner, server, knownPassword, takenNames);
        dialog.setVisible(true);
        return dialog.edited();
    }

    static ServerDialog create(Window owner, Settings.ServerPrefs server, String knownPassword,
                               Collection<String> takenNames) {
        return new ServerDialog(owner, server, knownPassword, takenNames);
    }

    Optional<Edited> edited() {
        return result == null ? Optional.empty() : Optional.of(new Edited(result, resultPassword));
    }

    private static void row(JPanel p, String text, char mnemonic, JComponent field, String fieldName, String tip) {
        JLabel l = new JLabel(text);
        l.setDisplayedMnemonic(mnemonic);
        l.setLabelFor(field);
        field.setName(fieldName);
        field.setToolTipText(tip);
        field.getAccessibleContext().setAccessibleName(text);
        field.getAccessibleContext().setAccessibleDescription(tip);
        p.add(l);
        p.add(field);
    }

    private void accept() {
        String typed = url.getText().trim();
        if (typed.isEmpty()) {
            problem.setText("Type the server's URL, e.g. http://gpu-box:7860.");
            return;
        }
        String withScheme = typed.contains("://") ? typed : "http://" + typed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            problem.setText("\u201c" + typed + "\u201d is not a URL: " + e.getReason() + ".");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            problem.setText("\u201c" + typed + "\u201d is not an http:// or https:// address with a host.");
            return;
        }
        String info = uri.getRawUserInfo();
        String typedPassword = new String(password.getPassword());
        if (info != null) {
            int colon = info.indexOf(':');
            if (user.getText().isBlank()) {
                user.setText(decode(colon < 0 ? info : info.substring(0, colon)));
            }
            if (colon >= 0 && typedPassword.isEmpty()) {
                typedPassword = decode(info.substring(colon + 1));
            }
        }
        Settings.ServerPrefs server = new Settings.ServerPrefs(name.getText(), withScheme,
                (String) protocol.getSelectedItem(), user.getText());
        if (takenNames.contains(server.name())) {
            problem.setText("There is already a server called \u201c" + server.name() + "\u201d: choose another name.");
            return;
        }
        result = server;
        resultPassword = server.user() == null || typedPassword.isEmpty() ? null : typedPassword;
        dispose();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
