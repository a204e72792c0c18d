package dev.stepcast.installer;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stepcast-install}: puts the Stepcast plugin jar into a host's plugins folder, upgrades it, lists and removes
 * it. Exit codes: 0 done; 1 I/O failure (the folder keeps the version it had); 2 refused (folder missing or not
 * writable, jar not a Stepcast plugin) or bad usage.
 *
 * <pre>
 * java -jar stepcast-install.jar install   PLUGINS_FOLDER [--jar stepcast.jar]
 * java -jar stepcast-install.jar uninstall PLUGINS_FOLDER
 * java -jar stepcast-install.jar status    PLUGINS_FOLDER
 * </pre>
 *
 * <p>Thread: the main thread; no shared state.
 */
@Command(name = "stepcast-install", mixinStandardHelpOptions = true, versionProvider = StepcastInstall.Version.class,
        description = "Installs, upgrades and removes the Stepcast plugin jar in a host's plugins folder.",
        subcommands = {StepcastInstall.Install.class, StepcastInstall.Uninstall.class, StepcastInstall.Status.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:I/O failure (the folder keeps what it had)",
                "2:refused: folder missing or not writable, jar not a Stepcast plugin, or bad usage"})
public final class StepcastInstall implements Runnable {

    /** Name of the plugin jar in the app folder, next to {@code stepcast-install.jar}. */
    static final String DEFAULT_JAR_NAME = "stepcast.jar";

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call {@code execute} on it with their own out/err writers). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new StepcastInstall());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println(e instanceof InstallRefusedException ? e.getMessage() : "Failed: " + e.getMessage());
            return e instanceof InstallRefusedException ? InstallRefusedException.EXIT_CODE : 1;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Installs the plugin into PLUGINS_FOLDER as stepcast-<version>.jar and removes any other "
                    + "Stepcast version there (upgrade or downgrade).")
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PLUGINS_FOLDER", description = "The host's plugins folder; must exist.")
        Path folder;

        @Option(names = "--jar", paramLabel = "JAR",
                description = "The Stepcast plugin jar to install (default: " + DEFAULT_JAR_NAME
                        + " next to this installer).")
        Path jar;

        @Override
        public Integer call() throws InstallRefusedException, IOException {
            PluginFolder target = PluginFolder.open(folder);
            PluginJar plugin = sourceJar(jar == null ? defaultJar() : jar);
            List<PluginJar> replaced = target.install(plugin);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Installed Stepcast " + plugin.version() + " as "
                    + target.path().resolve(plugin.installedFileName()));
            for (PluginJar old : replaced) {
                out.println("Removed " + old.path().getFileName() + " (Stepcast " + old.version() + ")");
            }
            out.println("Restart the host to load it.");
            return 0;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Removes every Stepcast plugin jar from PLUGINS_FOLDER.")
    static final class Uninstall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PLUGINS_FOLDER", description = "The host's plugins folder; must exist.")
        Path folder;

        @Override
        public Integer call() throws InstallRefusedException, IOException {
            PluginFolder target = PluginFolder.open(folder);
            List<PluginJar> removed = target.uninstall();
            PrintWriter out = spec.commandLine().getOut();
            if (removed.isEmpty()) {
                out.println("Stepcast is not installed in " + target.path() + "; nothing to remove.");
            }
            for (PluginJar old : removed) {
                out.println("Removed " + old.path().getFileName() + " (Stepcast " + old.version() + ")");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows which Stepcast version is installed in PLUGINS_FOLDER.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PLUGINS_FOLDER", description = "The host's plugins folder.")
        Path folder;

        @Override
        public Integer call() throws InstallRefusedException, IOException {
            Path absolute = folder.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute)) {
                throw new InstallRefusedException("Plugins folder does not exist: " + absolute);
            }
            List<PluginJar> jars = PluginFolder.installedIn(absolute);
            PrintWriter out = spec.commandLine().getOut();
            out.println(jars.isEmpty() ? "Stepcast is not installed in " + absolute
                    : jars.stream().map(j -> "Stepcast " + j.version() + ": " + j.path())
                            .collect(Collectors.joining(System.lineSeparator())));
            return 0;
        }
    }

    static PluginJar sourceJar(Path jar) throws InstallRefusedException {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new InstallRefusedException("Plugin jar not found or not readable: " + absolute
                    + ". Build it with 'mvn -B -q -DskipTests package' or pass --jar.");
        }
        Optional<PluginJar> plugin = PluginJar.read(absolute);
        if (plugin.isEmpty()) {
            throw new InstallRefusedException("Not a Stepcast plugin jar: " + absolute + " (it does not register "
                    + PluginJar.PLUGIN_CLASS + " in " + PluginJar.SERVICE_FILE + ").");
        }
        if (!PluginJar.FILE_NAME.matcher(plugin.get().installedFileName()).matches()) {
            throw new InstallRefusedException("Cannot tell the Stepcast version of " + absolute
                    + ": its manifest has no Implementation-Version and its name is not stepcast-<version>.jar.");
        }
        return plugin.get();
    }

    static Path defaultJar() throws InstallRefusedException {
        CodeSource source = StepcastInstall.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new InstallRefusedException("Cannot find " + DEFAULT_JAR_NAME + " next to the installer; pass --jar.");
        }
        try {
            Path self = Path.of(source.getLocation().toURI());
            Path folder = Files.isDirectory(self) ? self : self.getParent();
            return folder.resolve(DEFAULT_JAR_NAME);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InstallRefusedException("Cannot find " + DEFAULT_JAR_NAME + " next to the installer ("
                    + source.getLocation() + "); pass --jar.");
        }
    }

    /** Prints the installer's version from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StepcastInstall.class.getPackage().getImplementationVersion();
            return new String[] {"stepcast-install " + (version == null ? "(development build)" : version)};
        }
    }
}
