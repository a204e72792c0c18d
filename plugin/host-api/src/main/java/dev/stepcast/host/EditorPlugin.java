package dev.stepcast.host;

import javax.swing.Icon;
import javax.swing.JComponent;

/**
 * A plugin an editor can load: found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.stepcast.host.EditorPlugin} in the plugin's jar, with the plugin's own class loader
 * ({@code ServiceLoader.load(EditorPlugin.class, pluginLoader)}).
 *
 * <p>Lifecycle: the host creates the plugin with its public no-argument constructor, calls {@link #start} once, docks
 * the returned component, and calls {@link #stop} once when the plugin is unloaded or the host closes.
 *
 * <p><b>Threads:</b> every method is called on the event dispatch thread.
 */
public interface EditorPlugin {

    /** A stable identifier, e.g. {@code "stepcast"}; used for the plugin's data folder and the docking layout. */
    String id();

    /** The title of the docked panel, e.g. {@code "Stepcast"}. */
    String title();

    /** A 16×16 icon for the panel's tab, or {@code null}. */
    Icon icon();

    /**
     * Starts the plugin in a host and returns the component to dock. Long work (loading models) must not run here:
     * start it in the background and return at once.
     *
     * @throws Exception anything that prevents the plugin from running; the host reports it and keeps running
     */
    JComponent start(EditorHost host) throws Exception;

    /** Releases everything the plugin holds (threads, native memory, files). Called once, after {@link #start}. */
    void stop();
}
