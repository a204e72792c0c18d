package dev.stepcast.panel.settings;

import dev.stepcast.engine.ExecutionProvider;
import dev.stepcast.engine.LongPrompt;
import dev.stepcast.engine.onnx.ExecutionProviders;
import dev.stepcast.panel.preview.PreviewMethod;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.swing.AbstractAction;
import javax.swing.DefaultComboBoxModel;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSeparator;
import javax.swing.JSpinner;
import javax.swing.KeyStroke;
import javax.swing.SpinnerNumberModel;
import net.miginfocom.swing.MigLayout;

/**
 * The settings dialog: preview interval (1–50), preview method, "Keep previews refreshing when the editor window is
 * inactive", execution provider, model folders (the picker's recent list), how prompts are read (long prompts chunked
 * like A1111 or truncated like diffusers; A1111's emphasis syntax on or off), the history's size on disk, and the
 * generation servers (add, edit, remove, test; connect/read timeouts, the sdapi poll period). OK returns the edited
 * {@link Settings}; Cancel or Esc returns nothing. Passwords typed here go to {@link ServerPasswords} (memory).
 *
 * <p><b>Threads:</b> EDT only (modal: {@link #edit} returns when the dialog closes); Test runs the
 * {@link ServerTester} on a background thread and shows its one line on the EDT.
 */
public final class SettingsDialog extends JDialog {

    private static final long serialVersionUID = 1L;

    private final JSpinner interval = new JSpinner(new SpinnerNumberModel(1, 1, 50, 1));
    private final JComboBox<PreviewMethod> method = new JComboBox<>(PreviewMethod.choosable());
    private final JCheckBox keepInactive = new JCheckBox("Keep previews refreshing when the editor window is inactive");
    private final ProviderModel providerModel = new ProviderModel();
    private final JComboBox<ExecutionProvider> provider = new JComboBox<>(providerModel);
    private final DefaultListModel<String> folders = new DefaultListModel<>();
    private final JList<String> folderList = new JList<>(folders);
    private final JComboBox<LongPrompt> longPrompt = new JComboBox<>(LongPrompt.values());
    private final JCheckBox emphasis = new JCheckBox("A1111 emphasis: (word:1.3), [word], BREAK");
    private final JSpinner historyMb = new JSpinner(new SpinnerNumberModel(Settings.DEFAULT_HISTORY_MB, 10, 10_000, 10));
    private final DefaultListModel<Settings.ServerPrefs> servers = new DefaultListModel<>();
    private final JList<Settings.ServerPrefs> serverList = new JList<>(servers);
    private final JLabel serverStatus = new JLabel(" ");
    private final JButton testServer = new JButton("Test");
    private final JSpinner connectTimeout = new JSpinner(new SpinnerNumberModel(3, 1, 60, 1));
    private final JSpinner readTimeout = new JSpinner(new SpinnerNumberModel(30, 5, 600, 5));
    private final JSpinner pollMillis = new JSpinner(new SpinnerNumberModel(250, 50, 5000, 50));
    private final transient Settings original;
    private final transient ServerPasswords passwords;
    private final transient ServerTester tester;
    private transient Settings result;
    private int testTicket;

