package dev.stepcast.plugin;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.EditorPlugin;
import dev.stepcast.icons.StepcastIcon;
import dev.stepcast.icons.StepcastIcons;
import dev.stepcast.panel.StepcastPanel;
import javax.swing.Icon;
import javax.swing.JComponent;

/**
 * Stepcast as an editor plugin: found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.stepcast.host.EditorPlugin}; {@link #start} returns the {@link StepcastPanel} to dock
 * (the model and history load in the background); {@link #stop} cancels a running generation, saves the settings and
 * closes the model.
 *
 * <p><b>Threads:</b> EDT only, as the port requires.
 */
public final class StepcastPlugin implements EditorPlugin {

    private StepcastPanel panel;

    @Override
    public String id() {
        return StepcastPanel.PLUGIN_ID;
    }

    @Override
    public String title() {
        return "Stepcast";
    }

    @Override
    public Icon icon() {
        return StepcastIcons.get(StepcastIcon.STEPCAST);
    }

    @Override
    public JComponent start(EditorHost host) {
        if (panel != null) {
            throw new IllegalStateException("Stepcast is already started");
        }
        panel = new StepcastPanel(host);
        return panel;
    }

    /** The panel after {@link #start}, or {@code null}. */
    public StepcastPanel panel() {
        return panel;
    }

    @Override
    public void stop() {
        if (panel != null) {
            panel.shutdown();
            panel = null;
        }
    }
}
