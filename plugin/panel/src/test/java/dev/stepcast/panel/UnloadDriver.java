package dev.stepcast.panel;

import dev.stepcast.host.EditorHost;
import dev.stepcast.plugin.StepcastPlugin;
import dev.stepcast.testkit.Edt;

/**
 * Drives the plugin inside {@link PluginUnloadTest}'s own class loader: start on a host, one generation with the demo
 * model, stop. Loaded by that loader (never by the test's), so it uses the panel's types directly; the test calls it
 * by reflection and does all waiting itself (a waiting thread started from here would carry this loader's protection
 * domain in its inherited access-control context and pin the loader).
 *
 * <p><b>Threads:</b> the test thread; Swing through {@link Edt}.
 */
public final class UnloadDriver {

    private StepcastPlugin plugin;
    private StepcastPanel panel;

    /** Starts the plugin on {@code host} (on the EDT). */
    public void start(EditorHost host) {
        plugin = new StepcastPlugin();
        Edt.run(() -> plugin.start(host));
        panel = Edt.query(plugin::panel);
    }

    /** Whether the panel's model is loaded. */
    public boolean modelLoaded() {
        return Edt.query(() -> panel.controller().model() != null);
    }

    /** Sets a small fast generation (2 steps, 256×256, fixed seed, Euler) and presses Generate. */
    public void generate() {
        Edt.run(() -> {
            panel.prompts.setPrompts("a quiet harbour", "");
            panel.parameters.setStepsAndCfg(2, 7.5);
            panel.parameters.sizeField().setSize(256, 256);
            panel.parameters.setFixedSeed(5);
            panel.parameters.selectSampler("Euler");
            panel.controller().generate();
        });
    }

    /** The number of results in the history once nothing runs, else -1. */
    public int finishedResults() {
        return Edt.query(() -> panel.controller().isGenerating() ? -1 : panel.history.items().size());
    }

    /** The panel's message line. */
    public String message() {
        return Edt.query(panel.messages::message);
    }

    /** Stops the plugin (on the EDT) and drops it. */
    public void stop() {
        Edt.run(plugin::stop);
        plugin = null;
        panel = null;
    }
}