    private SettingsDialog(Window owner, Settings settings, ServerPasswords passwords, ServerTester tester) {
        super(owner, "Stepcast settings", ModalityType.APPLICATION_MODAL);
        this.original = settings;
        this.passwords = passwords;
        this.tester = tester;
        setName("settingsDialog");
        JPanel content = new JPanel(new MigLayout("insets 12 12 12 12, wrap 2, gap 8 6", "[right][grow, fill]",
                ""));
        section(content, "Live previews");
        interval.setName("previewInterval");
        row(content, "Show a preview every", 'v', interval, "Steps between previews, 1–50: 1 shows every step",
                "steps");
        row(content, "Preview method", 'm', method, "Automatic uses a tiny decoder when the model has one, else "
                + "the fast approximation; Full VAE is exact but slow", null);
        keepInactive.setName("keepPreviewsInactive");
        keepInactive.setMnemonic('k');
        keepInactive.setToolTipText("Off: no previews are decoded while you work in another window (progress still "
                + "updates); the current step is shown when you come back");
        content.add(keepInactive, "skip 1");
        section(content, "Model");
        row(content, "Execution provider", 'x', provider, "Where the model runs: Automatic picks a GPU when this build "
                + "has one and falls back to the CPU, saying why. Takes effect when a model is loaded.", null);
        provider.setRenderer(new ProviderRenderer());
        showAvailable(ExecutionProviders.available());
        folderList.setName("modelFolders");
        folderList.setVisibleRowCount(4);
        JLabel foldersLabel = label("Model folders", 'f', folderList);
        content.add(foldersLabel, "aligny top");
        content.add(new JScrollPane(folderList), "hmin 60");
        content.add(folderButtons(), "skip 1");
        promptsSection(content);
        section(content, "History");
        historyMb.setName("historyLimitMb");
        row(content, "Keep results up to (MB)", 'h', historyMb, "The oldest results are deleted when the history "
                + "takes more space on disk than this many megabytes", null);
        serversSection(content);
        content.add(buttons(), "span, right, gaptop 12");
        setContentPane(content);
        load(settings);
        getRootPane().registerKeyboardAction(e -> dispose(), KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        pack();
        setLocationRelativeTo(owner);
    }

    /**
     * Offers only the execution providers this ONNX Runtime build has; the others stay in the list, greyed, with the
     * reason in their tooltip, and cannot be chosen. Automatic and CPU are always there.
     */
    void showAvailable(Set<ExecutionProvider> available) {
        providerModel.available = EnumSet.of(ExecutionProvider.AUTO, ExecutionProvider.CPU);
        providerModel.available.addAll(available);
        if (!providerModel.available.contains((ExecutionProvider) provider.getSelectedItem())) {
            provider.setSelectedItem(ExecutionProvider.AUTO);
        }
        provider.repaint();
    }

    /** Why {@code p} cannot be chosen, or {@code null} when it can. */
    String unavailableReason(ExecutionProvider p) {
        return providerModel.available.contains(p) ? null : "This ONNX Runtime build has no " + p.displayName()
                + " provider (it is built for " + providerModel.available.stream()
                .filter(a -> a != ExecutionProvider.AUTO).map(ExecutionProvider::displayName)
                .collect(java.util.stream.Collectors.joining(", ")) + "); a build with " + p.displayName()
                + " support is needed to use it.";
    }

    /** The provider list: an unavailable provider cannot be selected. */
    private static final class ProviderModel extends DefaultComboBoxModel<ExecutionProvider> {
        private static final long serialVersionUID = 1L;
        private EnumSet<ExecutionProvider> available = EnumSet.allOf(ExecutionProvider.class);

        ProviderModel() {
            super(ExecutionProvider.values());
        }

        @Override
        public void setSelectedItem(Object item) {
            if (item == null || available.contains((ExecutionProvider) item)) {
                super.setSelectedItem(item);
            }
        }
    }

    /** Greys unavailable providers and puts the reason in their tooltip. */
    private final class ProviderRenderer extends DefaultListCellRenderer {
        private static final long serialVersionUID = 1L;

        @Override
        public java.awt.Component getListCellRendererComponent(JList<?> list, Object value, int index,
                                                               boolean selected, boolean focused) {
            ExecutionProvider p = (ExecutionProvider) value;
            String why = p == null ? null : unavailableReason(p);
            super.getListCellRendererComponent(list, p == null ? "" : p.displayName()
                    + (why == null ? "" : " — not in this build"), index, selected && why == null, focused);
            setEnabled(why == null);
            setToolTipText(why);
            list.setToolTipText(why);
            return this;
        }
    }

    /** Shows the dialog over {@code owner}; returns the edited settings, or empty when cancelled. */
    public static Optional<Settings> edit(Window owner, Settings settings) {
        return edit(owner, settings, new ServerPasswords(), null);
    }

    /**
     * Shows the dialog over {@code owner}; returns the edited settings, or empty when cancelled.
     *
     * @param passwords this session's server passwords (typed passwords are kept there)
     * @param tester    checks a server for the Test button, or {@code null} for no Test button
     */
    public static Optional<Settings> edit(Window owner, Settings settings, ServerPasswords passwords,
                                          ServerTester tester) {
        SettingsDialog dialog = new SettingsDialog(owner, settings, passwords, tester);
        dialog.setVisible(true);
        return Optional.ofNullable(dialog.result);
    }

    /** Creates the dialog without showing it (tests drive it with a robot). */
    static SettingsDialog create(Window owner, Settings settings) {
        return new SettingsDialog(owner, settings, new ServerPasswords(), null);
    }

    /** Creates the dialog without showing it (tests drive it with a robot). */
    public static SettingsDialog create(Window owner, Settings settings, ServerPasswords passwords,
                                        ServerTester tester) {
        return new SettingsDialog(owner, settings, passwords, tester);
    }

    private void promptsSection(JPanel content) {
        section(content, "Prompts");
        longPrompt.setName("longPrompt");
        longPrompt.setRenderer(new DefaultListCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Component getListCellRendererComponent(JList<?> list, Object value, int index,
                                                                   boolean selected, boolean focused) {
                return super.getListCellRendererComponent(list, value == null ? "" : longPromptLabel(
                        (LongPrompt) value), index, selected, focused);
            }
        });
        row(content, "Long prompts", 'o', longPrompt, "Over 75 tokens: Chunk encodes every 75 tokens and joins them "
                + "(A1111, SD.Next); Truncate keeps the first 75 and drops the rest (diffusers). The token counter "
                + "follows this.", null);
        emphasis.setName("emphasis");
        emphasis.setMnemonic('e');
        String tip = "On: (word) weighs 1.1, [word] 1/1.1, (word:1.3) 1.3 and BREAK starts a new chunk, as in "
                + "A1111. Off: brackets are plain text and count as tokens, as in diffusers.";
        emphasis.setToolTipText(tip);
        emphasis.getAccessibleContext().setAccessibleDescription(tip);
        content.add(emphasis, "skip 1");
    }

