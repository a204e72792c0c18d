package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepcast.panel.settings.Settings;
import dev.stepcast.standins.SdapiStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connecting and listing a server from the settings, over real HTTP against the sdapi stand-in. */
class ServerConnectionsTest {

    private final SdapiStandIn sdapi = new SdapiStandIn(SdapiStandIn.Flavour.A1111).start();

    @AfterEach
    void stop() {
        sdapi.close();
    }

    private Settings.ServerPrefs prefs(String protocol, String user) {
        return new Settings.ServerPrefs("box", sdapi.url().toString(), protocol, user);
    }

    @Test
    void should_list_the_checkpoints_of_a_server_named_sdapi_or_detected() {
        for (String protocol : new String[] {"sdapi", "auto"}) {
            ServerConnections.Listing listing = ServerConnections.connectAndList(prefs(protocol, null), null,
                    Settings.RemotePrefs.defaults());
            try {
                assertThat(listing.problem()).isNull();
                assertThat(listing.checkpoints()).containsExactlyElementsOf(SdapiStandIn.CHECKPOINTS);
            } finally {
                listing.backend().close();
            }
        }
    }

    @Test
    void should_test_a_server_with_the_session_password_and_say_what_it_is() throws Exception {
        sdapi.requireBasicAuth("painter", "pw");

        String line = ServerConnections.test(prefs("sdapi", "painter"), "pw", Settings.RemotePrefs.defaults());

        assertThat(line).isEqualTo("SD.Next/A1111 (sdapi) at 127.0.0.1:" + sdapi.url().getPort() + " — 2 checkpoints");
        assertThatThrownBy(() -> ServerConnections.test(prefs("sdapi", "painter"), "wrong",
                Settings.RemotePrefs.defaults())).hasMessageContaining("127.0.0.1:" + sdapi.url().getPort())
                .hasMessageNotContaining("Exception");
    }
}
