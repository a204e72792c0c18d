package dev.stepcast.hoststub;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.EditorHost.MessageKind;
import dev.stepcast.host.EditorPlugin;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.swing.Icon;
import javax.swing.JComponent;

/**
 * Starts plugins, wraps their panels as dockables, and stops them. A plugin that throws (or returns no panel) in
 * {@code start}, or throws in {@code stop}, gets a clear message; the host keeps running with its documents intact.
 * While a plugin's {@code start} and {@code stop} run, the thread's context class loader is the plugin's loader (so
 * libraries that look up resources through it find the plugin's own).
 *
 * <p>Each plugin's {@code stop} gets {@link #STOP_DEADLINE}: the port calls it on the EDT, so a plugin that blocks
 * there blocks the whole user interface, and the host cannot take the EDT back. A watchdog thread notices, logs which
 * plugin did not stop, and calls the stuck-plugin action with one line naming it (the host stub's main quits, the
 * layout and documents already saved; an embedding host may do something else).
 *
 * <p><b>Threads:</b> event dispatch thread only, apart from the watchdog thread "host-plugin-stop-watchdog", which only
 * waits and then calls the stuck-plugin action.
 */
final class PluginRuntime {

    /** How long each plugin's {@code stop} may take. */
    static final java.time.Duration STOP_DEADLINE = java.time.Duration.ofSeconds(3);

    private static final System.Logger LOG = System.getLogger(PluginRuntime.class.getName());

    /** A started plugin and its dockable; {@code loader} is null for plugins docked directly (tests). */
    record Running(EditorPlugin plugin, PanelDockable dockable, URLClassLoader loader) {
    }

    private final EditorHost host;
    private final MessageLog messages;
    private final List<Running> running = new ArrayList<>();
    private volatile java.util.function.Consumer<String> stuckAction = line -> { };

    PluginRuntime(EditorHost host, MessageLog messages) {
        this.host = host;
        this.messages = messages;
    }

    /**
     * What to do, on the watchdog thread, when a plugin's {@code stop} has not returned by {@link #STOP_DEADLINE}
     * (after it is logged); gets one line naming the plugin. Default: nothing more.
     */
    void onStuckPlugin(java.util.function.Consumer<String> action) {
        stuckAction = action == null ? line -> { } : action;
    }

    /** The plugins started and not yet stopped, in start order. */
    List<Running> running() {
        return List.copyOf(running);
    }

    /**
     * Starts {@code plugin} and wraps its panel; on failure shows a message and returns empty.
     *
     * @param loader the plugin's own loader (closed when the plugin stops or fails to start), or null
     */
    Optional<PanelDockable> start(EditorPlugin plugin, URLClassLoader loader) {
        String label = label(plugin);
        Optional<String> duplicate = running.stream().map(r -> safeId(r.plugin()))
                .filter(id -> id.equals(safeId(plugin))).findFirst();
        if (duplicate.isPresent()) {
            messages.show(MessageKind.WARNING, "Plugin not started", "The plugin " + label + " was not started: "
                    + "another plugin with the id \u201c" + duplicate.get() + "\u201d is already running.");
            return Optional.empty();
        }
        JComponent panel;
        try {
            panel = withLoader(plugin, () -> plugin.start(host));
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "plugin " + label + " failed to start", e);
            failed(plugin, loader, "could not start: " + describe(e));
            return Optional.empty();
        }
        if (panel == null) {
            failed(plugin, loader, "started but gave no panel to show.");
            return Optional.empty();
        }
        PanelDockable dockable = new PanelDockable("plugin." + safeId(plugin), title(plugin), icon(plugin), panel,
                true, true);
        running.add(new Running(plugin, dockable, loader));
        return Optional.of(dockable);
    }

    /** Stops every running plugin (newest first), reporting failures, and closes their loaders. */
    void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            Running r = running.get(i);
            java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
            startWatchdog(label(r.plugin()), stopped);
            try {
                withLoader(r.plugin(), () -> {
                    r.plugin().stop();
                    return null;
                });
            } catch (Exception | LinkageError e) {
                LOG.log(System.Logger.Level.ERROR, "plugin " + label(r.plugin()) + " failed to stop", e);
                messages.show(MessageKind.ERROR, "Plugin error", "The plugin " + label(r.plugin())
                        + " failed while stopping: " + describe(e) + " It may not have released everything.");
            } finally {
                stopped.countDown();
            }
            if (r.loader() != null) {
                PluginLoader.closeQuietly(r.loader());
            }
        }
        running.clear();
    }

    /** Watches one plugin's stop: past the deadline it logs and tells the stuck-plugin action which plugin hangs. */
    private void startWatchdog(String label, java.util.concurrent.CountDownLatch stopped) {
        Thread watchdog = new Thread(() -> {
            try {
                if (!stopped.await(STOP_DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    String line = "The plugin " + label + " did not stop within " + STOP_DEADLINE.toSeconds()
                            + " s; the editor closes without waiting for it.";
                    LOG.log(System.Logger.Level.ERROR, line);
                    stuckAction.accept(line);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "host-plugin-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void failed(EditorPlugin plugin, URLClassLoader loader, String what) {
        messages.show(MessageKind.ERROR, "Plugin error", "The plugin " + label(plugin) + " " + what
                + "\nThe editor keeps running; your images are not affected.");
        if (loader != null) {
            PluginLoader.closeQuietly(loader);
        }
    }

    /** Something a plugin does that may throw anything. */
    private interface PluginCall<T> {
        T call() throws Exception;
    }

    private static <T> T withLoader(EditorPlugin plugin, PluginCall<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin.getClass().getClassLoader());
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName() + "." : message.strip() + (message.strip().endsWith(".") ? "" : ".");
    }

    static String label(EditorPlugin plugin) {
        return "\u201c" + title(plugin) + "\u201d (" + plugin.getClass().getName() + ")";
    }

    private static String title(EditorPlugin plugin) {
        try {
            String title = plugin.title();
            return title == null || title.isBlank() ? safeId(plugin) : title;
        } catch (RuntimeException | LinkageError e) {
            return safeId(plugin);
        }
    }

    private static String safeId(EditorPlugin plugin) {
        try {
            String id = plugin.id();
            return id == null || id.isBlank() ? plugin.getClass().getName() : id;
        } catch (RuntimeException | LinkageError e) {
            return plugin.getClass().getName();
        }
    }

    private static Icon icon(EditorPlugin plugin) {
        try {
            return plugin.icon();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "plugin " + plugin.getClass().getName() + " icon()", e);
            return null;
        }
    }
}
