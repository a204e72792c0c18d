package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import io.github.andrewauclair.moderndocking.DockingRegion;
import io.github.andrewauclair.moderndocking.app.Docking;
import java.awt.Component;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** Plugin panels can be re-docked, tabbed and floated, and the layout persists between two opens with one home. */
class LayoutPersistenceTest extends HostStubTestBase {

    @Test
    void should_restore_a_re_docked_plugin_panel_when_the_host_stub_is_opened_again_with_the_same_home()
            throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPlugins.normal(plugins, "mover", "Mover");
        HostStubOptions options = options().withPluginsFolder(plugins);
        HostStub first = open(options);
        assertThat(pluginIsRightOfEditor(first)).as("docked on the right by default").isEqualTo(true);

        Edt.run(() -> Docking.dock(first.plugins().running().get(0).dockable().getPersistentID(), "editor", DockingRegion.WEST, 0.3));
        Waits.until("the panel moved left", () -> !pluginIsRightOfEditor(first));
        closeStub();
        assertThat(options.home().resolve("layout.xml")).exists();

        HostStub second = open(options);

        Waits.until("the panel is on the left again", () -> second.pluginPanel("mover").map(Component::isShowing)
                .orElse(false) && !pluginIsRightOfEditor(second));
    }

    @Test
    void should_use_the_default_layout_when_asked_not_to_restore() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPlugins.normal(plugins, "mover", "Mover");
        HostStub first = open(options().withPluginsFolder(plugins));
        Edt.run(() -> Docking.dock(first.plugins().running().get(0).dockable().getPersistentID(), "editor", DockingRegion.WEST, 0.3));
        closeStub();

        HostStub second = open(options().withPluginsFolder(plugins).withRestoreLayout(false));

        Waits.until("the panel is on the right", () -> pluginIsRightOfEditor(second));
    }

    @Test
    void should_use_the_default_layout_and_say_so_when_the_saved_layout_is_corrupt() throws Exception {
        Path home = Files.createDirectories(options().home());
        Files.writeString(home.resolve("layout.xml"), "<not-a-layout");
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPlugins.normal(plugins, "mover", "Mover");

        HostStub stub = open(options().withPluginsFolder(plugins));

        Waits.until("the panel is on the right", () -> pluginIsRightOfEditor(stub));
        Edt.run(() -> assertThat(stub.messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("layout.xml").contains("default layout")));
    }

    @Test
    void should_open_quietly_with_the_default_layout_when_a_plugin_of_the_saved_layout_is_gone() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path jar = TestPlugins.normal(plugins, "gone", "Gone");
        open(options().withPluginsFolder(plugins));
        closeStub();
        Files.delete(jar);

        HostStub stub = open(options().withPluginsFolder(plugins));

        Edt.run(() -> {
            assertThat(stub.messages()).isEmpty();
            assertThat(stub.editorArea().isShowing()).as("stub.editorArea().isShowing()").isEqualTo(true);
            assertThat(stub.layersPanel().isShowing()).as("stub.layersPanel().isShowing()").isEqualTo(true);
        });
    }

    @Test
    void should_tab_a_second_plugin_panel_with_the_first_on_the_right() {
        HostStub stub = open(options());

        Edt.run(() -> {
            stub.dock(new InlinePlugin("one", "One"));
            stub.dock(new InlinePlugin("two", "Two"));
        });

        Waits.until("both panels share one tabbed pane", () -> {
            Component one = stub.pluginPanel("one").orElseThrow();
            Component two = stub.pluginPanel("two").orElseThrow();
            JTabbedPane tabs = (JTabbedPane) SwingUtilities.getAncestorOfClass(JTabbedPane.class, one);
            return tabs != null && tabs == SwingUtilities.getAncestorOfClass(JTabbedPane.class, two);
        });
        assertThat(pluginIsRightOfEditor(stub, "two")).as("the selected tab").isEqualTo(true);
    }

    @Test
    void should_float_a_plugin_panel_in_its_own_window_and_restore_it_floating() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        TestPlugins.normal(plugins, "floater", "Floater");
        HostStubOptions options = options().withPluginsFolder(plugins);
        HostStub first = open(options);

        Edt.run(() -> Docking.newWindow(first.plugins().running().get(0).dockable()));
        Waits.until("the panel is in a window of its own", () -> isFloating(first));
        closeStub();

        HostStub second = open(options);

        Waits.until("the panel floats again", () -> isFloating(second));
        Edt.run(() -> Docking.dock(second.plugins().running().get(0).dockable().getPersistentID(), "editor", DockingRegion.EAST, 0.3));
        Waits.until("re-docked into the main window", () -> !isFloating(second));
    }

    private static boolean isFloating(HostStub stub) {
        return Edt.query(() -> stub.pluginPanel(stub.runningPlugins().get(0).id())
                .map(p -> p.isShowing() && SwingUtilities.getWindowAncestor(p) != stub.frame()).orElse(false));
    }

    private static boolean pluginIsRightOfEditor(HostStub stub) {
        return pluginIsRightOfEditor(stub, Edt.query(() -> stub.runningPlugins().get(0).id()));
    }

    private static boolean pluginIsRightOfEditor(HostStub stub, String pluginId) {
        return Edt.query(() -> {
            Component panel = stub.pluginPanel(pluginId).orElseThrow();
            if (!panel.isShowing()) {
                return false;
            }
            Rectangle p = new Rectangle(panel.getLocationOnScreen(), panel.getSize());
            Rectangle e = new Rectangle(stub.editorArea().getLocationOnScreen(), stub.editorArea().getSize());
            return p.x >= e.x + e.width;
        });
    }
}
