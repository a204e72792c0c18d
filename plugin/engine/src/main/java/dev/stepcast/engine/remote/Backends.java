package dev.stepcast.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepcast.engine.Backend;
import dev.stepcast.engine.remote.RemoteServer.Protocol;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connects to a server and returns the {@link Backend} that speaks its protocol.
 *
 * <p><b>Threads:</b> stateless; call off the EDT (it talks to the network).
 */
public final class Backends {

    private static final Logger LOG = Logger.getLogger(Backends.class.getName());

    private Backends() {
    }

    /**
     * Connects to {@code server}: detects the protocol when {@link Protocol#AUTO} (ComfyUI answers
     * {@code /system_stats}; SD.Next's v2 API {@code /sdapi/v2/server-info}; the sdapi {@code /sdapi/v1/samplers})
     * and checks that the server answers. The backend's lists are fetched lazily.
     *
     * @throws RemoteException one line naming the URL: unreachable, credentials needed or wrong, not a server Stepcast
     *                         speaks to, or its own error text
     */
    public static Backend connect(RemoteServer server) throws RemoteException {
        RemoteHttp http = new RemoteHttp(server);
        try {
            Protocol protocol = server.protocol() == Protocol.AUTO ? detect(http) : server.protocol();
            return switch (protocol) {
                case SDAPI -> SdapiBackend.open(http);
                case SDNEXT_V2 -> SdNextV2Backend.open(http);
                case COMFYUI -> ComfyUiBackend.open(http);
                case AUTO -> throw new IllegalStateException("detect returned AUTO");
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(server.url(), "connecting to " + server.url() + " was interrupted", e);
        }
    }

    /** Which protocol the server speaks; throws when none. */
    public static Protocol detect(RemoteHttp http) throws RemoteException, InterruptedException {
        RemoteHttp.Answer comfy = http.get("/system_stats", http.server().readTimeout());
        if (comfy.status() == 401) {
            http.expectOk(comfy);
        }
        if (comfy.status() == 200 && isJsonObjectWith(comfy, "system")) {
            return Protocol.COMFYUI;
        }
        RemoteHttp.Answer v2 = http.get("/sdapi/v2/server-info", http.server().readTimeout());
        if (v2.status() == 401) {
            http.expectOk(v2);
        }
        if (v2.status() == 200 && isJsonObjectWith(v2, "version")) {
            return Protocol.SDNEXT_V2;
        }
        RemoteHttp.Answer v1 = http.get("/sdapi/v1/samplers", http.server().readTimeout());
        if (v1.status() == 401) {
            http.expectOk(v1);
        }
        if (v1.status() == 200 && json(v1) != null && json(v1).isArray()) {
            return Protocol.SDAPI;
        }
        throw new RemoteException(http.base(), http.base() + " does not answer as ComfyUI, SD.Next or A1111 (HTTP "
                + comfy.status() + " on /system_stats, " + v1.status() + " on /sdapi/v1/samplers; A1111 needs "
                + "--api)");
    }

    private static boolean isJsonObjectWith(RemoteHttp.Answer a, String field) {
        JsonNode n = json(a);
        return n != null && n.isObject() && n.has(field);
    }

    private static JsonNode json(RemoteHttp.Answer a) {
        try {
            return RemoteHttp.JSON.readTree(a.body());
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, a.uri() + " is not JSON", e);
            return null;
        }
    }
}
