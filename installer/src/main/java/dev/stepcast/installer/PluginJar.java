package dev.stepcast.installer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * A jar file that holds the Stepcast plugin: it registers {@value #PLUGIN_CLASS} as a
 * {@code dev.stepcast.host.EditorPlugin} service. Its version comes from the manifest's
 * {@code Implementation-Version}, else from a file name {@code stepcast-<version>.jar}.
 *
 * <p>Immutable; thread: any.
 *
 * @param path    the jar file
 * @param version the Stepcast version, e.g. {@code 0.1.0-SNAPSHOT}
 */
public record PluginJar(Path path, String version) {

    /** The plugin entry class every Stepcast plugin jar registers. */
    public static final String PLUGIN_CLASS = "dev.stepcast.plugin.StepcastPlugin";

    /** The service file a host's {@code ServiceLoader} reads. */
    public static final String SERVICE_FILE = "META-INF/services/dev.stepcast.host.EditorPlugin";

    /** The file name Stepcast installs itself under: {@code stepcast-<version>.jar}, version starting with a digit. */
    static final Pattern FILE_NAME = Pattern.compile("stepcast-(\\d[\\w.+-]*)\\.jar");

    /** The name this jar gets in a plugins folder. */
    public String installedFileName() {
        return "stepcast-" + version + ".jar";
    }

    /**
     * Reads a jar and returns it if it is a Stepcast plugin; empty for any other file, including unreadable or
     * corrupt jars (they are not ours, so the installer leaves them alone).
     */
    public static Optional<PluginJar> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            if (!registersStepcastPlugin(jar)) {
                return Optional.empty();
            }
            return Optional.of(new PluginJar(file, version(jar, file)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean registersStepcastPlugin(JarFile jar) throws IOException {
        ZipEntry entry = jar.getEntry(SERVICE_FILE);
        if (entry == null) {
            return false;
        }
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(jar.getInputStream(entry), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(line -> line.replaceFirst("#.*", "").trim())
                    .anyMatch(PLUGIN_CLASS::equals);
        }
    }

    private static String version(JarFile jar, Path file) throws IOException {
        Manifest manifest = jar.getManifest();
        String version = manifest == null ? null
                : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        if (version != null && !version.isBlank() && FILE_NAME.matcher("stepcast-" + version.trim() + ".jar").matches()) {
            return version.trim();
        }
        Matcher matcher = FILE_NAME.matcher(file.getFileName().toString());
        return matcher.matches() ? matcher.group(1) : "unknown";
    }
}