    /** What the long prompt choice says in the dialog. */
    public static String longPromptLabel(LongPrompt mode) {
        return switch (mode) {
            case CHUNK -> "Chunk, 75 tokens each (A1111)";
            case TRUNCATE -> "Truncate at 75 tokens (diffusers)";
        };
    }

    private void serversSection(JPanel content) {
        section(content, "Servers");
        serverList.setName("servers");
        serverList.setVisibleRowCount(3);
        serverList.setSelectionMode(javax.swing.ListSelectionModel.SINGLE_SELECTION);
        serverList.addListSelectionListener(e -> serverStatus.setText(" "));
        content.add(label("Servers", 'S', serverList), "aligny top");
        content.add(new JScrollPane(serverList), "hmin 54, wmin 0");
        JPanel row = new JPanel(new MigLayout("insets 0, gap 4"));
        JButton add = new JButton("Add…");
        JButton editButton = new JButton("Edit…");
        JButton remove = new JButton("Remove");
        add.setName("addServer");
        editButton.setName("editServer");
        remove.setName("removeServer");
        testServer.setName("testServer");
        add.setToolTipText("Add an A1111 / SD.Next (sdapi) or ComfyUI server to generate on");
        editButton.setToolTipText("Change the selected server");
        remove.setToolTipText("Remove the selected server from the list (the server is not touched)");
        testServer.setToolTipText("Connect to the selected server and count its checkpoints");
        add.addActionListener(e -> addServer());
        editButton.addActionListener(e -> editServer());
        remove.addActionListener(e -> {
            int i = serverList.getSelectedIndex();
            if (i >= 0) {
                servers.remove(i);
            }
        });
        testServer.addActionListener(e -> testSelectedServer());
        testServer.setVisible(tester != null);
        row.add(add);
        row.add(editButton);
        row.add(remove);
        row.add(testServer);
        content.add(row, "skip 1");
        serverStatus.setName("serverTestResult");
        content.add(serverStatus, "skip 1, wmin 0, growx");
        JPanel timeouts = new JPanel(new MigLayout("insets 0, gap 6", "[70!][]16[70!][]"));
        timeouts.add(connectTimeout, "growx");
        timeouts.add(new JLabel("s to connect"));
        timeouts.add(readTimeout, "growx");
        timeouts.add(new JLabel("s to answer"));
        connectTimeout.setName("connectTimeout");
        readTimeout.setName("readTimeout");
        connectTimeout.getAccessibleContext().setAccessibleName("Connect timeout in seconds");
        readTimeout.getAccessibleContext().setAccessibleName("Read timeout in seconds");
        connectTimeout.setToolTipText("How long to wait for a server to accept a connection, 1–60 s");
        readTimeout.setToolTipText("How long to wait for one answer from a server, 5–600 s");
        JLabel timeoutLabel = new JLabel("Timeouts");
        timeoutLabel.setDisplayedMnemonic('T');
        timeoutLabel.setLabelFor(((JSpinner.DefaultEditor) connectTimeout.getEditor()).getTextField());
        content.add(timeoutLabel);
        content.add(timeouts, "growx 0");
        pollMillis.setName("sdapiPoll");
        row(content, "Progress poll (sdapi, ms)", 'l', pollMillis, "How often, in milliseconds, an A1111 / SD.Next "
                + "server is asked for progress and previews; SD.Next v2 and ComfyUI push them instead", null);
    }

