package dev.stepcast.hoststub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.formdev.flatlaf.FlatLaf;
import dev.stepcast.host.EditorHost;
import dev.stepcast.host.EditorHost.MessageKind;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Color;
import java.nio.file.Path;
import javax.swing.JLabel;
import javax.swing.UIManager;
import javax.swing.plaf.LabelUI;
import org.junit.jupiter.api.Test;

/** The port as a plugin sees it: folders, messages, the EDT rule, the look and feel it follows. */
class PortTest extends HostStubTestBase {

    @Test
    void should_give_each_plugin_a_data_folder_under_the_host_home() {
        HostStub stub = open(options());
        InlinePlugin plugin = new InlinePlugin("stepcast", "Stepcast");
        Edt.run(() -> stub.dock(plugin));

        Path folder = Edt.query(() -> plugin.host.pluginDataFolder("stepcast"));

        assertThat(folder).isDirectory().isEqualTo(options().home().resolve("plugin-data/stepcast"));
        Edt.run(() -> assertThatThrownBy(() -> plugin.host.pluginDataFolder("../escape"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../escape"));
    }

    @Test
    void should_refuse_calls_off_the_event_dispatch_thread() {
        HostStub stub = open(options());
        EditorHost host = Edt.query(stub::host);

        assertThatThrownBy(host::isActive).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event dispatch thread");
    }

    @Test
    void should_record_a_plugin_message_and_show_it_in_the_status_bar() {
        HostStub stub = open(options());

        Edt.run(() -> stub.host().showMessage(MessageKind.INFO, "Stepcast", "Model loaded"));

        Edt.run(() -> {
            assertThat(stub.messages()).singleElement()
                    .isEqualTo(new MessageLog.Message(MessageKind.INFO, "Stepcast", "Model loaded"));
            JLabel status = (JLabel) find(stub.frame(), "status.message").orElseThrow();
            assertThat(status.getText()).isEqualTo("Stepcast: Model loaded");
        });
    }

    @Test
    void should_give_plugins_the_composited_active_image() {
        HostStub stub = open(options());
        Edt.run(() -> {
            stub.openDocument(LayerThroughThePortTest.filled(10, 10, Color.WHITE), "doc");
            stub.host().addLayer(LayerThroughThePortTest.filled(5, 5, Color.BLUE), "blue", 5, 5);
        });

        Edt.run(() -> assertThat(stub.host().activeImage()).get().satisfies(image -> {
            assertThat(new Color(image.getRGB(2, 2))).isEqualTo(Color.WHITE);
            assertThat(new Color(image.getRGB(7, 7))).isEqualTo(Color.BLUE);
        }));
    }

    @Test
    void should_switch_every_window_including_plugin_panels_to_the_dark_theme_and_back() {
        HostStub stub = open(options());
        InlinePlugin plugin = new InlinePlugin("themed", "Themed");
        Edt.run(() -> stub.dock(plugin));
        JLabel label = Edt.query(() -> (JLabel) stub.pluginPanel("themed").orElseThrow());
        LabelUI lightUi = Edt.query(label::getUI);
        try {
            Edt.run(() -> stub.setDarkTheme(true));

            Waits.until("the plugin's label was updated", () -> label.getUI() != lightUi);
            Edt.run(() -> {
                assertThat(UIManager.getLookAndFeel()).isInstanceOfSatisfying(FlatLaf.class,
                        laf -> assertThat(laf.isDark()).as("laf.isDark()").isEqualTo(true));
                assertThat(label.getForeground()).isEqualTo(UIManager.getColor("Label.foreground"));
            });
            assertThat(options().home().resolve("host-stub.properties")).content().contains("theme=dark");
        } finally {
            Edt.run(() -> stub.setDarkTheme(false));
        }
        Edt.run(() -> assertThat(((FlatLaf) UIManager.getLookAndFeel()).isDark())
                .as("((FlatLaf) UIManager.getLookAndFeel()).isDark()").isEqualTo(false));
    }

    @Test
    void should_stop_a_plugin_docked_directly_when_the_host_closes() {
        HostStub stub = open(options());
        InlinePlugin plugin = new InlinePlugin("closing", "Closing");
        Edt.run(() -> stub.dock(plugin));

        closeStub();

        assertThat(plugin.stopped).as("plugin.stopped").isEqualTo(true);
        assertThat(Edt.query(stub::isClosed)).as("stub::isClosed").isEqualTo(true);
    }
}
