package dev.stepcast.app;

import dev.stepcast.engine.io.AtomicFiles;
import dev.stepcast.icons.StepcastIcons;
import dev.stepcast.plugin.StepcastPlugin;
import java.awt.BorderLayout;
import java.awt.Desktop;
import java.awt.EventQueue;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.imageio.ImageIO;
import javax.swing.ButtonGroup;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.KeyStroke;
import javax.swing.WindowConstants;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * Stepcast without an editor: the same jar run with no subcommand opens the panel in its own window with a minimal
 * built-in host ({@link StandaloneHost}: results are saved to a folder and shown in the history; "apply" saves the
 * image and opens it in the system viewer). It installs FlatLaf itself — light or dark following the system, or as
 * chosen in View — which a plugin never does.
 *
 * <p>Folders: data (settings, history) in the system property {@code stepcast.home} if set, else the platform's
 * user data folder ({@code $XDG_DATA_HOME/stepcast}, {@code ~/.local/share/stepcast},
 * {@code ~/Library/Application Support/Stepcast}, {@code %APPDATA%\Stepcast}); applied results in
 * {@code ~/Pictures/Stepcast} when {@code ~/Pictures} exists and {@code stepcast.home} is not set, else
 * {@code <data>/outputs}. The theme choice is kept in {@code <data>/standalone.properties}.
 *
 * <p><b>Threads:</b> {@link #open()} from any thread (it builds the window on the EDT and returns);
 * {@link #openOnEdt} on the EDT.
 */
public final class StandaloneLauncher {

    private static final System.Logger LOG = System.getLogger(StandaloneLauncher.class.getName());
    private static final String THEME_KEY = "theme";

    private StandaloneLauncher() {
    }

    /** Opens the standalone window with the default folders; returns once it is shown. Any thread. */
    public static void open() {
        Path data = defaultDataHome();
        boolean systemDark = ThemeChoice.systemPrefersDark();
        Runnable show = () -> openOnEdt(data, defaultOutputs(data), systemDark, true);
        try {
            if (EventQueue.isDispatchThread()) {
                show.run();
            } else {
                EventQueue.invokeAndWait(show);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Could not open the Stepcast window: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * Installs FlatLaf, builds and shows the window. EDT.
     *
     * @param dataHome     where the plugin data folder goes
     * @param outputs      where applied results are saved
     * @param systemDark   whether the system prefers dark (for "Follow the system")
     * @param openInViewer whether "apply" opens saved results in the system viewer
     * @return the window's host (its frame is {@code mainWindow()})
     */
    public static StandaloneHost openOnEdt(Path dataHome, Path outputs, boolean systemDark, boolean openInViewer) {
        return openOnEdt(dataHome, outputs, systemDark, openInViewer ? StandaloneHost.Revealer.DESKTOP : null);
    }

    /** As {@link #openOnEdt(Path, Path, boolean, boolean)}, with the way "apply" reveals a saved file. EDT. */
    public static StandaloneHost openOnEdt(Path dataHome, Path outputs, boolean systemDark,
                                           StandaloneHost.Revealer revealer) {
        Properties prefs = loadPrefs(dataHome);
        ThemeChoice theme = ThemeChoice.parse(prefs.getProperty(THEME_KEY));
        ThemeChoice.install(theme.isDark(systemDark));
        JFrame frame = new JFrame("Stepcast");
        frame.setName("stepcastStandalone");
        frame.setIconImages(StepcastIcons.appImages());
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        StandaloneHost host = new StandaloneHost(frame, dataHome, outputs, revealer);
        StepcastPlugin plugin = new StepcastPlugin();
        JPanel content = new JPanel(new BorderLayout());
        content.add(plugin.start(host), BorderLayout.CENTER);
        content.add(host.statusLine(), BorderLayout.SOUTH);
        frame.setContentPane(content);
        frame.setJMenuBar(menus(frame, host, dataHome, prefs, theme, systemDark));
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                plugin.stop();
            }
        });
        frame.setSize(560, 940);
        frame.setLocationByPlatform(true);
        frame.setVisible(true);
        return host;
    }

    private static JMenuBar menus(JFrame frame, StandaloneHost host, Path dataHome, Properties prefs,
                                  ThemeChoice current, boolean systemDark) {
        JMenu file = new JMenu("File");
        file.setMnemonic('F');
        JMenuItem open = new JMenuItem("Open source image…");
        open.setMnemonic('O');
        open.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_O, java.awt.Toolkit.getDefaultToolkit()
                .getMenuShortcutKeyMaskEx()));
        open.setToolTipText("The image that Image to image starts from");
        open.addActionListener(e -> openSource(frame, host));
        JMenuItem outputs = new JMenuItem("Show the output folder");
        outputs.setMnemonic('S');
        outputs.addActionListener(e -> showFolder(host));
        JMenuItem quit = new JMenuItem("Close");
        quit.setMnemonic('C');
        quit.addActionListener(e -> frame.dispose());
        file.add(open);
        file.add(outputs);
        file.addSeparator();
        file.add(quit);

        JMenu view = new JMenu("View");
        view.setMnemonic('V');
        ButtonGroup group = new ButtonGroup();
        for (ThemeChoice choice : ThemeChoice.values()) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(choice.label(), choice == current);
            item.setName("theme-" + choice.name().toLowerCase(java.util.Locale.ROOT));
            item.addActionListener(e -> {
                ThemeChoice.install(choice.isDark(systemDark));
                prefs.setProperty(THEME_KEY, choice.name());
                savePrefs(dataHome, prefs);
            });
            group.add(item);
            view.add(item);
        }
        JMenuBar bar = new JMenuBar();
        bar.add(file);
        bar.add(view);
        return bar;
    }

    private static void openSource(JFrame frame, StandaloneHost host) {
        JFileChooser chooser = new JFileChooser();
        chooser.setFileFilter(new FileNameExtensionFilter("Images (PNG, JPEG)", "png", "jpg", "jpeg"));
        if (chooser.showOpenDialog(frame) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        try {
            BufferedImage image = ImageIO.read(chooser.getSelectedFile());
            if (image == null) {
                host.showMessage(dev.stepcast.host.EditorHost.MessageKind.ERROR, "Not an image",
                        chooser.getSelectedFile() + " is not an image Stepcast can read (PNG or JPEG).");
                return;
            }
            host.setSource(image, chooser.getSelectedFile().getName());
        } catch (IOException e) {
            host.showMessage(dev.stepcast.host.EditorHost.MessageKind.ERROR, "Could not open the image",
                    "Could not read " + chooser.getSelectedFile() + ": " + e.getMessage());
        }
    }

    private static void showFolder(StandaloneHost host) {
        try {
            Files.createDirectories(host.outputFolder());
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                Desktop.getDesktop().open(host.outputFolder().toFile());
                return;
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Cannot open " + host.outputFolder(), e);
        }
        host.note("Applied results are saved in " + host.outputFolder());
    }

    /** The data folder: {@code stepcast.home}, else the platform's user data folder. */
    public static Path defaultDataHome() {
        String property = System.getProperty("stepcast.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return appData == null ? home.resolve("AppData/Roaming/Stepcast") : Path.of(appData, "Stepcast");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Stepcast");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "stepcast") : home.resolve(".local/share/stepcast");
    }

    static Path defaultOutputs(Path dataHome) {
        Path pictures = Path.of(System.getProperty("user.home"), "Pictures");
        boolean custom = System.getProperty("stepcast.home") != null;
        return !custom && Files.isDirectory(pictures) ? pictures.resolve("Stepcast") : dataHome.resolve("outputs");
    }

    private static Properties loadPrefs(Path dataHome) {
        Properties p = new Properties();
        Path file = dataHome.resolve("standalone.properties");
        if (Files.isRegularFile(file)) {
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot read " + file, e);
            }
        }
        return p;
    }

    private static void savePrefs(Path dataHome, Properties p) {
        Path file = dataHome.resolve("standalone.properties");
        try {
            AtomicFiles.write(file, out -> p.store(out, "Stepcast standalone window"));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot write " + file, e);
        }
    }

    /** Opens the window (for running this class directly). */
    public static void main(String[] args) {
        open();
    }
}
