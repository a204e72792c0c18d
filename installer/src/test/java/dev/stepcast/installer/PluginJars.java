package dev.stepcast.installer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small real jar files for installer tests. Thread: the test thread. */
final class PluginJars {

    private PluginJars() {
    }

    /** A jar that registers the Stepcast plugin service, with {@code version} in its manifest. */
    static Path stepcast(Path file, String version) throws IOException {
        return jar(file, version, PluginJar.PLUGIN_CLASS + "\n");
    }

    /** A jar of some other plugin: it registers a different {@code EditorPlugin}. */
    static Path otherPlugin(Path file) throws IOException {
        return jar(file, "3.0", "org.example.OtherPlugin\n");
    }

    private static Path jar(Path file, String version, String services) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry(PluginJar.SERVICE_FILE));
            jar.write(services.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("version.txt")); // makes each version's bytes differ
            jar.write(("built as " + version + " at " + file).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }
}
