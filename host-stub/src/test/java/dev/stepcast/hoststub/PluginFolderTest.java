package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.host.EditorHost.MessageKind;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Component;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** Plugins are found as jars in a plugins folder, each in its own class loader, and docked on the right. */
class PluginFolderTest extends HostStubTestBase {

    @Test
    void should_find_a_plugin_jar_built_during_the_test_in_the_plugins_folder_and_dock_it_on_the_right()
            throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPlugins.normal(plugins, "hello", "Hello Panel");

        HostStub stub = open(options().withPluginsFolder(plugins));

        Waits.until("the plugin's label shows", () -> stub.pluginPanel("hello")
                .flatMap(p -> find(p, "hello.label")).map(Component::isShowing).orElse(false));
        Edt.run(() -> {
            JLabel label = (JLabel) find(stub.pluginPanel("hello").orElseThrow(), "hello.label").orElseThrow();
            assertThat(label.getText()).isEqualTo("Hello from Hello Panel");
            assertThat(label.getClass().getClassLoader()).isNotSameAs(HostStub.class.getClassLoader());
            assertThat(stub.runningPlugins().get(0).getClass().getClassLoader().getParent())
                    .isSameAs(HostStub.class.getClassLoader());
            Rectangle panel = onScreen(stub.pluginPanel("hello").orElseThrow());
            Rectangle editor = onScreen(stub.editorArea());
            assertThat(panel.x).as("plugin panel left edge vs image area right edge")
                    .isGreaterThanOrEqualTo(editor.x + editor.width);
            assertThat(stub.messages()).isEmpty();
        });
    }

    @Test
    void should_skip_a_non_jar_and_a_corrupt_jar_with_a_message_and_still_load_the_good_plugin() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Files.writeString(plugins.resolve("README.txt"), "not a plugin");
        Files.write(plugins.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 'n', 'o', 't', ' ', 'a', ' ', 'z', 'i'});
        TestPlugins.normal(plugins, "good", "Good");

        HostStub stub = open(options().withPluginsFolder(plugins));

        Edt.run(() -> {
            assertThat(stub.runningPlugins()).extracting(p -> p.id()).containsExactly("good");
            assertThat(stub.messages()).hasSize(1);
            assertThat(stub.messages().get(0).kind()).isEqualTo(MessageKind.WARNING);
            assertThat(stub.messages().get(0).text())
                    .contains("Skipped README.txt: not a .jar file")
                    .contains("Skipped broken.jar: it is not a valid jar");
            assertThat(stub.frame().isShowing()).as("stub.frame().isShowing()").isEqualTo(true);
        });
    }

    @Test
    void should_show_a_message_and_keep_the_documents_when_a_plugin_in_the_folder_throws_in_start()
            throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPlugins.jar(plugins, "bad.jar", "bad", "Bad Plugin",
                "throw new IllegalStateException(\"the model folder is missing\");");
        TestPlugins.normal(plugins, "good", "Good");

        HostStub stub = open(options().withPluginsFolder(plugins).withMessageDialogs(true));

        Waits.until("the error dialog shows", () -> java.util.Arrays.stream(java.awt.Window.getWindows())
                .anyMatch(w -> "message.error".equals(w.getName()) && w.isShowing()));
        Edt.run(() -> {
            assertThat(stub.messages()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.ERROR);
                assertThat(m.text()).contains("\u201cBad Plugin\u201d").contains("could not start")
                        .contains("the model folder is missing").contains("keeps running");
            });
            assertThat(stub.runningPlugins()).extracting(p -> p.id()).containsExactly("good");
            assertThat(stub.frame().isShowing()).as("stub.frame().isShowing()").isEqualTo(true);
        });
    }

    @Test
    void should_keep_open_documents_intact_when_a_plugin_docked_later_throws_in_start() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPlugins.jar(plugins, "late.jar", "late", "Late", "throw new NoClassDefFoundError(\"ai/onnxruntime/OrtEnvironment\");");
        HostStub stub = open(options());
        Edt.run(() -> stub.openDocument(new java.awt.image.BufferedImage(64, 48,
                java.awt.image.BufferedImage.TYPE_INT_ARGB), "sketch"));
        java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {plugins.resolve("late.jar").toUri().toURL()}, HostStub.class.getClassLoader());
        dev.stepcast.host.EditorPlugin late = (dev.stepcast.host.EditorPlugin) loader
                .loadClass("testplugin.late.TestPlugin").getDeclaredConstructor().newInstance();

        boolean docked = Edt.query(() -> stub.dock(late));

        assertThat(docked).as("docked").isEqualTo(false);
        Edt.run(() -> {
            assertThat(stub.messages()).singleElement().satisfies(m ->
                    assertThat(m.text()).contains("could not start").contains("ai/onnxruntime/OrtEnvironment"));
            assertThat(stub.documents()).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("sketch");
                assertThat(d.layers()).hasSize(1);
            });
            assertThat(stub.frame().isShowing()).as("stub.frame().isShowing()").isEqualTo(true);
        });
        loader.close();
    }

    @Test
    void should_skip_a_jar_whose_plugin_is_already_on_the_hosts_class_path() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        dev.stepcast.testkit.TestJars.builder()
                .source("dev.stepcast.hoststub.ClassPathPlugin", "package dev.stepcast.hoststub;"
                        + " public final class ClassPathPlugin extends ImposterBase { }")
                .source("dev.stepcast.hoststub.ImposterBase", "package dev.stepcast.hoststub;"
                        + " public class ImposterBase { }")
                .resource("META-INF/services/dev.stepcast.host.EditorPlugin", "dev.stepcast.hoststub.ClassPathPlugin\n")
                .build(plugins.resolve("twice.jar"));

        HostStub stub = open(options().withPluginsFolder(plugins));

        Edt.run(() -> {
            assertThat(stub.runningPlugins()).isEmpty();
            assertThat(stub.messages()).singleElement().satisfies(m -> assertThat(m.text())
                    .contains("Skipped twice.jar: its plugin classes are already on the host's own class path"));
        });
    }

    @Test
    void should_stop_the_plugins_when_the_host_closes() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPlugins.normal(plugins, "stopper", "Stopper");
        System.clearProperty("testplugin.stopper.stopped");
        HostStub stub = open(options().withPluginsFolder(plugins));

        closeStub();

        assertThat(System.getProperty("testplugin.stopper.stopped")).isEqualTo("true");
        assertThat(Edt.query(() -> stub.frame().isDisplayable())).as("stub.frame().isDisplayable()").isEqualTo(false);
    }

    @Test
    void should_name_a_plugin_whose_stop_blocks_past_its_deadline_and_finish_closing() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        // Blocks the EDT in stop() until released (gives up after about 30 s so a broken host fails, not hangs).
        TestPlugins.jar(plugins, "stuck.jar", "stuck", "Stuck Plugin", TestPlugins.NORMAL_START,
                "for (int i = 0; i < 6000 && System.getProperty(\"testplugin.stuck.release\") == null; i++) {"
                        + " try { Thread.sleep(5); } catch (InterruptedException e) { return; } }");
        System.clearProperty("testplugin.stuck.release");
        HostStub stub = open(options().withPluginsFolder(plugins));
        List<String> reported = new CopyOnWriteArrayList<>();
        stub.onStuckPlugin(line -> {
            reported.add(line);
            System.setProperty("testplugin.stuck.release", "true");
        });

        closeStub();

        assertThat(reported).containsExactly("The plugin \u201cStuck Plugin\u201d (testplugin.stuck.TestPlugin) did not "
                + "stop within 3 s; the editor closes without waiting for it.");
        assertThat(Edt.query(() -> stub.frame().isDisplayable())).as("frame still displayable").isEqualTo(false);
        System.clearProperty("testplugin.stuck.release");
    }

    private static Rectangle onScreen(Component c) {
        Rectangle r = new Rectangle(c.getSize());
        r.setLocation(c.getLocationOnScreen());
        SwingUtilities.isEventDispatchThread();
        return r;
    }
}
