package dev.stepcast.hoststub;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.EditorHost.MessageKind;
import dev.stepcast.host.EditorPlugin;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.WindowConstants;
import javax.swing.undo.UndoManager;

/**
 * The host stub: a small image editor (open/save PNG and JPEG, zoom, layers, rectangular selection, undo) that loads
 * plugins from a folder and docks their panels with ModernDocking. It implements the host port
 * ({@link #host()}), and is what the panel's tests dock into.
 *
 * <pre>{@code
 * HostStub stub = Edt.query(() -> HostStub.open(HostStubOptions.defaults().withHome(tempDir)));
 * Edt.run(() -> stub.dock(new MyPlugin()));
 * ...
 * Edt.run(stub::close);
 * }</pre>
 *
 * <p>One host stub may be open at a time (ModernDocking keeps static state).
 *
 * <p><b>Threads:</b> every method, including {@link #open}, must be called on the event dispatch thread.
 */
public final class HostStub {

    private final HostStubOptions options;
    private final JFrame frame = new JFrame("Stepcast Host Stub");
    private final Workspace workspace = new Workspace();
    private final MessageLog messages;
    private final HostSettings settings;
    private final HostActivity activity;
    private final StubEditorHost host;
    private final EditorArea editorArea;
    private final LayersPanel layersPanel;
    private final PanelDockable layersDockable;
    private final DockLayout dockLayout;
    private final PluginRuntime plugins;
    private final FileCommands files;
    private final StatusBar statusBar = new StatusBar();
    private boolean closed;

    private HostStub(HostStubOptions options) {
        this.options = options;
        this.settings = new HostSettings(options.home());
        Themes.install(settings.darkTheme());
        this.messages = new MessageLog(frame, options.messageDialogs());
        this.activity = new HostActivity(frame);
        this.host = new StubEditorHost(frame, workspace, activity, messages, options.home());
        this.editorArea = new EditorArea(workspace);
        this.layersPanel = new LayersPanel(workspace);
        this.files = new FileCommands(editorArea, workspace, messages, settings);
        this.plugins = new PluginRuntime(host, messages);
        PanelDockable editorDockable = new PanelDockable("editor", "Image", null, editorArea, false, false);
        this.layersDockable = new PanelDockable("layers", "Layers", null, layersPanel, true, true);
        this.dockLayout = new DockLayout(frame, options.home().resolve("layout.xml"), editorDockable, layersDockable);
    }

    /** Opens the editor window, loads the plugins folder (if asked) and docks their panels. */
    public static HostStub open(HostStubOptions options) {
        HostStub stub = new HostStub(options);
        stub.build();
        return stub;
    }