    private java.util.Set<String> serverNamesExcept(int index) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < servers.size(); i++) {
            if (i != index) {
                names.add(servers.get(i).name());
            }
        }
        return names;
    }

    private void addServer() {
        ServerDialog.edit(this, null, null, serverNamesExcept(-1)).ifPresent(edited -> {
            servers.addElement(edited.server());
            passwords.put(edited.server(), edited.password());
            serverList.setSelectedIndex(servers.size() - 1);
        });
    }

    private void editServer() {
        int i = serverList.getSelectedIndex();
        if (i < 0) {
            serverStatus.setText("Select a server to edit.");
            return;
        }
        Settings.ServerPrefs old = servers.get(i);
        ServerDialog.edit(this, old, passwords.get(old).orElse(null), serverNamesExcept(i)).ifPresent(edited -> {
            servers.set(i, edited.server());
            passwords.put(edited.server(), edited.password());
            serverList.setSelectedIndex(i);
        });
    }

    /** Test: connects off the EDT and shows the one line; a newer test or closing the dialog wins. */
    private void testSelectedServer() {
        Settings.ServerPrefs server = serverList.getSelectedValue();
        if (server == null) {
            serverStatus.setText("Select a server to test.");
            return;
        }
        if (passwords.missing(server)) {
            Optional<String> typed = PasswordPrompt.ask(this, server);
            if (typed.isEmpty()) {
                return;
            }
            passwords.put(server, typed.get());
        }
        String password = passwords.get(server).orElse(null);
        Settings.RemotePrefs remote = readRemote();
        int ticket = ++testTicket;
        serverStatus.setText("Connecting to " + server.url() + "…");
        testServer.setEnabled(false);
        javax.swing.SwingWorker<String, Void> test = new javax.swing.SwingWorker<>() {
            @Override
            protected String doInBackground() throws Exception {
                return tester.test(server, password, remote);
            }

            @Override
            protected void done() {
                if (ticket != testTicket) {
                    return;
                }
                testServer.setEnabled(true);
                try {
                    serverStatus.setText(get());
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    serverStatus.setText(cause.getMessage() == null ? server.name() + ": "
                            + cause.getClass().getSimpleName() : cause.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        // its own daemon thread, ended with the test: a slow server never waits behind other background work, and no
        // idle pool thread outlives the dialog (or the plugin)
        Thread thread = new Thread(test, "stepcast-server-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** The Test result line. */
    public String serverStatus() {
        return serverStatus.getText();
    }

    private Settings.RemotePrefs readRemote() {
        return new Settings.RemotePrefs((Integer) connectTimeout.getValue(), (Integer) readTimeout.getValue(),
                (Integer) pollMillis.getValue());
    }

    /** The result after OK, or {@code null}. */
    Settings result() {
        return result;
    }

    private static void section(JPanel p, String title) {
        JLabel l = new JLabel(title);
        l.putClientProperty("FlatLaf.styleClass", "h4");
        p.add(l, "span, split 2, gaptop 6");
        p.add(new JSeparator(), "growx, gaptop 6");
    }

    private static void row(JPanel p, String text, char mnemonic, JComponent field, String tip, String unit) {
        field.setToolTipText(tip);
        field.getAccessibleContext().setAccessibleDescription(tip);
        p.add(label(text, mnemonic, field));
        if (unit == null) {
            p.add(field, field instanceof JSpinner ? "growx 0, w 80!" : "");
        } else {
            JPanel cell = new JPanel(new MigLayout("insets 0, gap 6", "[80!][]"));
            cell.add(field, "growx");
            cell.add(new JLabel(unit));
            p.add(cell, "growx 0");
        }
    }

    private static JLabel label(String text, char mnemonic, JComponent field) {
        JLabel l = new JLabel(text);
        l.setDisplayedMnemonic(mnemonic);
        l.setLabelFor(field instanceof JSpinner s ? ((JSpinner.DefaultEditor) s.getEditor()).getTextField() : field);
        field.getAccessibleContext().setAccessibleName(text);
        field.setName(field.getName() == null ? text : field.getName());
        return l;
    }

    private JPanel folderButtons() {
        JPanel row = new JPanel(new MigLayout("insets 0, gap 4"));
        JButton add = new JButton("Add…");
        JButton remove = new JButton("Remove");
        add.setMnemonic('A');
        remove.setMnemonic('R');
        add.setToolTipText("Add a model folder to the picker's list");
        remove.setToolTipText("Remove the selected folder from the list (the files stay on disk)");
        add.addActionListener(e -> addFolder());
        remove.addActionListener(e -> folderList.getSelectedValuesList().forEach(folders::removeElement));
        row.add(add);
        row.add(remove);
        return row;
    }

    private JPanel buttons() {
        JPanel row = new JPanel(new MigLayout("insets 0, gap 6"));
        JButton ok = new JButton("OK");
        JButton cancel = new JButton("Cancel");
        ok.setName("settingsOk");
        cancel.setName("settingsCancel");
        ok.addActionListener(e -> {
            result = read();
            dispose();
        });
        cancel.addActionListener(new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                dispose();
            }
        });
        getRootPane().setDefaultButton(ok);
        row.add(ok, "sg b");
        row.add(cancel, "sg b");
        return row;
    }

    private void addFolder() {
        JFileChooser chooser = new JFileChooser();
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setDialogTitle("Add a model folder");
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            String f = chooser.getSelectedFile().toPath().toAbsolutePath().toString();
            if (!folders.contains(f)) {
                folders.add(0, f);
            }
        }
    }

    private void load(Settings s) {
        interval.setValue(s.preview().interval());
        method.setSelectedItem(s.preview().previewMethod());
        keepInactive.setSelected(s.preview().keepWhenInactive());
        provider.setSelectedItem(ExecutionProvider.parse(s.executionProvider()).orElse(ExecutionProvider.AUTO));
        s.modelFolders().forEach(folders::addElement);
        historyMb.setValue(s.historyLimitMb());
        longPrompt.setSelectedItem(s.compat().longPromptMode());
        emphasis.setSelected(s.compat().emphasisOn());
        s.servers().forEach(servers::addElement);
        connectTimeout.setValue(s.remote().connectTimeoutSeconds());
        readTimeout.setValue(s.remote().readTimeoutSeconds());
        pollMillis.setValue(s.remote().pollMillis());
    }

    private Settings read() {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            list.add(folders.get(i));
        }
        String selected = original.selectedModel();
        if (selected != null && !list.contains(selected)) {
            selected = null;
        }
        PreviewMethod m = (PreviewMethod) method.getSelectedItem();
        ExecutionProvider p = (ExecutionProvider) provider.getSelectedItem();
        List<Settings.ServerPrefs> serverPrefs = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            serverPrefs.add(servers.get(i));
        }
        Settings.ServerModel picked = original.selectedServerModel();
        boolean serverKept = picked != null && serverPrefs.stream().anyMatch(sp -> sp.name().equals(picked.server()));
        Settings.ServerModel serverModel = serverKept ? picked : null; // a removed/renamed server: this computer
        return new Settings(Settings.CURRENT_VERSION,
                new Settings.PreviewPrefs((Integer) interval.getValue(), m.name(), keepInactive.isSelected(),
                        original.preview().tinyDecoder()),
                p.name(), list, selected, (Integer) historyMb.getValue(), original.form(), serverPrefs, readRemote(),
                serverModel, Settings.CompatPrefs.of((LongPrompt) longPrompt.getSelectedItem(), emphasis.isSelected()));
    }
}
