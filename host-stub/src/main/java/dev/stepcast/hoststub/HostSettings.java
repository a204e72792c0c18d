package dev.stepcast.hoststub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The host stub's own settings, kept in {@code <home>/host-stub.properties}. Reads the key {@code theme}
 * ({@code light} | {@code dark}) and {@code lastFolder} (the folder of the last opened or saved image).
 * A missing or unreadable file gives the defaults.
 *
 * <p><b>Threads:</b> event dispatch thread only.
 */
final class HostSettings {

    private static final System.Logger LOG = System.getLogger(HostSettings.class.getName());
    private static final String THEME = "theme";
    private static final String LAST_FOLDER = "lastFolder";

    private final Path file;
    private final Properties values = new Properties();

    HostSettings(Path home) {
        this.file = home.resolve("host-stub.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring unreadable settings " + file, e);
            }
        }
    }

    boolean darkTheme() {
        return "dark".equals(values.getProperty(THEME));
    }

    void darkTheme(boolean dark) {
        values.setProperty(THEME, dark ? "dark" : "light");
        save();
    }

    Path lastFolder() {
        String folder = values.getProperty(LAST_FOLDER);
        return folder == null ? Path.of(System.getProperty("user.home")) : Path.of(folder);
    }

    void lastFolder(Path folder) {
        values.setProperty(LAST_FOLDER, folder.toAbsolutePath().toString());
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, out -> values.store(out, "Stepcast host stub settings"));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot save settings " + file, e);
        }
    }
}
