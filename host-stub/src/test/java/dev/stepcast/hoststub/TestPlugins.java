package dev.stepcast.hoststub;

import dev.stepcast.testkit.TestJars;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Plugin jars compiled during a test: a tiny {@code EditorPlugin} in package {@code testplugin.<id>}, registered in
 * {@code META-INF/services}, whose panel is a label named {@code <id>.label}. Its {@code stop} sets the system
 * property {@code testplugin.<id>.stopped}.
 *
 * <p><b>Threads:</b> any thread (the jar is built off the EDT).
 */
final class TestPlugins {

    /** A start body that returns the plugin's normal panel. */
    static final String NORMAL_START = "JPanel p = new JPanel(new java.awt.BorderLayout());"
            + " JLabel l = new JLabel(\"Hello from \" + title(), SwingConstants.CENTER); l.setName(id() + \".label\");"
            + " p.add(l); return p;";

    private TestPlugins() {
    }

    /** Builds {@code <folder>/<fileName>} with a plugin whose start runs {@code startBody}. */
    static Path jar(Path folder, String fileName, String id, String title, String startBody) throws IOException {
        return jar(folder, fileName, id, title, startBody,
                "System.setProperty(\"testplugin.\" + id() + \".stopped\", \"true\");");
    }

    /** Builds {@code <folder>/<fileName>} with a plugin whose start runs {@code startBody} and stop {@code stopBody}. */
    static Path jar(Path folder, String fileName, String id, String title, String startBody, String stopBody)
            throws IOException {
        String className = "testplugin." + id + ".TestPlugin";
        String source = """
                package testplugin.%1$s;
                import dev.stepcast.host.EditorHost;
                import dev.stepcast.host.EditorPlugin;
                import javax.swing.*;
                public class TestPlugin implements EditorPlugin {
                    public String id() { return "%1$s"; }
                    public String title() { return "%2$s"; }
                    public Icon icon() { return null; }
                    public JComponent start(EditorHost host) throws Exception { %3$s }
                    public void stop() { %4$s }
                }
                """.formatted(id, title, startBody, stopBody);
        return TestJars.builder()
                .source(className, source)
                .resource("META-INF/services/dev.stepcast.host.EditorPlugin", className + "\n")
                .build(folder.resolve(fileName));
    }

    /** Builds a jar with a plugin that docks a normal panel. */
    static Path normal(Path folder, String id, String title) throws IOException {
        return jar(folder, id + ".jar", id, title, NORMAL_START);
    }
}
