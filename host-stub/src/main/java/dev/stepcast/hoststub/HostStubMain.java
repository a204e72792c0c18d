package dev.stepcast.hoststub;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import javax.swing.SwingUtilities;

/**
 * Starts the host stub: {@code java -jar stepcast-host-stub.jar [--plugins DIR] [--home DIR] [--default-layout]
 * [FILE…]}. The plugins folder defaults to {@code plugins} beside the jar (from the code source; {@code ./plugins}
 * when that cannot be found); files named on the command line are opened as documents. The process exits when the
 * main window closes (plugins may leave threads behind).
 *
 * <p><b>Threads:</b> {@code main} runs on the main thread and builds the editor on the event dispatch thread.
 */
public final class HostStubMain {

    private static final String USAGE = """
            Usage: java -jar stepcast-host-stub.jar [--plugins DIR] [--home DIR] [--default-layout] [FILE...]
              --plugins DIR     load plugin jars from DIR (default: the folder 'plugins' beside this jar)
              --home DIR        keep the layout, settings and plugin data in DIR
                                (default: $XDG_CONFIG_HOME/stepcast-host-stub or ~/.config/stepcast-host-stub)
              --default-layout  ignore the saved window layout
              FILE...           images to open""";

    private HostStubMain() {
    }

    public static void main(String[] args) {
        HostStubOptions options = HostStubOptions.defaults().withPluginsFolder(defaultPluginsFolder());
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--plugins" -> options = options.withPluginsFolder(Path.of(value(args, ++i, "--plugins")));
                case "--home" -> options = options.withHome(Path.of(value(args, ++i, "--home")));
                case "--default-layout" -> options = options.withRestoreLayout(false);
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        fail("unknown option '" + args[i] + "'");
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        HostStubOptions chosen = options;
        SwingUtilities.invokeLater(() -> {
            HostStub stub = HostStub.open(chosen);
            stub.onStuckPlugin(line -> {
                System.err.println(line); // the EDT is stuck in the plugin: quit (layout and settings are saved)
                System.exit(3);
            });
            files.forEach(stub::openFile);
            stub.frame().addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    System.exit(0);
                }
            });
        });
    }

    /** The folder {@code plugins} beside the jar (or classes folder) this class was loaded from, else ./plugins. */
    static Path defaultPluginsFolder() {
        try {
            CodeSource source = HostStubMain.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                Path location = Path.of(source.getLocation().toURI());
                Path beside = (Files.isDirectory(location) ? location : location.getParent()).resolve("plugins");
                return beside;
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            System.getLogger(HostStubMain.class.getName()).log(System.Logger.Level.DEBUG, "no code source", e);
        }
        return Path.of("plugins").toAbsolutePath();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            fail(option + " needs a folder");
        }
        return args[index];
    }

    private static void fail(String problem) {
        System.err.println("stepcast-host-stub: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