    private void build() {
        frame.setName("hoststub.frame");
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });
        frame.setJMenuBar(new EditorMenus(this).build());
        frame.getContentPane().add(statusBar, BorderLayout.SOUTH);
        editorArea.setTransferHandler(files.dropHandler());
        messages.onMessage(statusBar::message);
        workspace.onActiveChanged(d -> statusBar.document(d, editorArea.activeCanvas().map(CanvasView::zoom)
                .orElse(Double.NaN)));
        editorArea.addPropertyChangeListener("zoom", e -> statusBar.document(workspace.active(),
                (Double) e.getNewValue()));
        dockLayout.install();
        loadPlugins();
        frame.setSize(new Dimension(1280, 820));
        frame.setMinimumSize(new Dimension(640, 420));
        frame.setLocationRelativeTo(null);
        dockLayout.arrange(options.restoreLayout())
                .ifPresent(problem -> messages.show(MessageKind.WARNING, "Window layout", problem));
        frame.setVisible(true);
        activity.start();
        messages.ready();
    }

    private void loadPlugins() {
        if (!options.loadPlugins() || options.pluginsFolder() == null) {
            return;
        }
        PluginLoader.Result result = PluginLoader.load(options.pluginsFolder(), HostStub.class.getClassLoader());
        for (PluginLoader.Found found : result.plugins()) {
            plugins.start(found.plugin(), found.loader()).ifPresent(dockLayout::registerPlugin);
        }
        if (!result.problems().isEmpty()) {
            messages.show(MessageKind.WARNING, "Plugins skipped", String.join("\n", result.problems()));
        }
    }

    /** The main window. */
    public JFrame frame() {
        return frame;
    }

    /** The host port as plugins see it. */
    public EditorHost host() {
        return host;
    }

    /** The options this host stub was opened with. */
    public HostStubOptions options() {
        return options;
    }

    /**
     * Starts {@code plugin} and docks its panel on the right (tabbed with other plugin panels). If the plugin throws
     * in {@code start}, a message is shown and nothing is docked; the host keeps running.
     *
     * @return whether the plugin started and its panel is docked
     */
    public boolean dock(EditorPlugin plugin) {
        Optional<PanelDockable> dockable = plugins.start(plugin, null);
        dockable.ifPresent(dockLayout::addPlugin);
        return dockable.isPresent();
    }

    /** The panel a running plugin returned from {@code start}, found by the plugin's id. */
    public Optional<JComponent> pluginPanel(String pluginId) {
        return plugins.running().stream().filter(r -> pluginId.equals(r.plugin().id()))
                .map(r -> r.dockable().content()).findFirst();
    }

    /** The running plugins, in start order. */
    public List<EditorPlugin> runningPlugins() {
        return plugins.running().stream().map(PluginRuntime.Running::plugin).toList();
    }

    /** The active document, or {@code null} when no document is open. */
    public Document activeDocument() {
        return workspace.active().orElse(null);
    }

    /** The open documents, in the order they were opened. */
    public List<Document> documents() {
        return workspace.documents();
    }

    /** Opens {@code image} as a new document (one layer "Background") and makes it active. */
    public void openDocument(BufferedImage image, String name) {
        workspace.open(Document.of(image, name));
    }

    /** Opens an image file as a new document; on failure shows a message (naming the file) and returns empty. */
    public Optional<Document> openFile(Path file) {
        return files.open(file);
    }

    /** Saves the active document's composite to {@code file} (PNG or JPEG by extension); false (and a message) on failure. */
    public boolean saveActiveAs(Path file) {
        return workspace.active().map(d -> files.saveAs(d, file)).orElse(false);
    }

    /** The active document's undo history, or {@code null} when no document is open. */
    public UndoManager undoManager() {
        return workspace.active().map(Document::undoManager).orElse(null);
    }

    /** Undoes the active document's last layer operation, if any. */
    public void undo() {
        workspace.active().ifPresent(Document::undo);
    }

    /** Redoes the active document's last undone layer operation, if any. */
    public void redo() {
        workspace.active().ifPresent(Document::redo);
    }

    /** Every message shown so far (host's and plugins'), oldest first. */
    public List<MessageLog.Message> messages() {
        return messages.messages();
    }

    /** Switches the look and feel to FlatLaf dark or light, updating every window, and remembers the choice. */
    public void setDarkTheme(boolean dark) {
        Themes.switchTo(dark);
        // panels closed by the user are in no window, so the update of all windows missed them
        plugins.running().forEach(r -> updateIfHidden(r.dockable()));
        updateIfHidden(layersDockable);
        settings.darkTheme(dark);
    }

    private static void updateIfHidden(JComponent panel) {
        if (panel.getParent() == null || !panel.isShowing()) {
            javax.swing.SwingUtilities.updateComponentTreeUI(panel);
        }
    }

    /**
     * What to do when a plugin's {@code stop} blocks past its deadline while the host closes: called on a watchdog
     * thread (the EDT is blocked in the plugin) with one line naming the plugin. Default: log only.
     */
    public void onStuckPlugin(java.util.function.Consumer<String> action) {
        plugins.onStuckPlugin(action);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Stops the plugins (reporting failures), saves the docking layout and disposes the host's windows. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        activity.stop();
        dockLayout.save();
        plugins.stopAll();
        dockLayout.uninstall();
        messages.disposeDialogs();
        frame.dispose();
    }

    // Package-private parts for the menus.

    Workspace workspace() {
        return workspace;
    }

    FileCommands files() {
        return files;
    }

    EditorArea editorArea() {
        return editorArea;
    }

    LayersPanel layersPanel() {
        return layersPanel;
    }

    PanelDockable layersDockable() {
        return layersDockable;
    }

    DockLayout dockLayout() {
        return dockLayout;
    }

    PluginRuntime plugins() {
        return plugins;
    }

    HostActivity activity() {
        return activity;
    }
}
