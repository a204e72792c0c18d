package dev.stepcast.hoststub;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.EditorPlugin;
import javax.swing.Icon;
import javax.swing.JComponent;
import javax.swing.JLabel;

/**
 * A plugin that is on the host's own (test) class path, to check that a jar naming it is not loaded twice.
 *
 * <p><b>Threads:</b> event dispatch thread, like every plugin.
 */
public final class ClassPathPlugin implements EditorPlugin {

    @Override
    public String id() {
        return "classpath";
    }

    @Override
    public String title() {
        return "On the class path";
    }

    @Override
    public Icon icon() {
        return null;
    }

    @Override
    public JComponent start(EditorHost host) {
        return new JLabel("on the class path");
    }

    @Override
    public void stop() {
    }
}
