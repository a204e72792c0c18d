package dev.stepcast.panel;

import dev.stepcast.hoststub.HostStub;
import dev.stepcast.hoststub.HostStubOptions;
import dev.stepcast.plugin.StepcastPlugin;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.GuiTest;
import dev.stepcast.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the real host stub (temporary home folder, no plugins folder, no message dialogs) with the Stepcast plugin
 * docked, and waits until the demo model is loaded. The demo model is written once per build into the folder the
 * surefire configuration names with {@code stepcast.cache} (under {@code target/}), never the user's home.
 *
 * <p><b>Threads:</b> test thread; Swing through {@link Edt}.
 */
abstract class PanelGuiTest extends GuiTest {

    /** The first run writes the demo model (about 20 s on two busy cores) before loading it. */
    static final Duration MODEL_TIMEOUT = Duration.ofSeconds(180);
    /** A short generation with the demo model. */
    static final Duration GENERATION_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    HostStub stub;
    StepcastPlugin plugin;
    StepcastPanel panel;
    FrameFixture window;

    /** The host's home folder of this test. */
    Path home() {
        return temp.resolve("home");
    }

    /** Opens the host with the plugin docked and waits for the model. */
    void openHost() {
        stub = Edt.query(() -> HostStub.open(HostStubOptions.defaults().withHome(home()).withLoadPlugins(false)
                .withRestoreLayout(false).withMessageDialogs(false)));
        plugin = new StepcastPlugin();
        boolean docked = Edt.query(() -> stub.dock(plugin));
        panel = Edt.query(plugin::panel);
        if (!docked || panel == null) {
            throw new AssertionError("Stepcast did not dock: " + Edt.query(stub::messages));
        }
        Edt.run(() -> stub.frame().setSize(1400, 960));
        window = new FrameFixture(robot(), stub.frame());
        Waits.until("the demo model is loaded", () -> panel.controller().model() != null, MODEL_TIMEOUT);
    }

    /** Closes the host (stopping the plugin) if open. */
    void closeHost() {
        HostStub s = stub;
        stub = null;
        if (s != null) {
            Edt.run(s::close);
            FileThreads.awaitDone(); // the last settings write runs after close: before the next open or cleanup
        }
    }

    @Override
    protected void onTearDown() {
        closeHost();
    }

    /** Sets a small, fast generation: 6 steps, 256×256, fixed seed, Euler. */
    void fastSettings(long seed) {
        Edt.run(() -> {
            panel.parameters.setStepsAndCfg(6, 7.5);
            panel.parameters.sizeField().setSize(256, 256);
            panel.parameters.setFixedSeed(seed);
            panel.parameters.selectSampler("Euler");
        });
    }

    /** Saves a screenshot of the screen to {@code target/screenshots/name.png} (for failures and the report). */
    static void screenshot(String name) {
        try {
            java.awt.Rectangle screen = new java.awt.Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
            java.awt.image.BufferedImage shot = new java.awt.Robot().createScreenCapture(screen);
            Path dir = Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(dir);
            javax.imageio.ImageIO.write(shot, "png", dir.resolve(name + ".png").toFile());
        } catch (Exception e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    /** Scrolls the component named {@code name} into view and clicks it. */
    void click(String name) {
        var button = window.button(name);
        Edt.run(() -> button.target().scrollRectToVisible(new java.awt.Rectangle(button.target().getSize())));
        robot().waitForIdle();
        button.click();
    }

    /** Presses Ctrl+Enter in the focused component. */
    void ctrlEnter() {
        robot().pressKey(java.awt.event.KeyEvent.VK_CONTROL);
        try {
            robot().pressAndReleaseKey(java.awt.event.KeyEvent.VK_ENTER);
        } finally {
            robot().releaseKey(java.awt.event.KeyEvent.VK_CONTROL);
        }
    }

    /** Waits until the history has {@code n} results and nothing runs. */
    void awaitResults(int n) {
        try {
            Waits.until(n + " result(s) in the history",
                    () -> panel.history.items().size() == n && !panel.controller().isGenerating(), GENERATION_TIMEOUT);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("No result: progress \"" + Edt.query(() -> panel.actions.progressBar().getString())
                    + "\", message \"" + Edt.query(panel.messages::message) + "\", history "
                    + Edt.query(() -> panel.history.items().size()), e);
        }
    }
}
