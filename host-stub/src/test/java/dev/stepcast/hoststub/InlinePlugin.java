package dev.stepcast.hoststub;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.EditorPlugin;
import javax.swing.Icon;
import javax.swing.JComponent;
import javax.swing.JLabel;

/**
 * A plugin defined in the test code (the host's own class loader), for {@link HostStub#dock}: its panel is a label
 * named {@code <id>.label}; it remembers the host it was started with.
 *
 * <p><b>Threads:</b> event dispatch thread, like every plugin.
 */
final class InlinePlugin implements EditorPlugin {

    private final String id;
    private final String title;
    EditorHost host;
    boolean stopped;

    InlinePlugin(String id, String title) {
        this.id = id;
        this.title = title;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Icon icon() {
        return null;
    }

    @Override
    public JComponent start(EditorHost editorHost) {
        this.host = editorHost;
        JLabel label = new JLabel("Inline plugin " + title, JLabel.CENTER);
        label.setName(id + ".label");
        return label;
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
